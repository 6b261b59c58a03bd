import { PaymentsStore } from '../../src/payments/payments.store';
import { expectApiError } from '../support/api-assertions';
import { TestUser } from '../support/factories';
import { createTestApp } from '../support/test-app';
import {
  balanceOf,
  createUser,
  expectLedgerOk,
  journalsOf,
  linkChat,
  messagesTo,
  notify,
  NOTIFICATION_PATH,
  payAndNotify,
  paymentOf,
  pendingTopup,
  PaymentsWorld,
  startPayments,
  topup,
} from './payments-harness';

describe('wallet top-ups through Midtrans Snap', () => {
  let w: PaymentsWorld;
  let siti: TestUser;

  beforeAll(async () => {
    w = await startPayments({ PUBLIC_URL: 'https://loket.example/' });
    siti = await createUser(w.t);
  });
  afterAll(() => w.close());
  beforeEach(() => w.mt.reset());

  it('credits the wallet once when Midtrans confirms, tells the owner in Telegram, and keeps the ledger whole', async () => {
    const user = await createUser(w.t);
    await linkChat(w.t, user, 91001);
    const res = await topup(w.t, user, 75_000);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      orderId: expect.stringMatching(/^TOPUP-[0-9A-Z]{12}$/),
      amount: '75000',
      status: 'pending',
      redirectUrl: expect.stringContaining('/snap/v4/redirection/'),
      token: expect.any(String),
      expiresAt: expect.any(String),
    });
    const minutes = (Date.parse(res.body.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(59);
    expect(minutes).toBeLessThanOrEqual(60);
    const order = w.mt.snapOrders.get(res.body.orderId)!;
    expect(order).toMatchObject({
      transaction_details: { order_id: res.body.orderId, gross_amount: 75000 },
      item_details: [{ price: 75000, quantity: 1 }],
      callbacks: { finish: 'https://loket.example' },
      expiry: { unit: 'minute', duration: 60, start_time: expect.stringMatching(/ \+0700$/) },
    });

    const pending = await paymentOf(w.t, user, res.body.orderId);
    expect(pending).toMatchObject({ status: 'pending', amount: '75000', purpose: 'wallet_topup', paymentType: null });
    expect(pending.paidAt).toBeUndefined();

    const answer = await payAndNotify(w, res.body.orderId, 'bca_va');
    expect({ status: answer.status, body: answer.body }).toEqual({ status: 200, body: { outcome: 'applied' } });
    expect(await balanceOf(w.t, user)).toMatchObject({ balance: '75000', available: '75000' });

    const again = await notify(w.t, w.mt.notification(res.body.orderId));
    expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: { outcome: 'unchanged' } });
    expect(await balanceOf(w.t, user)).toMatchObject({ balance: '75000' });
    expect(await journalsOf(w.t, res.body.orderId)).toEqual([{ kind: 'topup' }]);

    const paid = await paymentOf(w.t, user, res.body.orderId);
    expect(paid).toMatchObject({
      status: 'paid',
      paymentType: 'bank_transfer',
      vaNumber: expect.stringMatching(/^\d{11}$/),
      paidAt: expect.any(String),
    });
    expect(paid.events.map((e: { status: string; source: string }) => `${e.source}:${e.status}`)).toEqual([
      'checkout:pending',
      'notification:paid',
    ]);
    expect(await messagesTo(w.t, 91001)).toEqual(['Top up Rp 75.000 berhasil, saldo Rp 75.000.']);
    const history = await w.t.http().get('/api/wallet/transactions').set(user.auth).expect(200);
    expect(history.body.items[0]).toMatchObject({ category: 'topup', direction: 'in', amount: '75000' });
    await expectLedgerOk(w);
  });

  it('lists your own payments newest first, and hides them from everyone else', async () => {
    const user = await createUser(w.t);
    const first = await pendingTopup(w.t, user, 10_000);
    const second = await pendingTopup(w.t, user, 20_000);
    const list = await w.t.http().get('/api/payments').set(user.auth).expect(200);
    expect(list.body).toMatchObject({ total: 2, limit: 20, offset: 0 });
    expect(list.body.items.map((p: { orderId: string }) => p.orderId)).toEqual([second, first]);

    const other = await w.t.http().get(`/api/payments/${first}`).set(siti.auth);
    expectApiError(other, 404);
    expect(other.body.code).toBe('PAYMENT_NOT_FOUND');
    const sitiList = await w.t.http().get('/api/payments').set(siti.auth).expect(200);
    expect(sitiList.body.items.map((p: { orderId: string }) => p.orderId)).not.toContain(first);
    await w.t.http().get(`/api/payments/${first}`).set(w.admin.auth).expect(200);
    expectApiError(await w.t.http().get('/api/payments/no-such-order').set(user.auth), 404);
    expectApiError(await w.t.http().get('/api/payments/bad%00id').set(user.auth), 404);
  });

  it.each([
    [{ amount: 9_999 }, 400, 'TOPUP_TOO_SMALL'],
    [{ amount: '100000001' }, 400, 'AMOUNT_TOO_LARGE'],
    [{ amount: 50_000.5 }, 400, 'VALIDATION_FAILED'],
    [{ amount: -10_000 }, 400, 'VALIDATION_FAILED'],
    [{}, 400, 'VALIDATION_FAILED'],
    [{ amount: 50_000, extra: true }, 400, 'VALIDATION_FAILED'],
  ])('refuses %p with %i %s and creates nothing', async (body, status, code) => {
    const res = await w.t.http().post('/api/wallet/topups').set(siti.auth).send(body);
    expectApiError(res, status);
    expect(res.body.code).toBe(code);
    expect(w.mt.requestsTo('snap')).toHaveLength(0);
  });

  it('allows five pending top-ups per user, then answers 429', async () => {
    const user = await createUser(w.t);
    const created = await Promise.all([1, 2, 3, 4, 5, 6].map(() => topup(w.t, user, 10_000)));
    expect(created.map((r) => r.status).sort()).toEqual([201, 201, 201, 201, 201, 429]);
    const refused = created.find((r) => r.status === 429)!;
    expectApiError(refused, 429);
    expect(refused.body.code).toBe('TOO_MANY_PENDING_PAYMENTS');
    // One paid leaves room for another.
    const orderId = created.find((r) => r.status === 201)!.body.orderId as string;
    await payAndNotify(w, orderId, 'gopay');
    await pendingTopup(w.t, user, 10_000);
  });

  it('marks the payment failed and answers 502 when Snap refuses the checkout', async () => {
    const user = await createUser(w.t);
    w.mt.failNext('snap', {
      status: 400,
      body: { error_messages: ['transaction_details.order_id has already been taken'] },
    });
    const res = await topup(w.t, user, 30_000);
    expectApiError(res, 502);
    expect(res.body.code).toBe('PAYMENT_PROVIDER_ERROR');
    expect(res.body.message).toContain('already been taken');
    const [row] = await w.t.db.query(`SELECT status, provider_error FROM payments WHERE owner_id = $1`, [user.id]);
    expect(row).toEqual({ status: 'failed', provider_error: 'transaction_details.order_id has already been taken' });
  });

  it.each([
    ['down (5xx)', { status: 503 }],
    ['silent (timeout)', { hang: true as const, applied: true }],
  ])(
    'answers 502 when Snap is %s, keeps the payment pending, and still credits a later settlement',
    async (_, failure) => {
      const user = await createUser(w.t);
      w.mt.failNext('snap', failure);
      const started = Date.now();
      const res = await topup(w.t, user, 40_000);
      expect(Date.now() - started).toBeLessThan(5_000);
      expectApiError(res, 502);
      expect(res.body.code).toBe('PAYMENT_PROVIDER_ERROR');
      const [row] = await w.t.db.query(`SELECT order_id, status, provider_error FROM payments WHERE owner_id = $1`, [
        user.id,
      ]);
      expect(row).toMatchObject({ status: 'pending', provider_error: expect.any(String) });
      if ('applied' in failure) {
        // Midtrans created the order though its answer never came: the customer can pay it.
        const answer = await payAndNotify(w, row.order_id, 'qris');
        expect(answer.body).toEqual({ outcome: 'applied' });
        expect((await balanceOf(w.t, user)).balance).toBe('40000');
      }
    },
  );

  it("gives every attempt a fresh order id, without counting the wallet's earlier top-ups", async () => {
    const user = await createUser(w.t);
    const countAttempts = jest.spyOn(w.t.app.get(PaymentsStore), 'countAttempts');
    try {
      const ids = [await pendingTopup(w.t, user, 10_000), await pendingTopup(w.t, user, 10_000)];
      expect(new Set(ids).size).toBe(2);
      expect(ids).toEqual([expect.stringMatching(/^TOPUP-[0-9A-Z]{12}$/), expect.stringMatching(/^TOPUP-/)]);
      expect(countAttempts).not.toHaveBeenCalled();
    } finally {
      countAttempts.mockRestore();
    }
  });
});

describe('payments without a Midtrans server key', () => {
  it('answers 503 PAYMENTS_DISABLED on every payments route, naming the setting, while the rest of Loket runs', async () => {
    const t = await createTestApp();
    try {
      const admin = await createUser(t, { role: 'admin' });
      const routes = [
        t.http().post('/api/wallet/topups').set(admin.auth).send({ amount: 50_000 }),
        t.http().post('/api/wallet/topups').set(admin.auth).send({ amount: 'nonsense' }),
        t.http().get('/api/payments').set(admin.auth),
        t.http().get('/api/payments/TOPUP-X').set(admin.auth),
        t.http().post(NOTIFICATION_PATH).send({ order_id: 'x' }),
        t.http().get('/api/admin/payments').set(admin.auth),
        t.http().get('/api/admin/payments/TOPUP-X').set(admin.auth),
        t.http().post('/api/admin/payments/TOPUP-X/refund').set(admin.auth).send({ reason: 'x' }),
      ];
      for (const res of await Promise.all(routes)) {
        expectApiError(res, 503);
        expect(res.body).toMatchObject({
          code: 'PAYMENTS_DISABLED',
          message: expect.stringContaining('MIDTRANS_SERVER_KEY'),
        });
      }
      await t.http().get('/api/wallet').set(admin.auth).expect(200);
    } finally {
      await t.close();
    }
  });
});
