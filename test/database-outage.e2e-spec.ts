import type { Response } from 'supertest';
import { DATABASE_RETRY_AFTER_SECONDS } from '../src/database/database-unavailable';
import { LedgerService } from '../src/ledger/ledger.service';
import { FakeTelegramApi } from './fakes/telegram/fake-telegram-api';
import { createUser, TestUser } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';
import { startThrowawayCluster, ThrowawayCluster } from './support/throwaway-cluster';
import { balanceOf, expectLedgerOk, fund, Otp } from './wallet/wallet-helpers';

const TOKEN = '123456:TEST-token';
const CLIENTS = 8;
const FUNDS = 1_000_000;
const OUTAGE_MS = 2000;
// Bounds on every loop: intents per client, the whole run, one request, the recovery.
const MAX_INTENTS_PER_CLIENT = 300;
const RUN_DEADLINE_MS = 25_000;
const REQUEST_TIMEOUT_MS = 10_000;
const RECOVERY_TIMEOUT_MS = 15_000;
const RETRY_ROUNDS = 3;

type Phase = 'before' | 'outage' | 'after' | 'retry';

/** One transfer a client means to make, exactly once. */
interface Intent {
  key: string;
  from: TestUser;
  to: TestUser;
  amount: number;
  otp?: Otp;
  done: boolean;
}

interface Answer {
  phase: Phase;
  request: string;
  status: number;
  code?: string;
  retryAfter?: string;
  message?: unknown;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs} ms for ${what}`);
    await sleep(50);
  }
}

/** The one answer the API may give while the database is away. */
const isDatabaseUnavailable = (a: Answer) =>
  a.status === 503 && a.code === 'DATABASE_UNAVAILABLE' && a.retryAfter === String(DATABASE_RETRY_AFTER_SECONDS);

describe('a database outage', () => {
  let cluster: ThrowawayCluster;
  let tg: FakeTelegramApi;
  let t: TestApp;
  let admin: TestUser;
  let users: TestUser[];
  const ani = { id: 7001, first_name: 'Ani' };
  const budi = { id: 7002, first_name: 'Budi' };
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  let phase: Phase = 'before';
  const sweeps: { phase: Phase; ok: boolean }[] = [];

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    cluster = await startThrowawayCluster();
    // createTestApp makes its database on this server (jest gives each suite its own process.env).
    process.env.LOKET_TEST_SERVER_URL = cluster.url;
    tg = await FakeTelegramApi.start({ token: TOKEN, botUsername: 'loket_test_bot' });
    t = await createTestApp({
      OTP_DELIVERY: 'response',
      OTP_MAX_PER_MINUTE: '100000',
      LEDGER_HOLD_SWEEP_SECONDS: '1',
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      TELEGRAM_CHAT_RATE: '50',
      TELEGRAM_POLL_TIMEOUT: '1',
    });
    // The hold sweeper's runs, to see it fail during the outage and carry on after.
    const ledger = t.app.get(LedgerService);
    const expireHolds = ledger.expireHolds.bind(ledger);
    jest.spyOn(ledger, 'expireHolds').mockImplementation(async (...args) => {
      const sweptIn = phase;
      try {
        const expired = await expireHolds(...args);
        sweeps.push({ phase: sweptIn, ok: true });
        return expired;
      } catch (error) {
        sweeps.push({ phase: sweptIn, ok: false });
        throw error;
      }
    });
    admin = await createUser(t, { role: 'admin' });
    users = await Promise.all(Array.from({ length: CLIENTS }, () => createUser(t)));
    for (const user of users) await fund(t, admin, user, FUNDS);
    // The bot polls before the outage.
    tg.sendText(ani, '/help');
    await tg.waitForMessages(ani.id, 1, { timeoutMs: 10_000 });
  });

  afterAll(async () => {
    try {
      // The test database goes with the cluster.
      await t?.app.close();
      await tg?.stop();
    } finally {
      await cluster?.remove();
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('answers 503 DATABASE_UNAVAILABLE while PostgreSQL restarts, recovers by itself and loses nothing', async () => {
    const answers: Answer[] = [];
    const ready: Answer[] = [];
    const intents: Intent[] = [];
    const answer = (request: string, res: Response): Answer => ({
      phase,
      request,
      status: res.status,
      // Only errors have a code (a 201 from POST /api/otp has the one-time code under that name).
      code: res.ok ? undefined : (res.body as { code?: string }).code,
      retryAfter: res.headers['retry-after'],
      message: (res.body as { message?: unknown }).message,
    });

    const attempt = async (intent: Intent): Promise<boolean> => {
      if (!intent.otp) {
        const res = await t
          .http()
          .post('/api/otp')
          .set(intent.from.auth)
          .timeout(REQUEST_TIMEOUT_MS)
          .send({ action: 'transfer', to: intent.to.username, amount: intent.amount });
        answers.push(answer('POST /api/otp', res));
        if (res.status !== 201) return false;
        intent.otp = { challengeId: res.body.challengeId, code: res.body.code };
      }
      // After a 503 a client sends the same request again: the same key and the same code. A transfer
      // that committed before its answer was lost is replayed by the key; one that did not never
      // spent the code (the code is spent in the transfer's own transaction).
      const res = await t
        .http()
        .post('/api/wallet/transfers')
        .set(intent.from.auth)
        .set('Idempotency-Key', intent.key)
        .timeout(REQUEST_TIMEOUT_MS)
        .send({ to: intent.to.username, amount: intent.amount, otp: intent.otp });
      answers.push(answer('POST /api/wallet/transfers', res));
      intent.done = res.status === 201;
      return intent.done;
    };

    let stopping = false;
    const deadline = Date.now() + RUN_DEADLINE_MS;
    const going = () => !stopping && Date.now() < deadline;
    const client = async (i: number) => {
      for (let n = 0; going() && n < MAX_INTENTS_PER_CLIENT; n++) {
        const intent: Intent = {
          key: `outage-${i}-${n}`,
          from: users[i],
          to: users[(i + 1 + (n % (CLIENTS - 1))) % CLIENTS],
          amount: 1 + ((i * 31 + n) % 97),
          done: false,
        };
        intents.push(intent);
        // Failed intents are retried at the end; meanwhile the load keeps coming, faster than Retry-After.
        if (!(await attempt(intent))) await sleep(100);
      }
    };
    const probe = async () => {
      while (going()) {
        ready.push(answer('GET /health/ready', await t.http().get('/health/ready').timeout(REQUEST_TIMEOUT_MS)));
        await sleep(100);
      }
    };
    const running = Promise.all([...users.map((_, i) => client(i)), probe()]);
    try {
      await until(() => intents.filter((i) => i.done).length >= 3 * CLIENTS, 10_000, 'transfers before the outage');
      phase = 'outage';
      await cluster.stop();
      tg.sendText(budi, '/help');
      await sleep(OUTAGE_MS);
      await cluster.start();
      phase = 'after';
      const doneBefore = new Set(intents.filter((i) => i.done).map((i) => i.key));
      const recovered = () =>
        ready.some((r) => r.phase === 'after' && r.status === 200) &&
        users.every((user) => intents.some((i) => i.from === user && i.done && !doneBefore.has(i.key))) &&
        sweeps.some((s) => s.phase === 'after' && s.ok);
      await until(
        recovered,
        RECOVERY_TIMEOUT_MS,
        'every client, the readiness check and the hold sweeper to work again',
      );
    } finally {
      stopping = true;
      await running;
    }

    // Every transfer that was refused is sent again until it is made.
    phase = 'retry';
    for (let round = 0; round < RETRY_ROUNDS && intents.some((i) => !i.done); round++) {
      await Promise.all(
        users.map(async (user) => {
          for (const intent of intents.filter((i) => i.from === user && !i.done)) await attempt(intent);
        }),
      );
    }

    // No 500, nothing but 201 or 503 DATABASE_UNAVAILABLE with Retry-After.
    expect(answers.filter((a) => a.status !== 201 && !isDatabaseUnavailable(a))).toEqual([]);
    expect(answers.filter((a) => a.phase === 'outage' && isDatabaseUnavailable(a)).length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.phase === 'retry' && a.status !== 201)).toEqual([]);

    // Readiness: 503 during the outage, 200 after, nothing else.
    expect(ready.filter((r) => r.status !== 200 && !isDatabaseUnavailable(r))).toEqual([]);
    expect(ready.some((r) => r.phase === 'outage' && isDatabaseUnavailable(r))).toBe(true);
    expect(ready.at(-1)).toMatchObject({ status: 200 });

    // Each intended transfer made exactly once, and no other.
    expect(intents.filter((i) => !i.done)).toEqual([]);
    const made = await t.db.query<{ key: string; from: string; to: string; amount: string }[]>(
      `SELECT t.idempotency_key AS key, f.username AS "from", r.username AS "to", t.amount::text AS amount
         FROM wallet_transfers t JOIN users f ON f.id = t.from_user_id JOIN users r ON r.id = t.to_user_id
        ORDER BY 1`,
    );
    const intended = intents
      .map((i) => ({ key: i.key, from: i.from.username, to: i.to.username, amount: String(i.amount) }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    expect(made).toEqual(intended);

    // Every wallet holds what its transfers say, and no rupiah appeared or vanished.
    const expected = new Map(users.map((u) => [u.id, FUNDS]));
    for (const i of intents) {
      expected.set(i.from.id, expected.get(i.from.id)! - i.amount);
      expected.set(i.to.id, expected.get(i.to.id)! + i.amount);
    }
    const balances = await Promise.all(users.map((u) => balanceOf(t, u)));
    expect(balances).toEqual(users.map((u) => String(expected.get(u.id))));
    expect(balances.reduce((sum, b) => sum + Number(b), 0)).toBe(CLIENTS * FUNDS);
    await expectLedgerOk(t, admin);

    // The background loops carried on: the sweeper failed during the outage and ran after it; the
    // bot answers what was sent while the database was away and what is sent now.
    expect(sweeps.some((s) => s.phase === 'outage' && !s.ok)).toBe(true);
    const [duringOutage] = await tg.waitForMessages(budi.id, 1, { timeoutMs: 15_000 });
    expect(duringOutage.text).toContain('/start');
    tg.sendText(ani, '/help');
    const replies = await tg.waitForMessages(ani.id, 2, { timeoutMs: 15_000 });
    expect(replies[1].text).toContain('/start');
    expect(unhandled).toEqual([]);
  });
});
