import type { Response } from 'supertest';
import { PaymentReconciler } from '../../src/payments/payment-reconciler.service';
import { FakeMidtrans, PayMethod } from '../fakes/midtrans/fake-midtrans';
import { Fields } from '../fakes/midtrans/notifications';
import { createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

export const SERVER_KEY = 'SB-Mid-server-LoketPayments_0123456789';
export const NOTIFICATION_PATH = '/api/payments/midtrans/notification';

export interface PaymentsWorld {
  t: TestApp;
  mt: FakeMidtrans;
  admin: TestUser;
  close(): Promise<void>;
}

/** Loket with payments on, talking to a fresh fake Midtrans; a short client timeout for the "silent" tests. */
export async function startPayments(env: Record<string, string> = {}): Promise<PaymentsWorld> {
  const mt = await FakeMidtrans.start({ serverKey: SERVER_KEY });
  const t = await createTestApp({
    MIDTRANS_SERVER_KEY: SERVER_KEY,
    MIDTRANS_SNAP_URL: mt.snapUrl,
    MIDTRANS_API_URL: mt.apiUrl,
    MIDTRANS_TIMEOUT_MS: '500',
    // Tests trigger passes themselves (runOnce); the timer would only race them.
    PAYMENT_RECONCILE_SECONDS: '3600',
    ...env,
  });
  const admin = await createUser(t, { role: 'admin' });
  return {
    t,
    mt,
    admin,
    close: async () => {
      await t.close();
      await mt.close();
    },
  };
}

export async function topup(t: TestApp, user: TestUser, amount: number | string): Promise<Response> {
  return t.http().post('/api/wallet/topups').set(user.auth).send({ amount });
}

/** A pending top-up's order id; fails the test unless the checkout succeeded. */
export async function pendingTopup(t: TestApp, user: TestUser, amount = 50_000): Promise<string> {
  const res = await topup(t, user, amount);
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 201, body: { status: 'pending' } });
  return res.body.orderId as string;
}

/** POSTs a notification as Midtrans does (JSON, no credentials); `raw` is sent verbatim instead. */
export function notify(t: TestApp, body: Fields | string, contentType = 'application/json'): Promise<Response> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return t.http().post(NOTIFICATION_PATH).set('content-type', contentType).send(raw);
}

/** The customer pays on the Snap page and Midtrans notifies Loket. */
export async function payAndNotify(w: PaymentsWorld, orderId: string, method: PayMethod = 'bca_va'): Promise<Response> {
  return notify(w.t, w.mt.pay(orderId, method));
}

export async function balanceOf(
  t: TestApp,
  user: TestUser,
): Promise<{ balance: string; held: string; available: string }> {
  const res = await t.http().get('/api/wallet').set(user.auth).expect(200);
  return res.body;
}

export async function paymentOf(t: TestApp, user: TestUser, orderId: string) {
  const res = await t.http().get(`/api/payments/${orderId}`).set(user.auth).expect(200);
  return res.body;
}

export async function expectLedgerOk(w: PaymentsWorld): Promise<void> {
  const res = await w.t.http().get('/api/admin/ledger/verify').set(w.admin.auth).expect(200);
  expect(res.body).toMatchObject({ ok: true, problems: [] });
}

/** Journals posted for one payment (its paid journal, reversals, refunds). */
export async function journalsOf(t: TestApp, orderId: string): Promise<{ kind: string }[]> {
  return t.db.query(`SELECT kind FROM ledger_journals WHERE reference = $1 ORDER BY created_at`, [
    `payment:${orderId}`,
  ]);
}

export function reconcile(t: TestApp) {
  return t.app.get(PaymentReconciler).runOnce();
}

/** Pretends time passed: the payment was created `minutes` ago and expires accordingly. */
export async function age(t: TestApp, orderId: string, minutes: number, expired = true): Promise<void> {
  await t.db.query(
    `UPDATE payments SET created_at = created_at - make_interval(mins => $2),
            expires_at = CASE WHEN $3 THEN now() - interval '1 second' ELSE expires_at END
      WHERE order_id = $1`,
    [orderId, minutes, expired],
  );
}

/** Links a user's account to a Telegram chat directly, so outbox messages for them can be read. */
export async function linkChat(t: TestApp, user: TestUser, chatId: number): Promise<void> {
  await t.db.query('INSERT INTO telegram_links (user_id, chat_id, telegram_user_id) VALUES ($1, $2, $2)', [
    user.id,
    chatId,
  ]);
}

export async function messagesTo(t: TestApp, chatId: number): Promise<string[]> {
  const rows = await t.db.query<{ text: string }[]>(
    `SELECT payload->>'text' AS text FROM telegram_outbox WHERE chat_id = $1 ORDER BY id`,
    [chatId],
  );
  return rows.map((r) => r.text);
}

export { createUser };
