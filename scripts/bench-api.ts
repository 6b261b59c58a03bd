import { Client } from 'pg';
import { configFromProcess } from '../src/config/loket.config';
import { resolveDatabase } from '../src/database/database-url';
import { scratchDatabase } from './bench/bench-database';
import { benchCpu, cpuPerOperation, groupCpuPerOperation, postmasterOf } from './bench/cpu';
import { fmt, pgbenchScriptTps, pgbenchTps } from './bench/load';
import { runLoad } from './bench/load-runner';
import { startFloorProcess } from './bench/floor-process';
import { startLoketProcess } from './bench/loket-process';
import { apiOf } from './bench/setup-api';
import { flags } from './with-database';

// npm run bench:api -- --connections 16 --seconds 10 --users 200 --workers 1
// Starts the built Loket (LOKET_WORKERS processes) on a scratch database, signs users up and funds
// them over the API, asks for one code per transfer beforehand (OTP_DELIVERY=response), then drives
// POST /api/wallet/transfers with autocannon; then the same through the floor (floor-server.ts, as
// many workers); then transfers as a user makes them, a pair of calls each: POST /api/otp for a
// code, and the transfer confirmed with it.
// One worker by default, as Loket's own default: on two cores shared with PostgreSQL and the load
// generator, a second worker made the same transfers per second at a third more CPU per transfer,
// for Loket and the floor alike (README, Benchmarks).
const JWT_SECRET = 'bench-only-secret-bench-only-secret';
const WARM_UP = 500;
const ADMIN = { username: 'bench_admin', password: 'bench-admin-password' };

async function main(): Promise<void> {
  const options = flags();
  const connections = Number(options.connections ?? 16);
  const seconds = Number(options.seconds ?? 10);
  const userCount = Number(options.users ?? 200);
  const workers = Number(options.workers ?? 1);
  const base = configFromProcess();
  const server = await resolveDatabase(base);
  const scratch = await scratchDatabase(server.url, 'loket_bench_api');
  const loket = await startLoketProcess({
    DATABASE_URL: scratch.url,
    LOKET_WORKERS: String(workers),
    JWT_SECRET,
    SIGNIN_RATE_LIMIT: '1000000',
    SIGNUP_RATE_LIMIT: '1000000',
    OTP_DELIVERY: 'response',
    OTP_MAX_PER_MINUTE: '1000000',
    LOKET_ADMIN_USERNAME: ADMIN.username,
    LOKET_ADMIN_PASSWORD: ADMIN.password,
  });
  try {
    const { post } = apiOf(loket.url);
    const admin = String((await post('/api/auth/signin', ADMIN)).accessToken);
    const people = await Promise.all(
      Array.from({ length: userCount }, async (_, i) => {
        const username = `bench_${i}`;
        const user = await post('/api/auth/signup', { username, password: 'bench-password', name: username });
        await post(
          '/api/admin/ledger/adjustments',
          { account: `wallet:${String(user.id)}`, amount: '10000000', reason: 'bench funds' },
          admin,
        );
        const signin = await post('/api/auth/signin', { username, password: 'bench-password' });
        return { username, token: String(signin.accessToken) };
      }),
    );

    // One confirmed request per transfer, prepared before the clock starts: for Loket, then for the floor.
    const expected = Number(options.transfers ?? 1500 * seconds);
    const prepareTransfers = async (count: number): Promise<string[]> => {
      const prepared: string[] = [];
      const prepare = async (i: number) => {
        const from = people[i % people.length];
        // Any offset from 1 to n-1 lands on someone else.
        const to = people[(i + 1 + ((i * 7) % (people.length - 1))) % people.length];
        const body = { action: 'transfer', to: to.username, amount: 1 + (i % 100) };
        const otp = await post('/api/otp', body, from.token);
        prepared.push(
          JSON.stringify({
            token: from.token,
            body: { to: to.username, amount: body.amount, otp: { challengeId: otp.challengeId, code: otp.code } },
          }),
        );
      };
      for (let i = 0; i < count; i += 64) {
        await Promise.all(Array.from({ length: Math.min(64, count - i) }, (_, k) => prepare(i + k)));
      }
      return prepared;
    };
    const forLoket = await prepareTransfers(WARM_UP + expected);
    const forFloor = await prepareTransfers(WARM_UP + expected);

    const postmaster = await postmasterOfDatabase(scratch.url);
    // `name` is the service's group in the CPU figures: 'loket' or 'floor'. The first WARM_UP
    // transfers go unmeasured, so neither service's route is timed while V8 still compiles it.
    const transfersThrough = async (name: string, target: { url: string; pid: number }, requests: string[]) => {
      const sampleCpu = (loadPid: number) => benchCpu({ [name]: target.pid, autocannon: loadPid }, postmaster);
      const path = '/api/wallet/transfers';
      const warmUp = requests.slice(0, WARM_UP);
      await runLoad(
        { url: target.url, path, connections, seconds, amount: warmUp.length, requests: warmUp },
        sampleCpu,
      );
      const run = await runLoad(
        { url: target.url, path, connections, seconds, requests: requests.slice(WARM_UP) },
        sampleCpu,
      );
      if (run.result.reused > 0)
        console.log(`note: ${run.result.reused} requests reused a spent code (raise --transfers)`);
      return run;
    };
    const sample = (loadPid: number) => benchCpu({ loket: loket.pid, autocannon: loadPid }, postmaster);
    const { result, before, atReport } = await transfersThrough('loket', loket, forLoket);
    const ok = result.ok;
    console.log(
      `api transfers/s: ${fmt(ok / result.seconds)} (workers=${workers}, connections=${connections}, ${ok} ok, ${result.non2xx} non-2xx)`,
    );
    console.log(`  p50 ${result.p50} ms, p99 ${result.p99} ms`);
    console.log(`  CPU per transfer: ${cpuPerOperation(before, atReport, result.ok)}`);

    // The same transfers through the thinnest service that can make them (floor-server.ts).
    const floor = await startFloorProcess({ databaseUrl: scratch.url, jwtSecret: JWT_SECRET, workers });
    try {
      const thin = await transfersThrough('floor', floor, forFloor);
      const rate = thin.result.ok / thin.result.seconds;
      console.log(
        `floor transfers/s: ${fmt(rate)} (plain Fastify + pg, the same SQL; ${thin.result.ok} ok, ${thin.result.non2xx} non-2xx)`,
      );
      console.log(`  p50 ${thin.result.p50} ms, p99 ${thin.result.p99} ms`);
      console.log(`  CPU per transfer: ${cpuPerOperation(thin.before, thin.atReport, thin.result.ok)}`);
      const cpuRatio =
        groupCpuPerOperation(before, atReport, 'loket', result.ok) /
        groupCpuPerOperation(thin.before, thin.atReport, 'floor', thin.result.ok);
      console.log(
        `api / floor: ${(ok / result.seconds / rate).toFixed(2)} transfers/s, ${cpuRatio.toFixed(2)} CPU per transfer`,
      );
    } finally {
      await floor.stop();
    }

    const pairs = await runLoad(
      {
        url: loket.url,
        path: '/api/otp',
        thenPath: '/api/wallet/transfers',
        connections,
        seconds,
        requests: people.map((from, i) => {
          const to = people[(i + 1) % people.length].username;
          return JSON.stringify({
            token: from.token,
            body: { action: 'transfer', to, amount: 1 },
            then: { to, amount: 1 },
          });
        }),
      },
      sample,
    );
    const pairCount = Math.floor(pairs.result.ok / 2);
    console.log(
      `api pairs/s (ask for a code, then confirm the transfer): ${fmt(pairCount / pairs.result.seconds)} (${pairCount} pairs, ${pairs.result.non2xx} non-2xx)`,
    );
    console.log(`  p50 ${pairs.result.p50} ms, p99 ${pairs.result.p99} ms (per call)`);
    console.log(`  CPU per pair: ${cpuPerOperation(pairs.before, pairs.atReport, pairCount)}`);

    const ceiling = await databaseOnlyTps(server.url, scratch.url, seconds, postmaster);
    if (ceiling !== null)
      console.log(`api / database only: ${(ok / result.seconds / ceiling).toFixed(2)} (target >= 0.6)`);

    const pgbench = await scratchDatabase(server.url, 'loket_bench_pgbench');
    try {
      const tps = pgbenchTps(server.url, 'loket_bench_pgbench', seconds);
      if (tps === null) console.log('pgbench tps: not measured (pgbench is not installed)');
      else {
        console.log(`pgbench tps: ${fmt(tps)} (TPC-B, scale 10, -M prepared -c 8)`);
        console.log(`api / pgbench: ${(ok / result.seconds / tps).toFixed(2)} (target >= 0.3)`);
        if (ceiling !== null) console.log(`database only / pgbench: ${(ceiling / tps).toFixed(2)}`);
      }
    } finally {
      await pgbench.drop();
    }
  } finally {
    await loket.stop();
    await scratch.drop();
    await server.stop();
  }
}

/** Only this benchmark's PostgreSQL counts as "postgres": other test clusters may run beside it. */
async function postmasterOfDatabase(url: string): Promise<number | undefined> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    return await postmasterOf(db);
  } finally {
    await db.end();
  }
}

/**
 * The same transfers with no HTTP, no Node and no code to check: pgbench calling wallet_transfer
 * directly between the benchmark's users, 8 clients. What the database alone can do on this
 * machine, so the API figure can be read against it.
 */
async function databaseOnlyTps(
  serverUrl: string,
  databaseUrl: string,
  seconds: number,
  postmaster: number | undefined,
): Promise<number | null> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  let people: number;
  try {
    await db.query(`CREATE TABLE bench_people AS
      SELECT row_number() OVER (ORDER BY username)::int AS n, id, username FROM users WHERE username ~ '^bench_[0-9]+$'`);
    await db.query('ALTER TABLE bench_people ADD PRIMARY KEY (n)');
    // Without statistics the planner scans the whole table for each of the script's two lookups,
    // which the ceiling would then count as the database's work.
    await db.query('ANALYZE bench_people');
    people = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM bench_people')).rows[0].n;
  } finally {
    await db.end();
  }
  const script = [
    `\\set a random(1, ${people})`,
    `\\set b random(1, ${people - 1})`,
    `\\set c (:a + :b - 1) % ${people} + 1`,
    `SELECT outcome FROM wallet_transfer((SELECT id FROM bench_people WHERE n = :a),
       (SELECT username FROM bench_people WHERE n = :c), 1, NULL, '{}', NULL, NULL, NULL, NULL, NULL, '{"text":"bench"}');`,
  ].join('\n');
  const before = benchCpu({}, postmaster);
  const tps = pgbenchScriptTps(serverUrl, new URL(databaseUrl).pathname.slice(1), seconds, script);
  if (tps === null) return null;
  console.log(`database only: ${fmt(tps)} transfers/s (pgbench calling wallet_transfer, -c 8)`);
  // pgbench itself counts among "other processes"; its set-up is a small part of the run.
  console.log(`  CPU per transfer: ${cpuPerOperation(before, benchCpu({}, postmaster), Math.round(tps * seconds))}`);
  return tps;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
