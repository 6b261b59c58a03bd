import { Logger } from '@nestjs/common';
import fc from 'fast-check';
import { DomainError } from '../../src/common/errors/domain-error';
import { LedgerQueryService } from '../../src/ledger/ledger-query.service';
import { LedgerVerifierService } from '../../src/ledger/ledger-verifier.service';
import { LedgerService } from '../../src/ledger/ledger.service';
import { Hold, Leg, move, PostedJournal, SystemAccount } from '../../src/ledger/ledger.types';
import { createTestApp, TestApp } from '../support/test-app';

// Fixed seeds: the "random" workloads are the same on every run, so a failure can be replayed.
const SEED = 20251122;

describe('ledger under concurrency', () => {
  let t: TestApp;
  let ledger: LedgerService;
  let queries: LedgerQueryService;
  let verifier: LedgerVerifierService;
  let retries: jest.SpyInstance;

  beforeAll(async () => {
    t = await createTestApp();
    ledger = t.app.get(LedgerService);
    queries = t.app.get(LedgerQueryService);
    verifier = t.app.get(LedgerVerifierService);
  });
  afterAll(() => t.close());

  // LedgerService logs a warning before retrying a deadlock; with locks in a fixed order there should be none.
  beforeEach(() => {
    retries = jest.spyOn(Logger.prototype, 'warn');
  });
  afterEach(() => retries.mockRestore());
  const deadlockRetries = () => retries.mock.calls.filter(([message]) => String(message).startsWith('Retrying')).length;

  async function fundedWallets(name: string, count: number, amount: bigint): Promise<string[]> {
    const codes = Array.from({ length: count }, (_, i) => `wallet:${name}:${i}`);
    for (const code of codes) {
      await ledger.openAccount({ code, ownerType: 'user' });
      if (amount > 0n) await ledger.post({ kind: 'deposit', legs: move(SystemAccount.cash, code, amount) });
    }
    return codes;
  }

  const errorCode = (result: PromiseSettledResult<unknown>) =>
    result.status === 'rejected'
      ? result.reason instanceof DomainError
        ? result.reason.code
        : String(result.reason)
      : 'ok';

  const balanceOf = async (code: string) => (await queries.balance(code)).balance;

  it('runs 200 concurrent journals over 10 wallets without deadlocks, overdrafts or lost money', async () => {
    const wallets = await fundedWallets('mesh', 10, 10_000n);
    // Two- and three-wallet journals, so lock sets overlap in every order.
    const journals = fc.sample(
      fc
        .record({
          from: fc.nat({ max: 9 }),
          to: fc.nat({ max: 9 }),
          also: fc.nat({ max: 9 }),
          amount: fc.bigInt(1n, 4_000n),
          split: fc.boolean(),
        })
        .filter((j) => j.from !== j.to && j.also !== j.from && j.also !== j.to),
      { seed: SEED, numRuns: 200 },
    );
    const legsOf = (j: (typeof journals)[number]): Leg[] =>
      j.split
        ? [
            { account: wallets[j.from], amount: -j.amount - 1n },
            { account: wallets[j.to], amount: j.amount },
            { account: wallets[j.also], amount: 1n },
          ]
        : move(wallets[j.from], wallets[j.to], j.amount);

    const results = await Promise.allSettled(journals.map((j) => ledger.post({ kind: 'transfer', legs: legsOf(j) })));

    // Only running out of money may fail a journal; most of them go through.
    const failures = results.map(errorCode).filter((code) => code !== 'ok');
    expect(failures.filter((code) => code !== 'INSUFFICIENT_FUNDS')).toEqual([]);
    expect(failures.length).toBeLessThan(150);
    expect(deadlockRetries()).toBe(0);

    // Every wallet ends exactly where its successful journals put it.
    const expected = new Map(wallets.map((w) => [w, 10_000n]));
    results.forEach((r, i) => {
      if (r.status === 'fulfilled')
        for (const l of legsOf(journals[i])) expected.set(l.account, expected.get(l.account)! + l.amount);
    });
    const actual = new Map<string, bigint>();
    for (const w of wallets) actual.set(w, await balanceOf(w));
    expect(actual).toEqual(expected);
    expect([...actual.values()].every((b) => b >= 0n)).toBe(true);
    expect([...actual.values()].reduce((a, b) => a + b, 0n)).toBe(100_000n);
    expect(await verifier.verify()).toMatchObject({ ok: true, problems: [] });
  });

  it('lets exactly 10 of 50 concurrent spends through from a wallet that can afford 10', async () => {
    const [wallet] = await fundedWallets('spender', 1, 1_000n);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        ledger.post({ kind: 'pulsa_purchase', legs: move(wallet, SystemAccount.supplierPayable, 100n) }),
      ),
    );

    const codes = results.map(errorCode);
    expect(codes.filter((c) => c === 'ok')).toHaveLength(10);
    expect(codes.filter((c) => c === 'INSUFFICIENT_FUNDS')).toHaveLength(40);
    expect(await balanceOf(wallet)).toBe(0n);
    // Each success saw the balance the previous one left: 900, 800, ..., 0.
    const after = results
      .filter((r): r is PromiseFulfilledResult<PostedJournal> => r.status === 'fulfilled')
      .map((r) => r.value.entries.find((e) => e.account === wallet)!.balanceAfter!)
      .sort((a, b) => Number(b - a));
    expect(after).toEqual(Array.from({ length: 10 }, (_, i) => 900n - 100n * BigInt(i)));
  });

  it('posts one journal for the same idempotency key sent 20 times at once', async () => {
    const [from, to] = await fundedWallets('idem', 2, 1_000n);
    const key = 'idem-20-at-once';
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        ledger.post({ kind: 'transfer', legs: move(from, to, 250n), idempotencyKey: key }),
      ),
    );

    const [{ count }] = await t.db.query<{ count: string }[]>(
      'SELECT count(*) FROM ledger_journals WHERE idempotency_key = $1',
      [key],
    );
    expect(count).toBe('1');
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await balanceOf(from)).toBe(750n);
    expect(await balanceOf(to)).toBe(1_250n);
  });

  it('places one hold for the same hold idempotency key sent 20 times at once', async () => {
    const [from] = await fundedWallets('idem-hold', 1, 1_000n);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        ledger.hold({
          kind: 'pulsa_purchase',
          from,
          to: SystemAccount.supplierPayable,
          amount: 300n,
          idempotencyKey: 'hold-20-at-once',
        }),
      ),
    );

    expect(new Set(results.map((h) => h.id)).size).toBe(1);
    expect(await queries.balance(from)).toMatchObject({ balance: 1_000n, held: 300n, available: 700n });
  });

  it('lets exactly one of a commit and a void of the same hold win, 20 times over', async () => {
    const [from, to] = await fundedWallets('race', 2, 10_000n);
    const holds: Hold[] = [];
    for (let i = 0; i < 20; i++) holds.push(await ledger.hold({ kind: 'transfer', from, to, amount: 100n }));
    // Partial commits of 60 on half the holds, whole commits on the rest; half the voids are sent first.
    const outcomes = await Promise.all(
      holds.map((h, i) => {
        const voidFirst = i % 2 ? ledger.voidHold(h.id) : undefined;
        const commit = ledger.commitHold(h.id, i % 4 < 2 ? 60n : undefined);
        return Promise.allSettled([commit, voidFirst ?? ledger.voidHold(h.id)]);
      }),
    );

    let committed = 0n;
    for (const [i, [commit, voided]] of outcomes.entries()) {
      const codes = [errorCode(commit), errorCode(voided)].sort();
      expect(codes).toEqual(['HOLD_ALREADY_RESOLVED', 'ok']);
      const [{ status }] = await t.db.query<{ status: string }[]>('SELECT status FROM ledger_holds WHERE id = $1', [
        holds[i].id,
      ]);
      expect(status).toBe(commit.status === 'fulfilled' ? 'committed' : 'voided');
      if (commit.status === 'fulfilled') committed += i % 4 < 2 ? 60n : 100n;
    }
    expect(await queries.balance(from)).toEqual({
      code: from,
      balance: 10_000n - committed,
      held: 0n,
      available: 10_000n - committed,
    });
    expect(await balanceOf(to)).toBe(10_000n + committed);
    expect(deadlockRetries()).toBe(0);
    expect(await verifier.verify()).toMatchObject({ ok: true, problems: [] });
  });

  it('reverses a journal once when 10 reversals of it arrive at once', async () => {
    const [from, to] = await fundedWallets('reverse-race', 2, 1_000n);
    const original = await ledger.post({ kind: 'transfer', legs: move(from, to, 400n) });

    const results = await Promise.allSettled(Array.from({ length: 10 }, () => ledger.reverse(original.id)));

    const codes = results.map(errorCode);
    expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
    expect(codes.filter((c) => c === 'ALREADY_REVERSED')).toHaveLength(9);
    expect(await balanceOf(from)).toBe(1_000n);
    expect(await balanceOf(to)).toBe(1_000n);
  });

  it('sums a hot account right under 100 concurrent journals that all credit it', async () => {
    const wallets = await fundedWallets('buyers', 10, 200_000n);
    const revenue = SystemAccount.pulsaRevenue;
    const before = await balanceOf(revenue);
    const [{ version }] = await t.db.query<{ version: string }[]>(
      'SELECT version FROM ledger_accounts WHERE code = $1',
      [revenue],
    );
    const fees = fc.sample(fc.bigInt(1n, 5_000n), { seed: SEED, numRuns: 100 });

    const results = await Promise.all(
      fees.map((fee, i) =>
        ledger.post({
          kind: 'pulsa_purchase',
          legs: [
            { account: wallets[i % 10], amount: -(10_000n + fee) },
            { account: SystemAccount.supplierPayable, amount: 10_000n },
            { account: revenue, amount: fee },
          ],
        }),
      ),
    );

    const total = fees.reduce((a, b) => a + b, 0n);
    expect(results).toHaveLength(100);
    expect(await balanceOf(revenue)).toBe(before + total);
    // The hot account's row is never written: its balance lives only in its entries.
    expect(await t.db.query('SELECT balance, version FROM ledger_accounts WHERE code = $1', [revenue])).toEqual([
      { balance: '0', version },
    ]);
    expect(deadlockRetries()).toBe(0);
    expect(await verifier.verify()).toMatchObject({ ok: true, problems: [] });
  });

  it('does not deadlock holds into wallets against journals locking those wallets', async () => {
    const [a, b] = await fundedWallets('crossed', 2, 100_000n);
    // A hold locks its source, then its row's foreign key share-locks its target, which journals the
    // other way lock first: the account locks must not conflict with that key share.
    const work = Array.from({ length: 200 }, (_, i) => {
      const [from, to] = i % 4 < 2 ? [a, b] : [b, a];
      return i % 2
        ? ledger.hold({ kind: 'transfer', from, to, amount: 1n }).then((h) => ledger.commitHold(h.id))
        : ledger.post({ kind: 'transfer', legs: move(to, from, 1n) });
    });

    const results = await Promise.allSettled(work);

    expect(results.map(errorCode).filter((c) => c !== 'ok')).toEqual([]);
    expect(deadlockRetries()).toBe(0);
    expect((await balanceOf(a)) + (await balanceOf(b))).toBe(200_000n);
    expect(await verifier.verify()).toMatchObject({ ok: true, problems: [] });
  });
});
