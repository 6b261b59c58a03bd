import type { Response } from 'supertest';
import { expectApiError } from '../support/api-assertions';
import { TestUser } from '../support/factories';
import { TestApp } from '../support/test-app';

export interface Otp {
  challengeId: string;
  code: string;
}

/** Credits a user's wallet through an admin adjustment, as money enters Loket before top-ups exist. */
export async function fund(t: TestApp, admin: TestUser, user: TestUser, amount: number): Promise<void> {
  await t
    .http()
    .post('/api/admin/ledger/adjustments')
    .set(admin.auth)
    .send({ account: `wallet:${user.id}`, amount, reason: 'setoran tunai' })
    .expect(201);
}

/** A code from POST /api/otp; the app must run with OTP_DELIVERY=response. */
export async function requestOtp(t: TestApp, user: TestUser, body: object): Promise<Otp> {
  const res = await t.http().post('/api/otp').set(user.auth).send(body);
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 201, body: { channel: 'response' } });
  expect(res.body.code).toMatch(/^\d{6}$/);
  return { challengeId: res.body.challengeId, code: res.body.code };
}

/** A six-digit code that is not `code`. */
export const otherCode = (code: string) => ((Number(code) + 1) % 1_000_000).toString().padStart(6, '0');

export async function sendTransfer(
  t: TestApp,
  from: TestUser,
  to: TestUser,
  amount: number,
  extra: { description?: string; idempotencyKey?: string } = {},
): Promise<Response> {
  const otp = await requestOtp(t, from, { action: 'transfer', to: to.username, amount });
  const req = t.http().post('/api/wallet/transfers').set(from.auth);
  if (extra.idempotencyKey) req.set('Idempotency-Key', extra.idempotencyKey);
  return req.send({ to: to.username, amount, description: extra.description, otp });
}

/** Creates an unpaid bill from `from` to `to` through the API and returns its body. */
export async function createBill(
  t: TestApp,
  from: TestUser,
  to: TestUser,
  amount: number,
  name = 'Iuran arisan',
): Promise<{ code: string; [field: string]: unknown }> {
  const otp = await requestOtp(t, from, { action: 'bill.create', to: to.username, amount });
  const res = await t.http().post('/api/bills').set(from.auth).send({ to: to.username, name, amount, otp });
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 201, body: { status: 'unpaid' } });
  return res.body;
}

export async function balanceOf(t: TestApp, user: TestUser): Promise<string> {
  const res = await t.http().get('/api/wallet').set(user.auth).expect(200);
  return res.body.balance;
}

/** A failure with this status and this stable error `code` in the JSON body. */
export function expectError(res: Response, status: number, code: string): void {
  expectApiError(res, status);
  expect(res.body.code).toBe(code);
}

/** A 400 from validation whose message names `field`. */
export function expectInvalid(res: Response, field: string): void {
  expectApiError(res, 400);
  expect([res.body.message].flat().join(' ')).toContain(field);
}

/**
 * Balances of `users` and row counts of everything a wallet action writes: compare a snapshot
 * before and after a refused request to show that nothing moved.
 */
export async function walletState(t: TestApp, users: TestUser[]) {
  const [counts] = await t.db.query<
    { transfers: number; bills: number; resolved_bills: number; journals: number; used_codes: number }[]
  >(
    `SELECT (SELECT count(*)::int FROM wallet_transfers) AS transfers,
            (SELECT count(*)::int FROM bills) AS bills,
            (SELECT count(*)::int FROM bills WHERE status <> 'unpaid') AS resolved_bills,
            (SELECT count(*)::int FROM ledger_journals) AS journals,
            (SELECT count(*)::int FROM otp_challenges WHERE used_at IS NOT NULL) AS used_codes`,
  );
  const balances = await Promise.all(users.map((u) => balanceOf(t, u)));
  return { ...counts, balances };
}

export async function expectLedgerOk(t: TestApp, admin: TestUser): Promise<void> {
  const res = await t.http().get('/api/admin/ledger/verify').set(admin.auth).expect(200);
  expect(res.body).toMatchObject({ ok: true, problems: [] });
}
