import {
  age,
  balanceOf,
  createUser,
  expectLedgerOk,
  notify,
  pendingTopup,
  PaymentsWorld,
  reconcile,
  startPayments,
} from './payments-harness';

describe('payment reconciliation', () => {
  let w: PaymentsWorld;

  beforeAll(async () => {
    w = await startPayments();
  });
  afterAll(() => w.close());

  const statusOf = async (orderId: string) =>
    (await w.t.db.query<{ status: string }[]>('SELECT status FROM payments WHERE order_id = $1', [orderId]))[0].status;

  it('recovers a lost settlement notification and credits the wallet once', async () => {
    const user = await createUser(w.t);
    const orderId = await pendingTopup(w.t, user, 35_000);
    w.mt.pay(orderId, 'bca_va'); // paid at Midtrans; the notification never arrives
    expect((await reconcile(w.t)).checked).toBe(0); // fresh and not expired: not due yet
    await age(w.t, orderId, 11, false);
    expect(await reconcile(w.t)).toMatchObject({ changed: 1 });
    expect(await statusOf(orderId)).toBe('paid');
    expect((await balanceOf(w.t, user)).balance).toBe('35000');
    // The notification arriving late changes nothing.
    expect((await notify(w.t, w.mt.notification(orderId))).body).toEqual({ outcome: 'unchanged' });
    expect((await balanceOf(w.t, user)).balance).toBe('35000');
    const events = await w.t.http().get(`/api/payments/${orderId}`).set(user.auth).expect(200);
    expect(events.body.events.at(-1)).toMatchObject({ status: 'paid', source: 'reconciler' });
    await expectLedgerOk(w);
  });

  it('expires an abandoned Snap checkout (Midtrans: 404) after its expiry, but not before', async () => {
    const user = await createUser(w.t);
    const orderId = await pendingTopup(w.t, user, 10_000);
    await age(w.t, orderId, 11, false);
    await reconcile(w.t);
    expect(await statusOf(orderId)).toBe('pending');
    await w.t.db.query(`UPDATE payments SET next_check_at = NULL WHERE order_id = $1`, [orderId]);
    await age(w.t, orderId, 60, true);
    w.mt.statusNotFoundAs = 'body404';
    await reconcile(w.t);
    w.mt.statusNotFoundAs = 'http404';
    expect(await statusOf(orderId)).toBe('expired');
  });

  it('applies an expiry Midtrans reports for a chosen method', async () => {
    const user = await createUser(w.t);
    const orderId = await pendingTopup(w.t, user, 10_000);
    w.mt.pay(orderId, 'bni_va', { pending: true });
    w.mt.setStatus(orderId, 'expire');
    await age(w.t, orderId, 61, true);
    await reconcile(w.t);
    expect(await statusOf(orderId)).toBe('expired');
  });

  it('changes nothing when Midtrans does not answer, and asks again on a later pass', async () => {
    const user = await createUser(w.t);
    const orderId = await pendingTopup(w.t, user, 10_000);
    w.mt.pay(orderId, 'gopay');
    await age(w.t, orderId, 61, true);
    w.mt.failNext('status', { hang: true });
    expect(await reconcile(w.t)).toMatchObject({ unanswered: 1, changed: 0 });
    expect(await statusOf(orderId)).toBe('pending');
    await w.t.db.query(`UPDATE payments SET next_check_at = NULL WHERE order_id = $1`, [orderId]);
    expect(await reconcile(w.t)).toMatchObject({ changed: 1 });
    expect(await statusOf(orderId)).toBe('paid');
  });

  it('runs one pass at a time, and each payment is asked about once', async () => {
    const user = await createUser(w.t);
    const orderId = await pendingTopup(w.t, user, 10_000);
    await age(w.t, orderId, 61, true);
    const before = w.mt.requestsTo('status').length;
    const [a, b] = await Promise.all([reconcile(w.t), reconcile(w.t)]);
    expect(a).toBe(b);
    expect(w.mt.requestsTo('status').length - before).toBe(1);
  });
});
