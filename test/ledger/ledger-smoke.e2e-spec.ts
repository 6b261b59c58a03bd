import { LedgerQueryService } from '../../src/ledger/ledger-query.service';
import { LedgerVerifierService } from '../../src/ledger/ledger-verifier.service';
import { LedgerService } from '../../src/ledger/ledger.service';
import { move, SystemAccount } from '../../src/ledger/ledger.types';
import { createTestApp, TestApp } from '../support/test-app';

describe('ledger smoke', () => {
  let t: TestApp;
  let ledger: LedgerService;
  let queries: LedgerQueryService;
  beforeAll(async () => {
    t = await createTestApp();
    ledger = t.app.get(LedgerService);
    queries = t.app.get(LedgerQueryService);
    for (const c of ['wallet:a', 'wallet:b']) await ledger.openAccount({ code: c, ownerType: 'system' });
  });
  afterAll(() => t.close());

  it('posts, holds, commits, voids, reverses and verifies', async () => {
    const dep = await ledger.post({ kind: 'deposit', legs: move(SystemAccount.cash, 'wallet:a', 1000n) });
    expect(dep.entries.map((e) => [e.account, e.amount, e.balanceAfter])).toEqual([
      ['system:cash', -1000n, null],
      ['wallet:a', 1000n, 1000n],
    ]);
    await expect(ledger.post({ kind: 'transfer', legs: move('wallet:a', 'wallet:b', 1001n) })).rejects.toMatchObject({
      code: 'INSUFFICIENT_FUNDS',
    });
    const tr = await ledger.post({ kind: 'transfer', legs: move('wallet:a', 'wallet:b', 300n), idempotencyKey: 'k1' });
    const again = await ledger.post({
      kind: 'transfer',
      legs: move('wallet:a', 'wallet:b', 300n),
      idempotencyKey: 'k1',
    });
    expect(again).toMatchObject({ id: tr.id, replayed: true });
    await expect(
      ledger.post({ kind: 'transfer', legs: move('wallet:a', 'wallet:b', 301n), idempotencyKey: 'k1' }),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    const hold = await ledger.hold({
      kind: 'pulsa_purchase',
      from: 'wallet:a',
      to: SystemAccount.supplierPayable,
      amount: 500n,
    });
    expect(await queries.balance('wallet:a')).toEqual({ code: 'wallet:a', balance: 700n, held: 500n, available: 200n });
    const committed = await ledger.commitHold(hold.id, 400n);
    expect(committed).toMatchObject({ status: 'committed', committedAmount: 400n });
    await expect(ledger.voidHold(hold.id)).rejects.toMatchObject({ code: 'HOLD_ALREADY_RESOLVED' });
    const h2 = await ledger.hold({
      kind: 'pulsa_purchase',
      from: 'wallet:a',
      to: SystemAccount.supplierPayable,
      amount: 100n,
    });
    await ledger.voidHold(h2.id);
    expect(await queries.balance('wallet:a')).toEqual({ code: 'wallet:a', balance: 300n, held: 0n, available: 300n });
    const rev = await ledger.reverse(tr.id, { reason: 'test' });
    expect(rev.entries.find((e) => e.account === 'wallet:b')?.balanceAfter).toBe(0n);
    await expect(ledger.reverse(tr.id)).rejects.toMatchObject({ code: 'ALREADY_REVERSED' });
    expect(await queries.balance(SystemAccount.supplierPayable)).toMatchObject({ balance: 400n });
    const report = await t.app.get(LedgerVerifierService).verify();
    expect(report).toMatchObject({ ok: true, problems: [] });
    const page = await queries.entries('wallet:a', { limit: 2 });
    expect(page.items).toHaveLength(2);
    const next = await queries.entries('wallet:a', { limit: 10, cursor: page.nextCursor! });
    expect(next.items.length).toBeGreaterThan(0);
  });
});
