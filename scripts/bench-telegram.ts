import { fork } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { configFromProcess } from '../src/config/loket.config';
import { resolveDatabase } from '../src/database/database-url';
import { freePort } from '../test/support/free-port';
import { scratchDatabase } from './bench/bench-database';
import { cpuPerOperation, sampleCpu } from './bench/cpu';
import { LoketProcess, startLoketProcess } from './bench/loket-process';
import type { ClientCommand, ClientReport } from './bench/telegram-client';
import { fmt } from './bench/load';
import { fail, flags } from './with-database';

// npm run bench:telegram -- --updates 4000 --chats 200 --concurrency 32 --rate 200 --rate-seconds 10 --workers 1
// The built Loket (LOKET_WORKERS processes) in webhook mode on a scratch database, replying through
// a fake Telegram API; everything on 127.0.0.1. Posts /help updates to the webhook, first as fast as
// it can, then at a fixed rate, and reports the time from receipt (telegram_inbox.received_at) to the
// reply being in the outbox.
const TOKEN = '123456:bench-token';
const SECRET = 'bench_webhook_secret_0123456789';

interface Latency {
  replies: number;
  p50: number;
  p99: number;
  seconds: number;
}

async function main(): Promise<void> {
  const options = flags();
  const updates = Number(options.updates ?? 4000);
  const chats = Number(options.chats ?? 200);
  const concurrency = Number(options.concurrency ?? 32);
  const rate = Number(options.rate ?? 200);
  const rateSeconds = Number(options['rate-seconds'] ?? 10);
  const workers = Number(options.workers ?? 1);
  const deadline = Date.now() + Number(options['max-seconds'] ?? 180) * 1000;
  if (![updates, chats, concurrency, rate, rateSeconds, workers].every((n) => Number.isInteger(n) && n > 0)) {
    fail('--updates, --chats, --concurrency, --rate, --rate-seconds and --workers take positive whole numbers');
  }

  const base = configFromProcess();
  const server = await resolveDatabase(base);
  const scratch = await scratchDatabase(server.url, 'loket_bench_telegram');
  const client = await startClient();
  let loket: LoketProcess | undefined;
  let db: Client | undefined;
  try {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // Replies go out as fast as the fake takes them, so the outbox never builds a backlog that
    // would slow the next phase; TELEGRAM_CHAT_RATE and TELEGRAM_GLOBAL_RATE from the environment win.
    loket = await startLoketProcess({
      TELEGRAM_GLOBAL_RATE: '1000',
      ...pick(process.env, 'TELEGRAM_CHAT_RATE', 'TELEGRAM_GLOBAL_RATE'),
      PORT: String(port),
      LOKET_WORKERS: String(workers),
      DATABASE_URL: scratch.url,
      JWT_SECRET: 'bench-only-secret-bench-only-secret',
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_MODE: 'webhook',
      TELEGRAM_WEBHOOK_URL: url,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: client.apiRoot,
    });
    db = new Client({ connectionString: scratch.url });
    await db.connect();
    const webhook = `${url}/api/telegram/webhook`;
    console.log(`webhook at ${url}, LOKET_WORKERS=${workers}; replies go to a fake Telegram API on 127.0.0.1`);
    const roots = { loket: loket.pid, client: client.pid };
    const before = sampleCpu(roots);
    const posted = await client.run({
      type: 'burst',
      webhook,
      secret: SECRET,
      chats,
      first: 1,
      count: updates,
      concurrency,
    });
    const accepted = posted.posted / posted.seconds;
    const burst = await latency(db, 1, updates, deadline);
    console.log(
      `telegram updates/s: ${fmt(burst.replies / burst.seconds)} ` +
        `(${updates} updates from ${chats} chats, ${concurrency} concurrent requests; ` +
        `webhook accepted ${fmt(accepted)}/s, ${posted.refused} refused)`,
    );
    report('  receipt → reply in outbox', burst, updates);
    console.log(`  CPU per update: ${cpuPerOperation(before, sampleCpu(roots), burst.replies)}`);
    if (!(await outboxDrained(db, Math.min(deadline, Date.now() + 30_000)))) {
      console.log('note: replies were still waiting in the outbox when the fixed-rate run started');
    }

    const first = updates + 1;
    const run = await client.run({ type: 'rate', webhook, secret: SECRET, chats, first, rate, seconds: rateSeconds });
    const offered = run.posted / run.seconds;
    const refused = run.refused;
    const posts = { length: run.posted };
    const steady = await latency(db, first, first + posts.length - 1, deadline);
    console.log(`at ${fmt(offered)} updates/s for ${rateSeconds} s (${posts.length} updates, ${refused} refused):`);
    report('  receipt → reply in outbox', steady, posts.length);
    console.log(`  p99 at ${rate} updates/s: ${steady.p99.toFixed(1)} ms (target < 100 ms)`);
  } finally {
    await db?.end();
    await loket?.stop();
    client.stop();
    await scratch.drop();
    await server.stop();
  }
}

/** Waits until updates from..to are handled, then measures receipt → reply for them. */
async function latency(db: Client, from: number, to: number, deadline: number): Promise<Latency> {
  while (Date.now() < deadline) {
    const {
      rows: [{ open }],
    } = await db.query<{ open: number }>(
      'SELECT count(*)::int AS open FROM telegram_inbox WHERE update_id BETWEEN $1 AND $2 AND handled_at IS NULL',
      [from, to],
    );
    if (open === 0) break;
    await sleep(100);
  }
  const {
    rows: [row],
  } = await db.query<{ replies: number; p50: number | null; p99: number | null; seconds: number | null }>(
    `WITH replies AS (
       SELECT i.received_at, o.created_at, extract(epoch FROM o.created_at - i.received_at) * 1000 AS ms
         FROM telegram_inbox i JOIN telegram_outbox o ON o.inbox_update_id = i.update_id
        WHERE i.update_id BETWEEN $1 AND $2)
     SELECT count(*)::int AS replies,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99,
            extract(epoch FROM max(created_at) - min(received_at)) AS seconds
       FROM replies`,
    [from, to],
  );
  return { replies: row.replies, p50: Number(row.p50 ?? 0), p99: Number(row.p99 ?? 0), seconds: Number(row.seconds) };
}

/** The fake Telegram API and the update poster, in a child process (see bench/telegram-client.ts). */
async function startClient() {
  const child = fork(join(__dirname, 'bench', 'telegram-client.ts'), [TOKEN], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
  });
  const next = () => new Promise<ClientReport>((resolve) => child.once('message', (m: ClientReport) => resolve(m)));
  const ready = await next();
  if (ready.type !== 'ready') throw new Error('the benchmark client did not start');
  return {
    apiRoot: ready.apiRoot,
    pid: child.pid!,
    run: async (command: ClientCommand) => {
      child.send(command);
      const report = await next();
      if (report.type !== 'done') throw new Error('unexpected report from the benchmark client');
      return report;
    },
    stop: () => child.send({ type: 'stop' } satisfies ClientCommand),
  };
}

function report(label: string, result: Latency, expected: number): void {
  const missing = expected - result.replies;
  console.log(
    `${label}: p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms` +
      (missing > 0 ? ` (${missing} updates without a reply by the deadline)` : ''),
  );
}

/** True once every reply has left the outbox, false if some are still there at the deadline. */
async function outboxDrained(db: Client, deadline: number): Promise<boolean> {
  for (;;) {
    const {
      rows: [{ open }],
    } = await db.query<{ open: number }>(
      `SELECT count(*)::int AS open FROM telegram_outbox WHERE status IN ('pending', 'sending')`,
    );
    if (open === 0) return true;
    if (Date.now() > deadline) return false;
    await sleep(200);
  }
}

function pick(env: NodeJS.ProcessEnv, ...names: string[]): Record<string, string> {
  return Object.fromEntries(names.filter((n) => env[n] !== undefined).map((n) => [n, env[n]!]));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
