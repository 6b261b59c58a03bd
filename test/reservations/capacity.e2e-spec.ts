import { PaymentsWorld } from '../payments/payments-harness';
import { expectApiError } from '../support/api-assertions';
import { book, inDays, placesLeft, startReservations } from './reservations-harness';

// The one rule that must hold under any load: a slot never holds more bookings than its capacity.
describe('slot capacity under concurrency', () => {
  let w: PaymentsWorld;

  beforeAll(async () => {
    w = await startReservations();
  });
  afterAll(() => w.close());

  it('gives the last 2 places to exactly 2 of 20 customers booking at the same moment; 18 get 409 SLOT_FULL', async () => {
    const date = inDays(2);
    await w.t
      .http()
      .put('/api/admin/reservations/slots/pagi')
      .set(w.admin.auth)
      .send({ start: '09:00', end: '11:00', capacity: 3 })
      .expect(200);
    expect((await book(w.t, { date })).status).toBe(201);
    expect(await placesLeft(w.t, date, 'pagi')).toBe(2);

    const answers = await Promise.all(Array.from({ length: 20 }, () => book(w.t, { date })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([...Array(2).fill(201), ...Array(18).fill(409)]);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'SLOT_FULL')).toBe(true);

    const [{ held }] = await w.t.db.query(
      `SELECT count(*)::int AS held FROM reservations WHERE day = $1 AND slot_code = 'pagi'`,
      [date],
    );
    expect(held).toBe(3);
    expect(await placesLeft(w.t, date, 'pagi')).toBe(0);
  });

  it('keeps bookings already made when an admin lowers the capacity, and lets nobody new in', async () => {
    const date = inDays(3);
    expect((await book(w.t, { date, slot: 'siang' })).status).toBe(201);
    expect((await book(w.t, { date, slot: 'siang' })).status).toBe(201);
    await w.t
      .http()
      .put('/api/admin/reservations/slots/siang')
      .set(w.admin.auth)
      .send({ start: '12:00', end: '14:00', capacity: 1 })
      .expect(200);
    expect(await placesLeft(w.t, date, 'siang')).toBe(0);
    expect((await book(w.t, { date, slot: 'siang' })).status).toBe(409);
    const schedule = await w.t
      .http()
      .get(`/api/admin/reservations/schedule?date=${date}`)
      .set(w.admin.auth)
      .expect(200);
    const siang = schedule.body.slots.find((s: { code: string }) => s.code === 'siang');
    expect(siang).toMatchObject({ capacity: 1, left: 0 });
    expect(siang.bookings).toHaveLength(2);
  });

  it('refuses a slot that ends before it starts with 400 SLOT_TIMES_INVALID, and leaves the slot as it was', async () => {
    const put = (body: object) => w.t.http().put('/api/admin/reservations/slots/sore').set(w.admin.auth).send(body);
    const before = await w.t.http().get('/api/admin/reservations/slots').set(w.admin.auth).expect(200);
    for (const end of ['14:00', '15:00']) {
      const res = await put({ start: '15:00', end, capacity: 5 });
      expectApiError(res, 400);
      expect(res.body).toMatchObject({
        code: 'SLOT_TIMES_INVALID',
        message: `end: a slot must end after it starts (start 15:00, end ${end})`,
      });
    }
    const after = await w.t.http().get('/api/admin/reservations/slots').set(w.admin.auth).expect(200);
    expect(after.body).toEqual(before.body);
  });
});
