import { LedgerService } from '../../src/ledger/ledger.service';
import { move, walletAccountCode } from '../../src/ledger/ledger.types';
import { addDays, jakartaToday } from '../../src/common/time/jakarta-days';
import { expectApiError } from '../support/api-assertions';
import { createUser, TestUser } from '../support/factories';
import { notify, payAndNotify, pendingTopup, PaymentsWorld } from '../payments/payments-harness';
import { addDemoCatalogue, buy, createAgent, finalOf, PULSA_TEST_ENV, SIM, XL } from '../pulsa/pulsa-harness';
import { booked, inDays, startReservations, tokenOf } from '../reservations/reservations-harness';
import { fund, sendTransfer } from '../wallet/wallet-helpers';

const ZERO_BOOKINGS = {
  awaiting_payment: 0,
  confirmed: 0,
  in_progress: 0,
  done: 0,
  picked_up: 0,
  cancelled: 0,
  expired: 0,
};
const YESTERDAY = `now() - interval '1 day'`;

describe('the admin overview', () => {
  let w: PaymentsWorld;
  let admin: TestUser;
  let today: string;
  let yesterday: string;

  const overview = (query = '', as?: TestUser) =>
    w.t
      .http()
      .get(`/api/admin/overview${query}`)
      .set((as ?? admin).auth);
  const dayOf = (body: { days: { day: string }[] }, day: string) => body.days.find((d) => d.day === day);

  /** Pays a top-up of `amount` for `owner`; its money arrives now, or `at` (SQL) when given. */
  const paidTopup = async (owner: TestUser, amount: number, at?: string) => {
    const orderId = await pendingTopup(w.t, owner, amount);
    expect((await payAndNotify(w, orderId)).body).toEqual({ outcome: 'applied' });
    if (at) await w.t.db.query(`UPDATE payments SET paid_at = ${at} WHERE order_id = $1`, [orderId]);
    return orderId;
  };

  beforeAll(async () => {
    w = await startReservations({ ...PULSA_TEST_ENV, PULSA_SIMULATOR_DELAY_MS: '600000' });
    admin = w.admin;
    today = jakartaToday();
    yesterday = addDays(today, -1);

    // Wallet: two transfers today (one then moved to yesterday), top-ups paid today and yesterday, one unpaid.
    const [ani, budi] = [await createUser(w.t), await createUser(w.t)];
    await fund(w.t, admin, ani, 100_000);
    expect((await sendTransfer(w.t, ani, budi, 25_000)).status).toBe(201);
    const moved = await sendTransfer(w.t, budi, ani, 5_000);
    // A transfer is its journal (wallet_transfers is a view), and journals refuse changes but here.
    await w.t.db.transaction(async (m) => {
      await m.query('ALTER TABLE ledger_journals DISABLE TRIGGER ledger_journals_immutable');
      await m.query(`UPDATE ledger_journals SET created_at = ${YESTERDAY} WHERE id = $1`, [moved.body.id]);
      await m.query('ALTER TABLE ledger_journals ENABLE TRIGGER ledger_journals_immutable');
    });
    await paidTopup(ani, 20_000);
    await paidTopup(budi, 15_000, YESTERDAY);
    await pendingTopup(w.t, ani, 30_000);

    // A top-up reversed by the bank after 20.000 of it was spent: paid today, waiting in review.
    const cici = await createUser(w.t);
    const reversed = await paidTopup(cici, 25_000);
    await w.t.app
      .get(LedgerService)
      .post({ kind: 'transfer', legs: move(walletAccountCode(cici.id), walletAccountCode(ani.id), 20_000n) });
    expect((await notify(w.t, w.mt.setStatus(reversed, 'deny'))).body).toEqual({ outcome: 'applied' });

    // Pulsa (demo prices: nominal + 1.500, cost nominal + 700): two sales today, one yesterday, one
    // failed, and one the supplier has not answered for two hours.
    await addDemoCatalogue(w.t);
    const agent = await createAgent(w.t, admin, { balance: 100_000 });
    const sold = async (productCode: string, destination: string) => {
      const res = await buy(w.t, agent, { productCode, destination }).expect(202);
      return { id: res.body.id as string, final: await finalOf(w.t, agent, res.body.id) };
    };
    expect((await sold('XL5', SIM.success)).final.status).toBe('success');
    expect((await sold('XL10', SIM.success)).final.status).toBe('success');
    const old = await sold('XL25', SIM.success);
    await w.t.db.query(`UPDATE pulsa_transactions SET created_at = ${YESTERDAY} WHERE id = $1`, [old.id]);
    expect((await sold('XL50', SIM.failed)).final.status).toBe('failed');
    const waiting = await buy(w.t, agent, { productCode: 'XL5', destination: XL }).expect(202);
    await w.t.db.query(`UPDATE pulsa_transactions SET created_at = now() - interval '2 hours' WHERE id = $1`, [
      waiting.body.id,
    ]);

    // Bookings: one paid (its day then moved to today), one cancelled (also today's), one made yesterday.
    const paid = await booked(w.t, { slot: 'pagi' });
    await payAndNotify(w, paid.bookingCode);
    const cancelled = await booked(w.t, { slot: 'siang' });
    await w.t
      .http()
      .post(`/api/reservations/${cancelled.bookingCode}/cancel`)
      .send({ token: tokenOf(cancelled.statusUrl) })
      .expect(200);
    await w.t.db.query('UPDATE reservations SET day = $1 WHERE code = ANY($2)', [
      today,
      [paid.bookingCode, cancelled.bookingCode],
    ]);
    const earlier = await booked(w.t, { date: inDays(2) });
    await w.t.db.query(`UPDATE reservations SET created_at = ${YESTERDAY} WHERE code = $1`, [earlier.bookingCode]);
  });
  afterAll(() => w.close());

  it('shows the last 14 days by default, oldest first and ending today, with zeros where nothing happened', async () => {
    const res = await overview().expect(200);
    expect(res.body).toMatchObject({ from: addDays(today, -13), to: today, timeZone: 'Asia/Jakarta' });
    expect(res.body.days.map((d: { day: string }) => d.day)).toEqual(
      Array.from({ length: 14 }, (_, i) => addDays(today, i - 13)),
    );
    expect(dayOf(res.body, addDays(today, -5))).toEqual({
      day: addDays(today, -5),
      transfers: { count: 0, amount: '0' },
      topups: { count: 0, amount: '0' },
      pulsa: { count: 0, sales: '0', margin: '0' },
      bookings: { created: 0, byStatus: ZERO_BOOKINGS },
      payments: { count: 0, amount: '0' },
    });
    expect(Date.parse(res.body.generatedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("counts today's transfers, paid top-ups, pulsa sales and margin, bookings by status and payments received", async () => {
    const res = await overview('?days=7').expect(200);
    expect(res.body.days).toHaveLength(7);
    expect(dayOf(res.body, today)).toEqual({
      day: today,
      transfers: { count: 1, amount: '25000' },
      // The reversed top-up's money did arrive today; the unpaid one is not counted.
      topups: { count: 2, amount: '45000' },
      pulsa: { count: 2, sales: '18000', margin: '1600' },
      bookings: { created: 2, byStatus: { ...ZERO_BOOKINGS, confirmed: 1, cancelled: 1 } },
      payments: { count: 3, amount: '115000' },
    });
  });

  it('puts what happened yesterday (Asia/Jakarta) on yesterday', async () => {
    const res = await overview('?days=2').expect(200);
    expect(res.body.days.map((d: { day: string }) => d.day)).toEqual([yesterday, today]);
    expect(dayOf(res.body, yesterday)).toEqual({
      day: yesterday,
      transfers: { count: 1, amount: '5000' },
      topups: { count: 1, amount: '15000' },
      pulsa: { count: 1, sales: '26500', margin: '800' },
      bookings: { created: 1, byStatus: { ...ZERO_BOOKINGS, awaiting_payment: 1 } },
      payments: { count: 1, amount: '15000' },
    });
    const one = await overview('?days=1').expect(200);
    expect(one.body.days.map((d: { day: string }) => d.day)).toEqual([today]);
  });

  it('says what needs an admin: payments in review, stuck pulsa purchases, bookings still open today', async () => {
    const res = await overview().expect(200);
    expect(res.body.attention).toEqual({ paymentsInReview: 1, stuckPulsaTransactions: 1, bookingsToday: 1 });
    const stuck = await w.t.http().get('/api/admin/pulsa/transactions/stuck').set(admin.auth).expect(200);
    expect(stuck.body.total).toBe(res.body.attention.stuckPulsaTransactions);
  });

  it('refuses days outside 1 to 90 with 400, and anyone but an admin with 403', async () => {
    expect((await overview('?days=90').expect(200)).body.days).toHaveLength(90);
    for (const days of ['0', '91', '-1', '1.5', 'abc', '']) {
      const res = await overview(`?days=${days}`);
      expectApiError(res, 400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    const customer = await createUser(w.t);
    expectApiError(await overview('', customer), 403);
    expectApiError(await w.t.http().get('/api/admin/overview'), 401);
  });
});
