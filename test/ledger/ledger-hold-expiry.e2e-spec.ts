import { HoldSweeperService } from '../../src/ledger/hold-sweeper.service';
import { LedgerQueryService } from '../../src/ledger/ledger-query.service';
import { LedgerVerifierService } from '../../src/ledger/ledger-verifier.service';
import { LedgerService } from '../../src/ledger/ledger.service';
import { move, SystemAccount } from '../../src/ledger/ledger.types';
import { createTestApp, TestApp } from '../support/test-app';

describe('ledger hold expiry', () => {
  let t: TestApp;
  let ledger: LedgerService;
  let queries: LedgerQueryService;

  beforeAll(async () => {
    // The background sweeper stays out of the way; the tests sweep when they mean to.
    t = await createTestApp({ LEDGER_HOLD_SWEEP_SECONDS: '3600' });
    ledger = t.app.get(LedgerService);
    queries = t.app.get(LedgerQueryService);
  });
  afterAll(() => t.close());

  async function fundedWallet(code: string, amount: bigint): Promise<string> {
    await ledger.openAccount({ code, ownerType: 'user' });
    await ledger.post({ kind: 'deposit', legs: move(SystemAccount.cash, code, amount) });
    return code;
  }

  const holdStatus = async (id: string) =>
    (await t.db.query<{ status: string }[]>('SELECT status FROM ledger_holds WHERE id = $1', [id]))[0].status;

  const pulsa = (from: string, amount: bigint, expiresAt?: Date) =>
    ledger.hold({ kind: 'pulsa_purchase', from, to: SystemAccount.supplierPayable, amount, expiresAt });

  it('refuses to commit a hold past its expiry, and expireHolds() releases it', async () => {
    const wallet = await fundedWallet('wallet:expiry', 1_000n);
    const payableBefore = (await queries.balance(SystemAccount.supplierPayable)).balance;
    const expired = await pulsa(wallet, 400n, new Date(Date.now() - 1_000));
    const current = await pulsa(wallet, 100n, new Date(Date.now() + 3_600_000));
    const open = await pulsa(wallet, 50n);

    await expect(ledger.commitHold(expired.id)).rejects.toMatchObject({ code: 'HOLD_EXPIRED' });
    await expect(ledger.commitHold(expired.id, 10n)).rejects.toMatchObject({ code: 'HOLD_EXPIRED' });
    expect(await holdStatus(expired.id)).toBe('pending');
    expect(await queries.balance(wallet)).toMatchObject({ balance: 1_000n, held: 550n, available: 450n });

    expect(await ledger.expireHolds()).toBe(1);

    expect(await holdStatus(expired.id)).toBe('expired');
    expect(await queries.balance(wallet)).toMatchObject({ balance: 1_000n, held: 150n, available: 850n });
    await expect(ledger.commitHold(expired.id)).rejects.toMatchObject({ code: 'HOLD_ALREADY_RESOLVED' });
    await expect(ledger.voidHold(expired.id)).rejects.toMatchObject({ code: 'HOLD_ALREADY_RESOLVED' });
    expect(await ledger.expireHolds()).toBe(0);

    // Holds not yet due, or without an expiry, are untouched and still commit.
    expect(await ledger.commitHold(current.id)).toMatchObject({ status: 'committed', committedAmount: 100n });
    expect(await ledger.commitHold(open.id)).toMatchObject({ status: 'committed', committedAmount: 50n });
    expect(await queries.balance(wallet)).toMatchObject({ balance: 850n, held: 0n, available: 850n });
    expect((await queries.balance(SystemAccount.supplierPayable)).balance).toBe(payableBefore + 150n);
    expect(await t.app.get(LedgerVerifierService).verify()).toMatchObject({ ok: true, problems: [] });
  });

  it('sweeps every due hold through the hold sweeper', async () => {
    const wallet = await fundedWallet('wallet:sweep', 1_000n);
    const due = [];
    for (let i = 0; i < 3; i++) due.push(await pulsa(wallet, 100n, new Date(Date.now() - 60_000)));

    expect(await t.app.get(HoldSweeperService).sweep()).toBe(3);

    for (const hold of due) expect(await holdStatus(hold.id)).toBe('expired');
    expect(await queries.balance(wallet)).toMatchObject({ held: 0n, available: 1_000n });
  });
});
