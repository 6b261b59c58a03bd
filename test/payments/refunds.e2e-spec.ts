import { LedgerService } from '../../src/ledger/ledger.service';
import { move, walletAccountCode } from '../../src/ledger/ledger.types';
import { expectApiError } from '../support/api-assertions';
import { TestUser } from '../support/factories';
import {
  balanceOf,
  createUser,
  expectLedgerOk,
  journalsOf,
  notify,
  payAndNotify,
  pendingTopup,
  PaymentsWorld,
  SERVER_KEY,
  startPayments,
} from './payments-harness';
import { PayMethod } from '../fakes/midtrans/fake-midtrans';
import { CoreApi, pointAt } from '../fakes/midtrans/midtrans-client';

describe('admin refunds', () => {
  let w: PaymentsWorld;
  let user: TestUser;

  beforeAll(async () => {
    w = await startPayments();
  });
  afterAll(() => w.close());
  beforeEach(async () => {
    user = await createUser(w.t);
  });

  const paidTopup = async (amount: number, method: PayMethod = 'gopay') => {
    const orderId = await pendingTopup(w.t, user, amount);
    expect((await payAndNotify(w, orderId, method)).body).toEqual({ outcome: 'applied' });
    return orderId;
  };
  const refund = (orderId: string, body: object, key?: string) => {
    const req = w.t.http().post(`/api/admin/payments/${orderId}/refund`).set(w.admin.auth);
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };

  it('refunds all of a payment through Midtrans and takes it from the wallet', async () => {
    const orderId = await paidTopup(40_000);
    const res = await refund(orderId, { reason: 'Pelanggan membatalkan' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      refundKey: expect.stringMatching(/^RF-[0-9a-f]{40}$/),
      amount: '40000',
      status: 'succeeded',
      offline: false,
      payment: { orderId, status: 'refunded', refundedAmount: '40000' },
    });
    expect(w.mt.requestsTo('refund').map((r) => r.body)).toEqual([
      { refund_key: res.body.refundKey, amount: 40000, reason: 'Pelanggan membatalkan' },
    ]);
    expect(await balanceOf(w.t, user)).toMatchObject({ balance: '0', held: '0' });
    expect(await journalsOf(w.t, orderId)).toEqual([{ kind: 'topup' }, { kind: 'refund' }]);
    // Midtrans' refund notification reports what Loket already did: nothing more moves.
    expect((await notify(w.t, w.mt.notification(orderId))).body).toEqual({ outcome: 'unchanged' });
    expect(await balanceOf(w.t, user)).toMatchObject({ balance: '0' });
    await expectLedgerOk(w);
  });

  it('refunds part, then the rest', async () => {
    const orderId = await paidTopup(50_000, 'qris');
    const part = await refund(orderId, { amount: 20_000, reason: 'Sebagian' });
    expect(part.body).toMatchObject({
      amount: '20000',
      payment: { status: 'partially_refunded', refundedAmount: '20000' },
    });
    expect((await balanceOf(w.t, user)).balance).toBe('30000');
    const tooMuch = await refund(orderId, { amount: 30_001, reason: 'Lebih' });
    expectApiError(tooMuch, 422);
    expect(tooMuch.body.code).toBe('REFUND_AMOUNT_INVALID');
    const rest = await refund(orderId, { reason: 'Sisanya' });
    expect(rest.body).toMatchObject({ amount: '30000', payment: { status: 'refunded', refundedAmount: '50000' } });
    expectApiError(await refund(orderId, { reason: 'Lagi' }), 409);
    await expectLedgerOk(w);
  });

  it('refuses with 422 when the wallet no longer has the money, and asks Midtrans nothing', async () => {
    const orderId = await paidTopup(30_000);
    const friend = await createUser(w.t);
    await w.t.app.get(LedgerService).post({
      kind: 'transfer',
      legs: move(walletAccountCode(user.id), walletAccountCode(friend.id), 25_000n),
    });
    const before = w.mt.requestsTo('refund').length;
    const res = await refund(orderId, { reason: 'Batal' });
    expectApiError(res, 422);
    expect(res.body.code).toBe('INSUFFICIENT_FUNDS');
    expect(w.mt.requestsTo('refund')).toHaveLength(before);
    expect(await balanceOf(w.t, user)).toMatchObject({ balance: '5000', held: '0' });
  });

  it('releases the hold and answers 422 with the reason when Midtrans refuses (a bank transfer)', async () => {
    const orderId = await paidTopup(30_000, 'bca_va');
    const res = await refund(orderId, { reason: 'Batal' });
    expectApiError(res, 422);
    expect(res.body.code).toBe('REFUND_REFUSED');
    expect(res.body.message).toContain('cannot be refunded online');
    expect(await balanceOf(w.t, user)).toMatchObject({ balance: '30000', held: '0', available: '30000' });
    const detail = await w.t.http().get(`/api/admin/payments/${orderId}`).set(w.admin.auth).expect(200);
    expect(detail.body).toMatchObject({
      status: 'paid',
      refunds: [{ status: 'refused', providerReason: expect.any(String) }],
    });

    // The money goes back by bank transfer instead, recorded offline.
    const offline = await refund(orderId, { reason: 'Transfer manual', offline: true, reference: 'BCA-TRF-0042' });
    expect(offline.status).toBe(201);
    expect(offline.body).toMatchObject({
      offline: true,
      reference: 'BCA-TRF-0042',
      status: 'succeeded',
      payment: { status: 'refunded_offline', refundedAmount: '30000' },
    });
    expect((await balanceOf(w.t, user)).balance).toBe('0');
    await expectLedgerOk(w);
  });

  it('never refunds twice: the same request again, or a retry after a lost answer', async () => {
    const orderId = await paidTopup(60_000, 'qris');
    const first = await refund(orderId, { amount: 10_000, reason: 'Dobel' });
    const again = await refund(orderId, { amount: 10_000, reason: 'Dobel' });
    expect(again.status).toBe(201);
    expect(again.body.refundKey).toBe(first.body.refundKey);
    expect(
      w.mt.requestsTo('refund').filter((r) => (r.body as { refund_key: string }).refund_key === first.body.refundKey),
    ).toHaveLength(1);
    expect((await balanceOf(w.t, user)).balance).toBe('50000');

    // Midtrans refunds but its answer is lost: 502, the amount stays held; the retry finishes it.
    w.mt.failNext('refund', { hang: true, applied: true });
    const lost = await refund(orderId, { amount: 20_000, reason: 'Hilang' }, 'refund-lost-1');
    expectApiError(lost, 502);
    expect(await balanceOf(w.t, user)).toMatchObject({ balance: '50000', held: '20000' });
    const retried = await refund(orderId, { amount: 20_000, reason: 'Hilang' }, 'refund-lost-1');
    expect(retried.body).toMatchObject({ status: 'succeeded', payment: { refundedAmount: '30000' } });
    expect(await balanceOf(w.t, user)).toMatchObject({ balance: '30000', held: '0' });
    const conflict = await refund(orderId, { amount: 5_000, reason: 'Lain' }, 'refund-lost-1');
    expectApiError(conflict, 409);
    expect(conflict.body.code).toBe('REFUND_KEY_CONFLICT');
    await expectLedgerOk(w);
  });

  it('takes a refund made in the Midtrans dashboard from the wallet when its notification arrives', async () => {
    const orderId = await paidTopup(40_000);
    const core = pointAt(new CoreApi({ isProduction: false, serverKey: SERVER_KEY, clientKey: 'x' }), w.mt);
    await core.transaction.refund(orderId, { refund_key: 'dashboard-1', amount: 15_000, reason: 'dashboard' });
    const body = w.mt.notification(orderId);
    expect(body).toMatchObject({ transaction_status: 'partial_refund', refund_amount: '15000.00' });
    expect((await notify(w.t, body)).body).toEqual({ outcome: 'applied' });
    expect((await notify(w.t, body)).body).toEqual({ outcome: 'unchanged' });
    expect((await balanceOf(w.t, user)).balance).toBe('25000');
    const detail = await w.t.http().get(`/api/admin/payments/${orderId}`).set(w.admin.auth).expect(200);
    expect(detail.body).toMatchObject({ status: 'partially_refunded', refundedAmount: '15000' });
    await expectLedgerOk(w);
  });

  it.each([
    [{}, 'reason'],
    [{ reason: '' }, 'reason'],
    [{ reason: 'x', amount: 0 }, 'amount'],
    [{ reason: 'x', amount: '1.5' }, 'amount'],
    [{ reason: 'x', offline: true }, 'reference'],
    [{ reason: 'x', offline: 'yes', reference: 'r' }, 'offline'],
  ])('refuses %p with 400 naming %s', async (body, field) => {
    const orderId = await paidTopup(10_000);
    const res = await refund(orderId, body);
    expectApiError(res, 400);
    expect([res.body.message].flat().join(' ')).toContain(field);
  });

  it('is for admins only, and 404 for an unknown order; a pending payment cannot be refunded', async () => {
    const orderId = await pendingTopup(w.t, user, 10_000);
    const own = await w.t.http().post(`/api/admin/payments/${orderId}/refund`).set(user.auth).send({ reason: 'x' });
    expectApiError(own, 403);
    expectApiError(await refund('TOPUP-UNKNOWN', { reason: 'x' }), 404);
    const pending = await refund(orderId, { reason: 'x' });
    expectApiError(pending, 409);
    expect(pending.body.code).toBe('PAYMENT_NOT_REFUNDABLE');
  });

  it('lists payments for admins by status, purpose, payer and date, with every notification in the detail', async () => {
    const paid = await paidTopup(10_000);
    const waiting = await pendingTopup(w.t, user, 10_000);
    const mine = await w.t.http().get(`/api/admin/payments?owner=${user.username}`).set(w.admin.auth).expect(200);
    expect(mine.body.items.map((p: { orderId: string }) => p.orderId)).toEqual([waiting, paid]);
    const onlyPaid = await w.t
      .http()
      .get(`/api/admin/payments?owner=${user.username}&status=paid&purpose=wallet_topup`)
      .set(w.admin.auth)
      .expect(200);
    expect(onlyPaid.body).toMatchObject({
      total: 1,
      items: [{ orderId: paid, ownerId: user.id, owner: user.username }],
    });
    const future = await w.t
      .http()
      .get(`/api/admin/payments?from=${encodeURIComponent('2999-01-01T00:00:00Z')}`)
      .set(w.admin.auth)
      .expect(200);
    expect(future.body.total).toBe(0);
    expectApiError(await w.t.http().get('/api/admin/payments?from=yesterday').set(w.admin.auth), 400);
    expectApiError(await w.t.http().get('/api/admin/payments?status=lost').set(w.admin.auth), 400);
    expectApiError(await w.t.http().get('/api/admin/payments').set(user.auth), 403);

    const detail = await w.t.http().get(`/api/admin/payments/${paid}`).set(w.admin.auth).expect(200);
    expect(detail.body).toMatchObject({ owner: user.username, status: 'paid', refunds: [] });
    expect(detail.body.notifications).toEqual([
      expect.objectContaining({
        outcome: 'applied',
        headers: expect.objectContaining({ 'content-type': 'application/json' }),
      }),
    ]);
    expect(JSON.parse(detail.body.notifications[0].body)).toMatchObject({
      order_id: paid,
      transaction_status: 'settlement',
    });
  });
});
