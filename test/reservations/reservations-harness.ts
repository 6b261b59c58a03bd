import type { Response } from 'supertest';
import { addDays, jakartaToday } from '../../src/common/time/jakarta-days';
import { seedDemoCatalogue } from '../../src/reservations/demo-catalogue';
import { ReservationJobs } from '../../src/reservations/reservation-jobs.service';
import { PaymentsWorld, startPayments } from '../payments/payments-harness';
import { TestApp } from '../support/test-app';

export const tomorrow = () => addDays(jakartaToday(), 1);
export const inDays = (days: number) => addDays(jakartaToday(), days);

/** Loket with payments on (a fake Midtrans) and the demo catalogue: 4 slots of 2 places. */
export async function startReservations(env: Record<string, string> = {}): Promise<PaymentsWorld> {
  const w = await startPayments({ RESERVATION_RATE_LIMIT: '10000', PUBLIC_URL: 'https://servis.example', ...env });
  await w.t.db.transaction((manager) => seedDemoCatalogue(manager));
  return w;
}

export interface Booking {
  date?: string;
  slot?: string;
  model?: string;
  part?: string;
  customer?: unknown;
}

export const CUSTOMER = { name: 'Siti Nurhaliza', phone: '0812-3456-7890' };

export function book(t: TestApp, booking: Booking = {}): Promise<Response> {
  return t
    .http()
    .post('/api/reservations')
    .send({ date: tomorrow(), slot: 'pagi', model: 'iphone-x', part: 'battery', customer: CUSTOMER, ...booking });
}

/** A booking that must succeed; returns its body. */
export async function booked(
  t: TestApp,
  booking: Booking = {},
): Promise<{ bookingCode: string; statusUrl: string; payment: { redirectUrl: string } }> {
  const res = await book(t, booking);
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
  return res.body;
}

export async function placesLeft(t: TestApp, date: string, slot: string): Promise<number> {
  const res = await t.http().get(`/api/reservations/availability?date=${date}`).expect(200);
  return (res.body.slots as { code: string; left: number }[]).find((s) => s.code === slot)!.left;
}

export async function statusOf(t: TestApp, code: string): Promise<{ status: string; payment_status: string }> {
  const [row] = await t.db.query('SELECT status, payment_status FROM reservations WHERE code = $1', [code]);
  return row;
}

export const countReservations = async (t: TestApp): Promise<number> =>
  (await t.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM reservations'))[0].n;

/** Pretends the booking's hold (and its open payment attempt) ran out a minute ago. */
export async function expireHold(t: TestApp, code: string): Promise<void> {
  await t.db.query(`UPDATE reservations SET hold_expires_at = now() - interval '1 minute' WHERE code = $1`, [code]);
  await t.db.query(
    `UPDATE payments SET expires_at = now() - interval '1 minute', created_at = created_at - interval '2 hours'
      WHERE purpose = 'reservation' AND reference_id = $1`,
    [code],
  );
}

export const runJobs = (t: TestApp, now?: Date) => t.app.get(ReservationJobs).runOnce(now);

export const tokenOf = (statusUrl: string) => new URL(statusUrl).searchParams.get('t')!;
