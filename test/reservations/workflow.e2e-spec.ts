import { expectApiError } from '../support/api-assertions';
import { journalsOf, messagesTo, notify, payAndNotify, PaymentsWorld } from '../payments/payments-harness';
import { createUser } from '../support/factories';
import { booked, inDays, placesLeft, startReservations, statusOf, tokenOf } from './reservations-harness';

describe('a booking from payment to pick-up, and the moves it may not make', () => {
  let w: PaymentsWorld;

  beforeAll(async () => {
    w = await startReservations();
  });
  afterAll(() => w.close());

  const move = (code: string, status: string, note?: string) =>
    w.t
      .http()
      .patch(`/api/admin/reservations/${code}`)
      .set(w.admin.auth)
      .send({ status, ...(note ? { note } : {}) });

  const allowedMoves = async (code: string) =>
    (await w.t.http().get(`/api/admin/reservations/${code}`).set(w.admin.auth).expect(200)).body.allowedMoves;

  it('walks confirmed → in_progress → done → picked_up, refusing every other move with 409', async () => {
    const { bookingCode: code, statusUrl } = await booked(w.t, { date: inDays(2) });
    // The detail lists exactly the moves the PATCH accepts at each step.
    expect(await allowedMoves(code)).toEqual(['cancelled']);
    expectApiError(await move(code, 'in_progress'), 409);
    expect((await move(code, 'confirmed')).body.code).toBe('STATUS_MOVE_REFUSED');
    await payAndNotify(w, code);
    expect(await allowedMoves(code)).toEqual(['in_progress', 'cancelled']);
    expectApiError(await move(code, 'done'), 409);
    expect((await move(code, 'in_progress', 'Mulai dikerjakan')).body).toMatchObject({ status: 'in_progress' });
    expect(await allowedMoves(code)).toEqual(['done', 'cancelled']);
    expectApiError(await move(code, 'confirmed'), 409);
    expect((await move(code, 'done')).body).toMatchObject({ status: 'done', paymentStatus: 'paid' });
    expect(await allowedMoves(code)).toEqual(['picked_up']);
    expectApiError(await move(code, 'cancelled'), 409);
    expect((await move(code, 'picked_up')).body.status).toBe('picked_up');
    expectApiError(await move(code, 'expired'), 409);

    const detail = await w.t.http().get(`/api/admin/reservations/${code}`).set(w.admin.auth).expect(200);
    expect(detail.body.allowedMoves).toEqual([]);
    // The same status link the customer got when booking, for the admin to send again.
    expect(detail.body.statusUrl).toBe(statusUrl);
    expect(detail.body.history.map((h: { to: string; actor: string }) => `${h.actor}:${h.to}`)).toEqual([
      'customer:awaiting_payment',
      'payment:confirmed',
      'admin:in_progress',
      'admin:done',
      'admin:picked_up',
    ]);
    expect(detail.body.history[2].note).toBe('Mulai dikerjakan');
    expect(detail.body.paymentEvents.map((e: { status: string }) => e.status)).toEqual(['pending', 'paid']);
    expectApiError(await w.t.http().get('/api/admin/reservations/00000000').set(w.admin.auth), 404);
    const list = await w.t.http().get(`/api/admin/reservations?code=${code}`).set(w.admin.auth).expect(200);
    expect(list.body).toMatchObject({ total: 1, items: [{ code, status: 'picked_up' }] });
  });

  it('lets an unpaid booking pay again after its first attempt ends, under the order id CODE-2', async () => {
    const { bookingCode: code, statusUrl } = await booked(w.t, { date: inDays(3) });
    w.mt.pay(code, 'bca_va', { pending: true });
    await notify(w.t, w.mt.setStatus(code, 'expire'));
    expect(await statusOf(w.t, code)).toEqual({ status: 'awaiting_payment', payment_status: 'unpaid' });
    const token = tokenOf(statusUrl);
    const again = await w.t.http().post(`/api/reservations/${code}/payment`).send({ token }).expect(201);
    expect(again.body).toEqual({ redirectUrl: expect.stringContaining('/snap/'), expiresAt: expect.any(String) });
    // Asked again while that attempt is open, the same page comes back.
    const same = await w.t.http().post(`/api/reservations/${code}/payment`).send({ token }).expect(201);
    expect(same.body.redirectUrl).toBe(again.body.redirectUrl);
    expect(w.mt.snapOrders.get(`${code}-2`)).toBeDefined();
    await payAndNotify(w, `${code}-2`);
    expect(await statusOf(w.t, code)).toEqual({ status: 'confirmed', payment_status: 'paid' });

    // The admin sees every attempt's events, oldest first, each under its own order id.
    const detail = await w.t.http().get(`/api/admin/reservations/${code}`).set(w.admin.auth).expect(200);
    const event = (orderId: string, status: string, source: string, providerStatus: string | null) => ({
      orderId,
      status,
      source,
      providerStatus,
      applied: true,
      detail: null,
      at: expect.any(String),
    });
    expect(detail.body.paymentEvents).toEqual([
      event(code, 'pending', 'checkout', null),
      event(code, 'expired', 'notification', 'expire'),
      event(`${code}-2`, 'pending', 'checkout', null),
      event(`${code}-2`, 'paid', 'notification', 'settlement'),
    ]);
  });

  it('refunds a paid booking the customer cancels with the status link, gives the place back, and tells the chat', async () => {
    const date = inDays(4);
    const { bookingCode: code, statusUrl } = await booked(w.t, { date, slot: 'siang' });
    await w.t.db.query('UPDATE reservations SET chat_id = 92001 WHERE code = $1', [code]);
    await payAndNotify(w, code, 'gopay');
    expect(await placesLeft(w.t, date, 'siang')).toBe(1);
    const wrong = await w.t
      .http()
      .post(`/api/reservations/${code}/cancel`)
      .send({ token: 'x'.repeat(32) });
    expectApiError(wrong, 404);
    const res = await w.t
      .http()
      .post(`/api/reservations/${code}/cancel`)
      .send({ token: tokenOf(statusUrl) })
      .expect(200);
    expect(res.body).toMatchObject({ code, status: 'cancelled', paymentStatus: 'refunded' });
    expect(await placesLeft(w.t, date, 'siang')).toBe(2);
    expect(w.mt.requestsTo('refund').map((r) => r.path)).toEqual([`/v2/${code}/refund`]);
    expect(await journalsOf(w.t, code)).toEqual([{ kind: 'reservation_payment' }, { kind: 'refund' }]);
    const messages = await messagesTo(w.t, 92001);
    expect(messages).toEqual([
      expect.stringMatching(new RegExp(`^Pembayaran Rp 70.000 untuk booking ${code} sudah kami terima`)),
      expect.stringMatching(new RegExp(`^Booking ${code} .* dibatalkan\\. Pembayaran Rp 70.000 akan dikembalikan\\.$`)),
      `Dana Rp 70.000 untuk booking ${code} sudah dikembalikan.`,
    ]);
    expectApiError(
      await w.t
        .http()
        .post(`/api/reservations/${code}/cancel`)
        .send({ token: tokenOf(statusUrl) }),
      409,
    );
  });

  it('does not let a customer cancel once work has started', async () => {
    const { bookingCode: code, statusUrl } = await booked(w.t, { date: inDays(5) });
    await payAndNotify(w, code);
    await move(code, 'in_progress').expect(200);
    const res = await w.t
      .http()
      .post(`/api/reservations/${code}/cancel`)
      .send({ token: tokenOf(statusUrl) });
    expectApiError(res, 409);
    expect((await statusOf(w.t, code)).status).toBe('in_progress');
  });

  it('keeps the admin routes for admins', async () => {
    const customer = await createUser(w.t);
    expectApiError(await w.t.http().get('/api/admin/reservations').set(customer.auth), 403);
    expectApiError(await w.t.http().get('/api/admin/reservations'), 401);
  });
});
