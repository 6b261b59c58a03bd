import { expectApiError } from '../support/api-assertions';
import { notify, payAndNotify, PaymentsWorld, reconcile } from '../payments/payments-harness';
import {
  book,
  booked,
  countReservations,
  CUSTOMER,
  expireHold,
  inDays,
  placesLeft,
  runJobs,
  startReservations,
  statusOf,
  tomorrow,
} from './reservations-harness';

describe('booking a repair over REST', () => {
  let w: PaymentsWorld;

  beforeAll(async () => {
    w = await startReservations();
  });
  afterAll(() => w.close());

  it('publishes the catalogue: models, parts, only priced pairs, and the four slots of the source', async () => {
    const res = await w.t.http().get('/api/catalog').expect(200);
    expect(res.body.models).toContainEqual({ code: 'iphone-x', name: 'iPhone X' });
    expect(res.body.parts).toContainEqual({ code: 'touch-id', name: 'Finger/Touch ID' });
    expect(res.body.prices).toContainEqual({ model: 'iphone-x', part: 'battery', price: '70000' });
    expect(res.body.prices).not.toContainEqual(expect.objectContaining({ model: 'iphone-x', part: 'touch-id' }));
    expect(res.body.slots.map((s: { label: string }) => s.label)).toEqual([
      'Pukul : 09.00 - 11.00 WIB',
      'Pukul : 12.00 - 14.00 WIB',
      'Pukul : 15.00 - 17.00 WIB',
      'Pukul : 18.00 - 20.00 WIB',
    ]);
    expect(res.body.slots[0]).toEqual({
      code: 'pagi',
      label: 'Pukul : 09.00 - 11.00 WIB',
      start: '09:00',
      end: '11:00',
      capacity: 2,
    });
  });

  it('books a place, holds it, and makes the 8-digit booking code the first Midtrans order id', async () => {
    const date = inDays(3);
    expect(await placesLeft(w.t, date, 'siang')).toBe(2);
    const res = await book(w.t, { date, slot: 'siang' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      bookingCode: expect.stringMatching(/^[1-9]\d{7}$/),
      total: '70000',
      status: 'awaiting_payment',
      statusUrl: expect.stringMatching(/^https:\/\/servis\.example\/orders\/\d{8}\?t=[\w-]{32}$/),
      payment: { redirectUrl: expect.stringContaining('/snap/'), expiresAt: expect.any(String) },
    });
    const code = res.body.bookingCode as string;
    expect(res.body.statusUrl).toContain(`/orders/${code}?`);
    expect(w.mt.snapOrders.get(code)).toMatchObject({
      transaction_details: { order_id: code, gross_amount: 70000 },
      customer_details: { first_name: 'Siti Nurhaliza', phone: '6281234567890' },
    });
    const minutes = (Date.parse(res.body.payment.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(58);
    expect(minutes).toBeLessThanOrEqual(60);
    expect(await placesLeft(w.t, date, 'siang')).toBe(1);
  });

  it('confirms the booking when Midtrans says it is paid, crediting service revenue once', async () => {
    const { bookingCode } = await booked(w.t, { date: inDays(4) });
    expect((await payAndNotify(w, bookingCode, 'bca_va')).status).toBe(200);
    expect(await statusOf(w.t, bookingCode)).toEqual({ status: 'confirmed', payment_status: 'paid' });
    // The same notification again changes nothing.
    expect((await notify(w.t, w.mt.notification(bookingCode))).status).toBe(200);
    const journals = await w.t.db.query(
      `SELECT j.kind, e.amount FROM ledger_journals j JOIN ledger_entries e ON e.journal_id = j.id
         JOIN ledger_accounts a ON a.id = e.account_id
        WHERE j.reference = $1 AND a.code = 'system:revenue:service'`,
      [`payment:${bookingCode}`],
    );
    expect(journals).toEqual([{ kind: 'reservation_payment', amount: '70000' }]);
  });

  it('frees the place when the payment expires unpaid, and the booking becomes expired', async () => {
    const date = inDays(5);
    const { bookingCode } = await booked(w.t, { date, slot: 'sore' });
    expect(await placesLeft(w.t, date, 'sore')).toBe(1);
    await expireHold(w.t, bookingCode);
    await reconcile(w.t);
    expect(await statusOf(w.t, bookingCode)).toEqual({ status: 'expired', payment_status: 'unpaid' });
    expect(await placesLeft(w.t, date, 'sore')).toBe(2);
    const paid = await notify(w.t, w.mt.pay(bookingCode, 'gopay'));
    expect(paid.status).toBe(200);
    // Money after the expiry does not revive the booking or take the place; it waits for a refund.
    expect(await statusOf(w.t, bookingCode)).toEqual({ status: 'expired', payment_status: 'paid' });
    expect(await placesLeft(w.t, date, 'sore')).toBe(2);
  });

  it('expires an unpaid booking whose payment page never opened (Midtrans silent), through its own sweep', async () => {
    const date = inDays(6);
    w.mt.failNext('snap', { status: 500 });
    const res = await book(w.t, { date, slot: 'malam' });
    expect(res.status).toBe(201);
    expect(res.body.payment).toBeNull();
    expect(await placesLeft(w.t, date, 'malam')).toBe(1);
    await w.t.db.query(`UPDATE reservations SET hold_expires_at = now() - interval '31 minutes' WHERE code = $1`, [
      res.body.bookingCode,
    ]);
    expect((await runJobs(w.t)).expired).toBe(1);
    expect((await statusOf(w.t, res.body.bookingCode)).status).toBe('expired');
    expect(await placesLeft(w.t, date, 'malam')).toBe(2);
  });

  it('refuses bad input with a 400 naming the field, and books nothing', async () => {
    await w.t
      .http()
      .put(`/api/admin/reservations/closed-dates/${inDays(7)}`)
      .set(w.admin.auth)
      .send({ reason: 'Libur' })
      .expect(200);
    const before = await countReservations(w.t);
    const cases: [Parameters<typeof book>[1], RegExp][] = [
      [{ date: inDays(0) }, /^date: bookings start tomorrow/],
      [{ date: inDays(-3) }, /^date: bookings start tomorrow/],
      [{ date: inDays(31) }, /^date: bookings go up to/],
      [{ date: inDays(7) }, /^date: the shop is closed on .* \(Libur\)/],
      [{ date: '2026-02-30' }, /^date: 2026-02-30 is not a date/],
      [{ date: '05/12/2026' }, /date must be a date as YYYY-MM-DD/],
      [{ model: 'nokia-3310' }, /^model: there is no model "nokia-3310"/],
      [{ part: 'antenna' }, /^part: there is no part "antenna"/],
      [{ slot: 'subuh' }, /^slot: there is no slot "subuh"/],
      [{ slot: 'Pagi' }, /slot must be a code/],
      [{ part: 'touch-id' }, /^part: "touch-id" is not offered for model "iphone-x"/],
      [{ customer: { ...CUSTOMER, phone: '12' } }, /phone must be an Indonesian number/],
      [{ customer: { name: '', phone: CUSTOMER.phone } }, /customer\.name must be longer/],
      [{ customer: 'Siti' }, /customer must be an object/],
    ];
    for (const [booking, message] of cases) {
      const res = await book(w.t, booking);
      expectApiError(res, 400);
      expect({ booking, message: [res.body.message].flat().join(' ') }).toEqual({
        booking,
        message: expect.stringMatching(message),
      });
    }
    const extra = await w.t
      .http()
      .post('/api/reservations')
      .send({ date: tomorrow(), slot: 'pagi', model: 'iphone-x', part: 'battery', customer: CUSTOMER, price: 1 });
    expectApiError(extra, 400);
    expect(await countReservations(w.t)).toBe(before);
    const availability = await w.t.http().get(`/api/reservations/availability?date=${inDays(7)}`);
    expectApiError(availability, 400);
    expect(availability.body.code).toBe('BOOKING_DATE_REFUSED');
  });

  it('answers 409 SLOT_FULL once the slot has no places left', async () => {
    const date = inDays(8);
    await booked(w.t, { date });
    await booked(w.t, { date });
    const full = await book(w.t, { date });
    expectApiError(full, 409);
    expect(full.body.code).toBe('SLOT_FULL');
    expect(await placesLeft(w.t, date, 'pagi')).toBe(0);
  });
});
