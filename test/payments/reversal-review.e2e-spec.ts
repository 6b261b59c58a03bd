import { LedgerService } from '../../src/ledger/ledger.service';
import { move, walletAccountCode } from '../../src/ledger/ledger.types';
import { expectApiError } from '../support/api-assertions';
import { TestUser } from '../support/factories';
import { CoreApi, pointAt } from '../fakes/midtrans/midtrans-client';
import {
  balanceOf,
  createUser,
  expectLedgerOk,
  linkChat,
  messagesTo,
  notify,
  payAndNotify,
  pendingTopup,
  PaymentsWorld,
  SERVER_KEY,
  startPayments,
} from './payments-harness';

describe("an admin's decision on a reversed payment the wallet could not cover", () => {
  let w: PaymentsWorld;

  beforeAll(async () => {
    w = await startPayments();
  });
  afterAll(() => w.close());

  /** Moves money out of a wallet, as a transfer or purchase would have. */
  const spend = async (owner: TestUser, amount: bigint) => {
    const friend = await createUser(w.t);
    await w.t.app.get(LedgerService).post({
      kind: 'transfer',
      legs: move(walletAccountCode(owner.id), walletAccountCode(friend.id), amount),
    });
  };

  /** A paid top-up of `amount`, `spent` of it gone, then reversed by the bank: it waits in review. */
  const inReview = async (amount: number, spent: number) => {
    const owner = await createUser(w.t);
    const orderId = await pendingTopup(w.t, owner, amount);
    expect((await payAndNotify(w, orderId, 'indomaret')).body).toEqual({ outcome: 'applied' });
    if (spent > 0) await spend(owner, BigInt(spent));
    expect((await notify(w.t, w.mt.setStatus(orderId, 'deny'))).body).toEqual({ outcome: 'applied' });
    expect((await admin(orderId)).status).toBe('reversal_review');
    return { owner, orderId };
  };

  const review = (orderId: string, body: object, as: TestUser = w.admin) =>
    w.t.http().post(`/api/admin/payments/${orderId}/review`).set(as.auth).send(body);
  const admin = async (orderId: string) =>
    (await w.t.http().get(`/api/admin/payments/${orderId}`).set(w.admin.auth).expect(200)).body;

  /** What one order's journals did to an account: the losses, or Midtrans' clearing. */
  const movedOn = async (account: string, orderId: string): Promise<string> => {
    const [row] = await w.t.db.query<{ sum: string }[]>(
      `SELECT coalesce(sum(e.amount), 0)::text AS sum FROM ledger_entries e
         JOIN ledger_accounts a ON a.id = e.account_id JOIN ledger_journals j ON j.id = e.journal_id
        WHERE a.code = $1 AND j.reference = $2`,
      [account, `payment:${orderId}`],
    );
    return row.sum;
  };

  it('reverse takes what was held, writes off what was spent, and leaves Midtrans clearing square', async () => {
    const { owner, orderId } = await inReview(25_000, 20_000);
    await linkChat(w.t, owner, 730_001);
    const res = await review(orderId, { decision: 'reverse', reason: 'Chargeback dikonfirmasi bank' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      decision: 'reverse',
      takenBack: '5000',
      writtenOff: '20000',
      released: '0',
      payment: expect.objectContaining({ orderId, status: 'reversed', refundedAmount: '0' }),
    });
    expect(await balanceOf(w.t, owner)).toMatchObject({ balance: '0', held: '0', available: '0' });
    expect(await movedOn('system:payment_losses', orderId)).toBe('-20000');
    // Paid in, then all 25.000 back out: what Midtrans took back is accounted for in full.
    expect(await movedOn('system:midtrans_clearing', orderId)).toBe('0');
    const losses = await w.t.http().get('/api/admin/ledger/accounts/system:payment_losses').set(w.admin.auth);
    expect(losses.body).toMatchObject({ code: 'system:payment_losses', allowNegative: true });
    expect((await admin(orderId)).events.at(-1)).toEqual({
      status: 'reversed',
      source: 'admin',
      applied: true,
      at: expect.any(String),
      detail: expect.stringMatching(
        new RegExp(`5000 rupiah taken back, 20000 already spent: written off\\. By ${w.admin.username}: Chargeback`),
      ),
    });
    expect(await messagesTo(w.t, 730_001)).toContainEqual(expect.stringContaining('Rp 5.000 ditarik kembali'));
    await expectLedgerOk(w);
  });

  it('keep releases the hold and makes the payment paid again, moving no money', async () => {
    const { owner, orderId } = await inReview(25_000, 20_000);
    const res = await review(orderId, { decision: 'keep', reason: 'Sanggahan chargeback diterima bank' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      decision: 'keep',
      takenBack: '0',
      writtenOff: '0',
      released: '5000',
      payment: { orderId, status: 'paid' },
    });
    expect(await balanceOf(w.t, owner)).toMatchObject({ balance: '5000', held: '0', available: '5000' });
    expect(await movedOn('system:payment_losses', orderId)).toBe('0');
    expect((await admin(orderId)).events.at(-1)).toMatchObject({
      status: 'paid',
      source: 'admin',
      detail: expect.stringContaining(`5000 rupiah released. By ${w.admin.username}: Sanggahan`),
    });
    await expectLedgerOk(w);
  });

  it('writes the whole reversal off when nothing was left to hold', async () => {
    const { owner, orderId } = await inReview(30_000, 30_000);
    const res = await review(orderId, { decision: 'reverse', reason: 'Chargeback' }).expect(200);
    expect(res.body).toMatchObject({ takenBack: '0', writtenOff: '30000', payment: { status: 'reversed' } });
    expect(await balanceOf(w.t, owner)).toMatchObject({ balance: '0', held: '0' });
    expect(await movedOn('system:midtrans_clearing', orderId)).toBe('0');
    await expectLedgerOk(w);
  });

  it('decides once: of two decisions at the same time one wins, and later ones get 409', async () => {
    const { owner, orderId } = await inReview(25_000, 15_000);
    const answers = await Promise.all([
      review(orderId, { decision: 'reverse', reason: 'Admin A' }),
      review(orderId, { decision: 'keep', reason: 'Admin B' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const lost = answers.find((a) => a.status === 409)!;
    expectApiError(lost, 409);
    expect(lost.body.code).toBe('PAYMENT_NOT_IN_REVIEW');
    const again = await review(orderId, { decision: 'reverse', reason: 'Sekali lagi' });
    expectApiError(again, 409);
    expect(again.body.code).toBe('PAYMENT_NOT_IN_REVIEW');
    const won = answers.find((a) => a.status === 200)!.body.decision as string;
    expect(await balanceOf(w.t, owner)).toMatchObject(
      won === 'reverse' ? { balance: '0', held: '0' } : { balance: '10000', held: '0' },
    );
    expect((await admin(orderId)).events.filter((e: { source: string }) => e.source === 'admin')).toHaveLength(1);
    await expectLedgerOk(w);
  });

  it('reviews a kept payment again when the bank reverses it later, holding what is there then', async () => {
    const { owner, orderId } = await inReview(25_000, 20_000);
    await review(orderId, { decision: 'keep', reason: 'Sanggahan diterima' }).expect(200);
    expect((await notify(w.t, w.mt.setStatus(orderId, 'chargeback'))).body).toEqual({ outcome: 'applied' });
    expect(await balanceOf(w.t, owner)).toMatchObject({ balance: '5000', held: '5000', available: '0' });
    const res = await review(orderId, { decision: 'reverse', reason: 'Chargeback final' }).expect(200);
    expect(res.body).toMatchObject({ takenBack: '5000', writtenOff: '20000', payment: { status: 'reversed' } });
    expect(await movedOn('system:midtrans_clearing', orderId)).toBe('0');
    await expectLedgerOk(w);
  });

  it('takes what the wallet has of a dashboard refund it cannot cover, and writes off the rest', async () => {
    const owner = await createUser(w.t);
    const orderId = await pendingTopup(w.t, owner, 40_000);
    await payAndNotify(w, orderId, 'gopay');
    await spend(owner, 30_000n);
    const core = pointAt(new CoreApi({ isProduction: false, serverKey: SERVER_KEY, clientKey: 'x' }), w.mt);
    await core.transaction.refund(orderId, { refund_key: 'dashboard-short', amount: 15_000, reason: 'dashboard' });
    expect((await notify(w.t, w.mt.notification(orderId))).body).toEqual({ outcome: 'applied' });
    expect(await admin(orderId)).toMatchObject({ status: 'partially_refunded', refundedAmount: '15000' });
    expect(await balanceOf(w.t, owner)).toMatchObject({ balance: '0', held: '0' });
    expect(await movedOn('system:payment_losses', orderId)).toBe('-5000');
    expect((await admin(orderId)).events.at(-1)).toMatchObject({
      status: 'partially_refunded',
      detail: '10000 rupiah taken back, 5000 already spent: written off',
    });
    // Nothing is left waiting for an admin: Midtrans has already paid the customer.
    expectApiError(await review(orderId, { decision: 'reverse', reason: 'x' }), 409);
    await expectLedgerOk(w);
  });

  it('answers 404 for an unknown order, 409 for a payment not in review, 400 for a bad decision, 403 for non-admins', async () => {
    const { orderId } = await inReview(20_000, 20_000);
    const missing = await review('TOPUP-NOSUCHORDER1', { decision: 'keep', reason: 'x' });
    expectApiError(missing, 404);
    expect(missing.body.code).toBe('PAYMENT_NOT_FOUND');

    const payer = await createUser(w.t);
    const paid = await pendingTopup(w.t, payer, 20_000);
    await payAndNotify(w, paid);
    const notInReview = await review(paid, { decision: 'keep', reason: 'x' });
    expectApiError(notInReview, 409);
    expect(notInReview.body.code).toBe('PAYMENT_NOT_IN_REVIEW');

    for (const body of [
      { reason: 'x' },
      { decision: 'refund', reason: 'x' },
      { decision: 'keep' },
      { decision: 'keep', reason: '  ' },
      { decision: 'keep', reason: 'x'.repeat(201) },
      { decision: 'keep', reason: 'x', amount: 1 },
    ]) {
      const res = await review(orderId, body);
      expectApiError(res, 400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expectApiError(await review(orderId, { decision: 'keep', reason: 'x' }, payer), 403);
    expect((await admin(orderId)).status).toBe('reversal_review');
  });
});
