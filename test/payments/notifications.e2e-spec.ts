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
  paymentOf,
  pendingTopup,
  PaymentsWorld,
  SERVER_KEY,
  startPayments,
} from './payments-harness';
import { signNotification } from '../fakes/midtrans/notifications';

describe('Midtrans notifications', () => {
  let w: PaymentsWorld;
  let user: TestUser;

  beforeAll(async () => {
    w = await startPayments();
  });
  afterAll(() => w.close());
  // A fresh payer each test: at most five top-ups may wait at once.
  beforeEach(async () => {
    user = await createUser(w.t);
  });

  const stored = (orderId: string) =>
    w.t.db.query<{ outcome: string }[]>(`SELECT outcome FROM payment_notifications WHERE order_id = $1 ORDER BY id`, [
      orderId,
    ]);
  const statusOf = async (orderId: string) =>
    (await w.t.db.query<{ status: string }[]>('SELECT status FROM payments WHERE order_id = $1', [orderId]))[0].status;

  describe('signatures', () => {
    it.each([
      ['forged', (s: string) => s.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))],
      ['upper-cased', (s: string) => s.toUpperCase()],
      ['computed with another key', () => 'f'.repeat(128)],
      ['not a string', () => 12345 as unknown as string],
    ])('refuses a %s signature with 401, stores the delivery, and changes nothing', async (_, spoil) => {
      const orderId = await pendingTopup(w.t, user, 20_000);
      const body = w.mt.pay(orderId, 'bca_va');
      const before = await balanceOf(w.t, user);
      const res = await notify(w.t, { ...body, signature_key: spoil(body.signature_key as string) });
      expectApiError(res, 401);
      expect(res.body.code).toBe('INVALID_SIGNATURE');
      expect(await statusOf(orderId)).toBe('pending');
      expect(await balanceOf(w.t, user)).toEqual(before);
      expect(await stored(orderId)).toEqual([{ outcome: 'invalid_signature' }]);
    });

    it('refuses a notification without signature_key with 401', async () => {
      const orderId = await pendingTopup(w.t, user, 20_000);
      const unsigned = w.mt.pay(orderId, 'bca_va');
      delete unsigned.signature_key;
      const res = await notify(w.t, unsigned);
      expectApiError(res, 401);
      expect(await statusOf(orderId)).toBe('pending');
    });

    it('checks the strings exactly as received: a re-formatted amount no longer matches', async () => {
      const orderId = await pendingTopup(w.t, user, 20_000);
      const body = w.mt.pay(orderId, 'bca_va');
      expectApiError(await notify(w.t, { ...body, gross_amount: '20000' }), 401);
      // The same fields in another order and spacing are still the same strings.
      const res = await notify(w.t, JSON.stringify(body, Object.keys(body).reverse(), 2));
      expect(res.body).toEqual({ outcome: 'applied' });
    });
  });

  it('answers 404 for an order it does not know, and 400 (logged) for another amount', async () => {
    const orderId = await pendingTopup(w.t, user, 20_000);
    const body = w.mt.pay(orderId, 'bca_va');
    const unknown: Record<string, unknown> = { ...body, order_id: 'TOPUP-NOSUCHORDER1' };
    unknown.signature_key = signNotification(unknown as never, SERVER_KEY);
    const missing = await notify(w.t, unknown);
    expectApiError(missing, 404);
    expect(missing.body.code).toBe('PAYMENT_NOT_FOUND');

    const other: Record<string, unknown> = { ...body, gross_amount: '2000000.00' };
    other.signature_key = signNotification(other as never, SERVER_KEY);
    const mismatch = await notify(w.t, other);
    expectApiError(mismatch, 400);
    expect(mismatch.body.code).toBe('AMOUNT_MISMATCH');
    expect(await statusOf(orderId)).toBe('pending');
    expect((await balanceOf(w.t, user)).balance).toBe('0');
  });

  describe('malformed deliveries get 400, never 500', () => {
    it.each([
      ['invalid JSON', '{"order_id": "x",', 'application/json', 400],
      ['a JSON array', '[]', 'application/json', 400],
      ['a JSON string', '"x"', 'application/json', 400],
      ['a JSON number', '42', 'application/json', 400],
      ['null', 'null', 'application/json', 400],
      ['an empty body', '', 'application/json', 400],
      ['a form', 'order_id=x&status_code=200', 'application/x-www-form-urlencoded', 400],
      ['text', 'settlement', 'text/plain', 400],
      ['a NUL byte', '{"order_id": "a\\u0000b", "signature_key": "x"}', 'application/json', 400],
    ])('%s, and is stored as received', async (_, raw, contentType, status) => {
      const [{ n: before }] = await w.t.db.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM payment_notifications',
      );
      expectApiError(await notify(w.t, raw, contentType), status);
      const stored = await w.t.db.query<{ raw_body: Buffer; outcome: string }[]>(
        'SELECT raw_body, outcome FROM payment_notifications ORDER BY received_at DESC, id DESC LIMIT 1',
      );
      expect(await w.t.db.query('SELECT count(*)::int AS n FROM payment_notifications')).toEqual([{ n: before + 1 }]);
      expect(stored[0].raw_body.toString('utf8')).toBe(raw);
      expect(stored[0].outcome).toMatch(/^invalid_/);
    });

    it('missing or non-string fields', async () => {
      const orderId = await pendingTopup(w.t, user, 20_000);
      const body = w.mt.pay(orderId, 'bca_va');
      for (const field of ['order_id', 'status_code', 'gross_amount']) {
        const res = await notify(w.t, { ...body, [field]: undefined });
        expectApiError(res, 400);
        expect(res.body.code).toBe('INVALID_NOTIFICATION');
      }
      const noStatus = { ...body };
      delete noStatus.transaction_status;
      expectApiError(await notify(w.t, noStatus), 400);
      const numeric = await notify(w.t, { ...body, gross_amount: 20000 });
      expectApiError(numeric, 400);
      expect(await statusOf(orderId)).toBe('pending');
    });
  });

  it('credits once when the same notification arrives 10 times at once', async () => {
    const orderId = await pendingTopup(w.t, user, 30_000);
    const before = BigInt((await balanceOf(w.t, user)).balance);
    const body = w.mt.pay(orderId, 'permata_va');
    const answers = await Promise.all(Array.from({ length: 10 }, () => notify(w.t, body)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers.filter((a) => a.body.outcome === 'applied')).toHaveLength(1);
    expect(BigInt((await balanceOf(w.t, user)).balance) - before).toBe(30_000n);
    expect(await journalsOf(w.t, orderId)).toEqual([{ kind: 'topup' }]);
    expect(await stored(orderId)).toHaveLength(10);
    await expectLedgerOk(w);
  });

  it('keeps a paid payment paid when a stale pending arrives after the settlement', async () => {
    const orderId = await pendingTopup(w.t, user, 15_000);
    const pending = w.mt.pay(orderId, 'bca_va', { pending: true });
    const settlement = w.mt.pay(orderId, 'bca_va');
    expect((await notify(w.t, settlement)).body).toEqual({ outcome: 'applied' });
    expect((await notify(w.t, pending)).body).toEqual({ outcome: 'unchanged' });
    expect(await statusOf(orderId)).toBe('paid');
    const admin = await w.t.http().get(`/api/admin/payments/${orderId}`).set(w.admin.auth).expect(200);
    expect(admin.body.events.at(-1)).toMatchObject({ status: 'pending', providerStatus: 'pending', applied: false });
    expect(admin.body.notifications.map((n: { outcome: string }) => n.outcome)).toEqual(['applied', 'unchanged']);
  });

  it('records a pending notification with the VA number the customer got', async () => {
    const orderId = await pendingTopup(w.t, user, 15_000);
    expect((await notify(w.t, w.mt.pay(orderId, 'mandiri_bill', { pending: true }))).status).toBe(200);
    expect(await paymentOf(w.t, user, orderId)).toMatchObject({
      status: 'pending',
      paymentType: 'echannel',
      vaNumber: expect.stringMatching(/^\d{12}$/),
    });
  });

  it.each([
    ['card capture accepted', 'card_accept', 'paid'],
    ['card capture challenged', 'card_challenge', 'pending'],
    ['GoPay', 'gopay', 'paid'],
    ['QRIS', 'qris', 'paid'],
    ['Indomaret (no fraud_status)', 'indomaret', 'paid'],
  ] as const)('maps %s (%s) to %s', async (_, method, status) => {
    const orderId = await pendingTopup(w.t, user, 12_000);
    expect((await payAndNotify(w, orderId, method)).status).toBe(200);
    expect(await statusOf(orderId)).toBe(status);
  });

  it.each(['expire', 'cancel', 'deny'])(
    'ends a pending payment on %s, and still credits a settlement after it',
    async (s) => {
      const owner = await createUser(w.t);
      const orderId = await pendingTopup(w.t, owner, 11_000);
      w.mt.pay(orderId, 'card_accept', { pending: true });
      expect((await notify(w.t, w.mt.setStatus(orderId, s))).body).toEqual({ outcome: 'applied' });
      expect(await statusOf(orderId)).toBe(s === 'expire' ? 'expired' : 'failed');
      expect((await balanceOf(w.t, owner)).balance).toBe('0');
      // Money Midtrans confirms wins over any state Loket reached without it.
      expect((await notify(w.t, w.mt.setStatus(orderId, 'settlement'))).body).toEqual({ outcome: 'applied' });
      expect(await statusOf(orderId)).toBe('paid');
      expect((await balanceOf(w.t, owner)).balance).toBe('11000');
    },
  );

  it('reverses the credit on a deny after settlement while the wallet still has it', async () => {
    const owner = await createUser(w.t);
    const orderId = await pendingTopup(w.t, owner, 25_000);
    await payAndNotify(w, orderId, 'permata_va');
    expect((await balanceOf(w.t, owner)).balance).toBe('25000');
    expect((await notify(w.t, w.mt.setStatus(orderId, 'deny'))).body).toEqual({ outcome: 'applied' });
    expect(await statusOf(orderId)).toBe('reversed');
    expect((await balanceOf(w.t, owner)).balance).toBe('0');
    expect(await journalsOf(w.t, orderId)).toEqual([{ kind: 'topup' }, { kind: 'reversal' }]);
    expect((await notify(w.t, w.mt.notification(orderId))).body).toEqual({ outcome: 'unchanged' });
    await expectLedgerOk(w);
  });

  it('holds what is left and asks for review when the reversed money was already spent', async () => {
    const owner = await createUser(w.t);
    const friend = await createUser(w.t);
    const orderId = await pendingTopup(w.t, owner, 25_000);
    await payAndNotify(w, orderId, 'indomaret');
    // Spent 20.000 of it before the bank reversed the payment.
    await w.t.app.get(LedgerService).post({
      kind: 'transfer',
      legs: move(walletAccountCode(owner.id), walletAccountCode(friend.id), 20_000n),
    });
    expect((await notify(w.t, w.mt.setStatus(orderId, 'deny'))).body).toEqual({ outcome: 'applied' });
    expect(await statusOf(orderId)).toBe('reversal_review');
    expect(await balanceOf(w.t, owner)).toEqual(
      expect.objectContaining({ balance: '5000', held: '5000', available: '0' }),
    );
    const review = await w.t.http().get('/api/admin/payments?status=reversal_review').set(w.admin.auth).expect(200);
    expect(review.body.items.map((p: { orderId: string }) => p.orderId)).toContain(orderId);
    await expectLedgerOk(w);
  });

  describe('with MIDTRANS_VERIFY_STATUS', () => {
    let v: PaymentsWorld;
    let owner: TestUser;
    beforeAll(async () => {
      v = await startPayments({ MIDTRANS_VERIFY_STATUS: 'true' });
      owner = await createUser(v.t);
    });
    afterAll(() => v.close());

    it('acts on the status Midtrans reports, not on what the notification claims', async () => {
      const orderId = await pendingTopup(v.t, owner, 20_000);
      const claim = v.mt.pay(orderId, 'bca_va');
      v.mt.setStatus(orderId, 'pending');
      const res = await notify(v.t, claim);
      expect(res.body).toEqual({ outcome: 'unchanged' });
      expect((await balanceOf(v.t, owner)).balance).toBe('0');
      expect(v.mt.requestsTo('status').map((r) => r.path)).toEqual([`/v2/${orderId}/status`]);

      v.mt.setStatus(orderId, 'settlement');
      expect((await notify(v.t, claim)).body).toEqual({ outcome: 'applied' });
      expect((await balanceOf(v.t, owner)).balance).toBe('20000');
    });

    it('answers 503 when the status cannot be read, so Midtrans sends it again', async () => {
      const orderId = await pendingTopup(v.t, owner, 20_000);
      const claim = v.mt.pay(orderId, 'gopay');
      v.mt.failNext('status', { status: 500 });
      const res = await notify(v.t, claim);
      expectApiError(res, 503);
      expect(res.body.code).toBe('PAYMENT_STATUS_UNAVAILABLE');
      expect((await notify(v.t, claim)).body).toEqual({ outcome: 'applied' });
    });
  });
});
