import { createHash } from 'node:crypto';
import { createServer, IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { FakeMidtrans, PayMethod } from './fake-midtrans';
import { readBody } from './http';
import { CoreApi, MidtransClient, MidtransError, pointAt, Snap, SnapClient } from './midtrans-client';
import * as shapes from './notifications';

// The fake checked against the real midtrans-client, so payment tests can trust its answers.
const SERVER_KEY = 'SB-Mid-server-LoketTest_0123456789';
const CLIENT_KEY = 'SB-Mid-client-LoketTest_0123456789';
const TIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let mt: FakeMidtrans;
let snap: SnapClient;
let core: MidtransClient;
let serial = 0;
let cleanups: (() => Promise<void>)[] = [];

beforeEach(async () => {
  mt = await FakeMidtrans.start({ serverKey: SERVER_KEY });
  snap = pointAt(new Snap({ isProduction: false, serverKey: SERVER_KEY, clientKey: CLIENT_KEY }), mt);
  core = pointAt(new CoreApi({ isProduction: false, serverKey: SERVER_KEY, clientKey: CLIENT_KEY }), mt);
});

afterEach(async () => {
  for (const cleanup of cleanups) await cleanup();
  cleanups = [];
  await mt.close();
});

const newOrderId = () => `LKT-${process.pid}-${++serial}`;

async function order(grossAmount = 70_000, orderId = newOrderId()): Promise<string> {
  const item = { id: 'lcd', price: grossAmount, quantity: 1, name: 'Ganti LCD' };
  await snap.createTransaction({
    transaction_details: { order_id: orderId, gross_amount: grossAmount },
    item_details: [item],
  });
  return orderId;
}

// The rejection midtrans-client gives; fails the test if the call succeeded.
const refused = (call: Promise<unknown>): Promise<MidtransError> =>
  call.then(
    (result) => {
      throw new Error(`expected a MidtransError, got ${JSON.stringify(result)}`);
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(MidtransError);
      return error as MidtransError;
    },
  );

// Computed here, not with the fake's helper, so a wrong signature in the fake fails these tests.
function expectSigned(body: Record<string, unknown>): void {
  const { order_id, status_code, gross_amount } = body as Record<string, string>;
  const expected = createHash('sha512').update(`${order_id}${status_code}${gross_amount}${SERVER_KEY}`).digest('hex');
  expect(body.signature_key).toBe(expected);
}

function expectStringValues(body: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(body)) {
    if (!Array.isArray(value)) expect([key, typeof value]).toEqual([key, 'string']);
  }
}

async function listen(reply: (status: number) => number = () => 200) {
  const received: { headers: IncomingHttpHeaders; raw: string }[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      received.push({ headers: req.headers, raw });
      res.writeHead(reply(received.length), { 'content-type': 'application/json' }).end('{"diterima":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/payments/midtrans`, received };
}

it('creates a Snap transaction: 201 with token and redirect_url, recording the body and the Basic auth', async () => {
  const orderId = newOrderId();
  const request = {
    transaction_details: { order_id: orderId, gross_amount: 70_000 },
    item_details: [
      { id: 'lcd', price: 65_000, quantity: 1, name: 'LCD' },
      { id: 'jasa', price: 2_500, quantity: 2, name: 'Jasa pasang' },
    ],
    customer_details: { first_name: 'Ani', phone: '081234567890' },
    callbacks: { finish: 'https://loket.test/reservasi/selesai' },
    expiry: { start_time: '2025-01-02 10:00:00 +0700', unit: 'minutes', duration: 60 },
  };

  const created = await snap.createTransaction(request);

  expect(created.token).toMatch(UUID);
  expect(created.redirect_url).toBe(`${mt.apiUrl}/snap/v4/redirection/${created.token}`);
  expect(mt.snapUrl).toBe(`${mt.apiUrl}/snap/v1`);
  expect(mt.snapOrders.get(orderId)).toEqual(request);
  const [call] = mt.requestsTo('snap');
  expect(call).toMatchObject({ method: 'POST', path: '/snap/v1/transactions', body: request });
  expect(call.headers.authorization).toBe(`Basic ${Buffer.from(`${SERVER_KEY}:`).toString('base64')}`);

  mt.reset();
  expect([mt.requests.length, mt.snapOrders.size]).toEqual([0, 0]);
  await expect(snap.createTransaction(request)).resolves.toHaveProperty('token');
});

it('refuses a reused order_id and invalid orders with 400 error_messages (numeric httpStatusCode)', async () => {
  const orderId = await order();
  const reused = await refused(snap.createTransaction({ transaction_details: { order_id: orderId, gross_amount: 5 } }));
  expect(reused.httpStatusCode).toBe(400);
  expect(reused.ApiResponse).toEqual({ error_messages: ['transaction_details.order_id has already been taken'] });

  const item = (price: number, quantity = 1) => ({ id: 'x', price, quantity, name: 'Barang' });
  const invalid: [Record<string, unknown>, unknown[] | undefined, string][] = [
    [{ order_id: 'x'.repeat(51), gross_amount: 1_000 }, undefined, 'order_id must be at most 50'],
    [{ order_id: 'ada spasi', gross_amount: 1_000 }, undefined, 'order_id must be'],
    [{ gross_amount: 1_000 }, undefined, 'order_id is required'],
    [{ order_id: newOrderId(), gross_amount: 1_000.5 }, undefined, 'gross_amount must be a positive integer'],
    [{ order_id: newOrderId(), gross_amount: 0 }, undefined, 'gross_amount must be a positive integer'],
    [{ order_id: newOrderId(), gross_amount: 10_000 }, [item(4_000, 2)], 'not equal to the sum of item_details'],
    [{ order_id: newOrderId(), gross_amount: 10_000 }, [item(10_000, 0)], 'quantity must be a positive integer'],
  ];
  for (const [details, items, message] of invalid) {
    const error = await refused(snap.createTransaction({ transaction_details: details, item_details: items }));
    expect(error.httpStatusCode).toBe(400);
    expect((error.ApiResponse.error_messages as string[]).join(' | ')).toContain(message);
  }

  // 50 characters of every allowed kind pass; a discount is an item with a negative price.
  const longest = 'Az09-_~.'.padEnd(50, 'x');
  await snap.createTransaction({
    transaction_details: { order_id: longest, gross_amount: 9_000 },
    item_details: [item(10_000), item(-1_000)],
  });
  expect([...mt.snapOrders.keys()]).toEqual([orderId, longest]);
});

it('answers status 404 until the customer picks a method, as HTTP 404 or as a 200 body', async () => {
  const orderId = await order();

  const http404 = await refused(core.transaction.status(orderId));
  expect(http404.httpStatusCode).toBe(404);
  expect(http404.ApiResponse).toMatchObject({ status_code: '404', status_message: "Transaction doesn't exist." });

  mt.statusNotFoundAs = 'body404';
  for (const id of [orderId, 'LKT-never-created']) {
    const body404 = await refused(core.transaction.status(id));
    expect(body404.httpStatusCode).toBe('404');
    expect(body404.ApiResponse).toMatchObject({ status_code: '404', status_message: "Transaction doesn't exist." });
    expect((body404.rawHttpClientData as { status: number }).status).toBe(200);
  }

  const other = await FakeMidtrans.start({ serverKey: SERVER_KEY, statusNotFoundAs: 'body404' });
  cleanups.push(() => other.close());
  expect((await refused(pointAt(core, other).transaction.status(orderId))).httpStatusCode).toBe('404');
});

const SHAPES: Record<PayMethod, { status: string; code: string; fields: Record<string, unknown>; absent: string[] }> = {
  bca_va: {
    status: 'settlement',
    code: '200',
    fields: {
      payment_type: 'bank_transfer',
      va_numbers: [{ bank: 'bca', va_number: expect.stringMatching(/^\d{11}$/) }],
      payment_amounts: [{ paid_at: expect.stringMatching(TIME), amount: '70000.00' }],
      fraud_status: 'accept',
    },
    absent: ['permata_va_number'],
  },
  bni_va: {
    status: 'settlement',
    code: '200',
    fields: {
      payment_type: 'bank_transfer',
      va_numbers: [{ bank: 'bni', va_number: expect.stringMatching(/^\d{16}$/) }],
    },
    absent: [],
  },
  permata_va: {
    status: 'settlement',
    code: '200',
    fields: { payment_type: 'bank_transfer', permata_va_number: expect.stringMatching(/^8562\d{12}$/) },
    absent: ['va_numbers'],
  },
  mandiri_bill: {
    status: 'settlement',
    code: '200',
    fields: { payment_type: 'echannel', bill_key: expect.stringMatching(/^\d{12}$/), biller_code: '70012' },
    absent: ['va_numbers'],
  },
  card_accept: {
    status: 'capture',
    code: '200',
    fields: { payment_type: 'credit_card', fraud_status: 'accept', masked_card: '48111111-1114', bank: 'bni' },
    absent: ['settlement_time'],
  },
  card_challenge: {
    status: 'capture',
    code: '201',
    fields: { payment_type: 'credit_card', fraud_status: 'challenge', channel_response_code: '00' },
    absent: ['settlement_time'],
  },
  gopay: { status: 'settlement', code: '200', fields: { payment_type: 'gopay', fraud_status: 'accept' }, absent: [] },
  qris: {
    status: 'settlement',
    code: '200',
    fields: { payment_type: 'qris', issuer: 'gopay', acquirer: 'gopay', fraud_status: 'accept' },
    absent: [],
  },
  indomaret: {
    status: 'settlement',
    code: '200',
    fields: { payment_type: 'cstore', store: 'indomaret', payment_code: expect.stringMatching(/^\d{14}$/) },
    absent: ['fraud_status'],
  },
};

it.each(Object.keys(SHAPES) as PayMethod[])(
  'pays with %s: the status API shows the documented shape, signed, and the notification matches it',
  async (method) => {
    const { status, code, fields, absent } = SHAPES[method];
    const orderId = await order();

    const notification = mt.pay(orderId, method);
    const found = await core.transaction.status(orderId);

    expect(found).toMatchObject({
      transaction_id: expect.stringMatching(UUID),
      order_id: orderId,
      gross_amount: '70000.00',
      currency: 'IDR',
      transaction_time: expect.stringMatching(TIME),
      transaction_status: status,
      status_code: code,
      status_message: 'Success, transaction is found',
      ...fields,
      ...(status === 'settlement' && { settlement_time: expect.stringMatching(TIME) }),
    });
    for (const field of absent) expect(found).not.toHaveProperty(field);
    expectSigned(found);
    expect(notification).toEqual({ ...found, status_message: 'midtrans payment notification' });
    expect(mt.notification(orderId)).toEqual(notification);
    expectStringValues(notification);
  },
);

it('keeps a chosen method pending (201) until paid, lets the customer switch, and takes any later status', async () => {
  const orderId = await order();
  const pending = mt.pay(orderId, 'bca_va', { pending: true });
  expect(pending).toMatchObject({ transaction_status: 'pending', status_code: '201', payment_amounts: [] });
  expect(pending).not.toHaveProperty('settlement_time');
  expectSigned(pending);

  const switched = mt.pay(orderId, 'mandiri_bill', { pending: true });
  expect(switched.transaction_id).not.toBe(pending.transaction_id);
  const paid = mt.pay(orderId, 'mandiri_bill');
  expect(paid).toMatchObject({ transaction_id: switched.transaction_id, transaction_status: 'settlement' });
  expect(() => mt.pay(orderId, 'gopay')).toThrow(/already settlement/);

  // A bank reversal: deny after settlement.
  const reversed = mt.setStatus(orderId, 'deny');
  expect(reversed).toMatchObject({
    transaction_status: 'deny',
    status_code: '202',
    settlement_time: paid.settlement_time,
  });
  expectSigned(reversed);
  expect(await core.transaction.status(orderId)).toMatchObject({ transaction_status: 'deny', status_code: '202' });

  const card = await order();
  mt.pay(card, 'card_challenge');
  const accepted = mt.setStatus(card, 'capture', { fraud_status: 'accept' });
  expect(accepted).toMatchObject({ transaction_status: 'capture', fraud_status: 'accept', status_code: '200' });
  const upper = mt.setStatus(card, 'PENDING', { channel_response_message: 'Pending 3DS' });
  expect(upper).toMatchObject({
    transaction_status: 'PENDING',
    status_code: '201',
    channel_response_message: 'Pending 3DS',
  });
  expect(() => mt.setStatus('LKT-unknown', 'settlement')).toThrow(/pay\(\) first/);
});

it('refunds partially then the rest: cumulative refund_amount and refunds[]; duplicate key 406, too much 414', async () => {
  const orderId = await order();
  mt.pay(orderId, 'gopay');

  const partial = await core.transaction.refund(orderId, { refund_key: 'rf-1', amount: 30_000, reason: 'sebagian' });
  expect(partial).toMatchObject({
    status_code: '200',
    status_message: 'Success, refund request is approved',
    order_id: orderId,
    payment_type: 'gopay',
    gross_amount: '70000.00',
    transaction_status: 'partial_refund',
    refund_amount: '30000.00',
    refund_key: 'rf-1',
    refund_chargeback_id: expect.any(Number),
  });

  const duplicate = await refused(
    core.transaction.refund(orderId, { refund_key: 'rf-1', amount: 30_000, reason: 'x' }),
  );
  expect(duplicate.httpStatusCode).toBe('406');
  const tooMuch = await refused(core.transaction.refund(orderId, { refund_key: 'rf-2', amount: 40_001, reason: 'x' }));
  expect(tooMuch.httpStatusCode).toBe('414');

  // Without an amount, Midtrans refunds what is left.
  const rest = await core.transaction.refund(orderId, { refund_key: 'rf-2', reason: 'sisa' });
  expect(rest).toMatchObject({ transaction_status: 'refund', refund_amount: '70000.00', refund_key: 'rf-2' });

  const found = await core.transaction.status(orderId);
  expect(found).toMatchObject({
    transaction_status: 'refund',
    status_code: '200',
    refund_amount: '70000.00',
    refunds: [
      { refund_key: 'rf-1', refund_amount: '30000.00', reason: 'sebagian', created_at: expect.stringMatching(TIME) },
      { refund_key: 'rf-2', refund_amount: '40000.00', reason: 'sisa' },
    ],
  });
  expectSigned(found);
  expect(mt.notification(orderId)).toMatchObject({ transaction_status: 'refund', refunds: found.refunds });

  const more = await refused(core.transaction.refund(orderId, { refund_key: 'rf-3', amount: 1_000 }));
  expect(more.httpStatusCode).toBe('412');
  expect(mt.requestsTo('refund').map((r) => r.body)).toContainEqual({ refund_key: 'rf-2', reason: 'sisa' });
});

it('refuses refunds of methods that cannot be refunded online, of unsettled payments and of unknown orders', async () => {
  for (const [method, paymentType] of [
    ['bca_va', 'bank_transfer'],
    ['mandiri_bill', 'echannel'],
    ['indomaret', 'cstore'],
  ] as const) {
    const orderId = await order();
    mt.pay(orderId, method);
    const error = await refused(core.transaction.refund(orderId, { refund_key: 'rf', amount: 1_000 }));
    expect(error.httpStatusCode).toBe('412');
    expect(error.ApiResponse.status_message).toContain(`${paymentType} cannot be refunded online`);
    expect(await core.transaction.status(orderId)).not.toHaveProperty('refunds');
  }

  const pendingQris = await order();
  mt.pay(pendingQris, 'qris', { pending: true });
  const unpaid = await refused(core.transaction.refund(pendingQris, { refund_key: 'rf', amount: 1_000 }));
  expect(unpaid.ApiResponse).toEqual({ status_code: '412', status_message: 'Transaction status cannot be updated.' });

  // A captured card is cancelled, not refunded; once settled it can be refunded.
  const card = await order();
  mt.pay(card, 'card_accept');
  expect((await refused(core.transaction.refund(card, { refund_key: 'rf' }))).httpStatusCode).toBe('412');
  mt.setStatus(card, 'settlement');
  expect(await core.transaction.refund(card, { refund_key: 'rf' })).toMatchObject({ transaction_status: 'refund' });

  const unknown = await refused(core.transaction.refund('LKT-unknown', { refund_key: 'rf', amount: 1_000 }));
  expect(unknown.httpStatusCode).toBe('404');
});

it('cancels and expires pending transactions with the documented answers, and 412 when the status cannot change', async () => {
  const va = await order();
  mt.pay(va, 'permata_va', { pending: true });
  const expired = await core.transaction.expire(va);
  expect(expired).toMatchObject({
    status_code: '407',
    status_message: 'Success, transaction has expired',
    transaction_status: 'expire',
    order_id: va,
    payment_type: 'bank_transfer',
    gross_amount: '70000.00',
  });
  // The status API reports expire with 407, which midtrans-client passes through; notifications say 202.
  const after = await core.transaction.status(va);
  expect(after).toMatchObject({ transaction_status: 'expire', status_code: '407' });
  expectSigned(after);
  const notification = mt.notification(va);
  expect(notification).toMatchObject({ transaction_status: 'expire', status_code: '202' });
  expectSigned(notification);
  expect((await refused(core.transaction.cancel(va))).httpStatusCode).toBe('412');

  const card = await order();
  mt.pay(card, 'card_challenge');
  expect(await core.transaction.cancel(card)).toMatchObject({
    status_code: '200',
    status_message: 'Success, transaction is canceled',
    transaction_status: 'cancel',
  });
  expect(mt.notification(card)).toMatchObject({ transaction_status: 'cancel', status_code: '202' });

  const paid = await order();
  mt.pay(paid, 'gopay');
  expect((await refused(core.transaction.expire(paid))).httpStatusCode).toBe('412');
  expect((await refused(core.transaction.cancel(paid))).httpStatusCode).toBe('412');
  expect((await refused(core.transaction.cancel('LKT-unknown'))).httpStatusCode).toBe('404');
  expect((await core.transaction.status(paid)).transaction_status).toBe('settlement');
});

it('expires a Snap order nobody paid: its status becomes expire and the customer can no longer pay', async () => {
  const orderId = await order();
  const expired = await core.transaction.expire(orderId);
  expect(expired).toMatchObject({ status_code: '407', transaction_status: 'expire', order_id: orderId });
  expect(expired).not.toHaveProperty('payment_type');
  expect(await core.transaction.status(orderId)).toMatchObject({
    transaction_status: 'expire',
    gross_amount: '70000.00',
  });
  expect(() => mt.pay(orderId, 'gopay')).toThrow(/already expire/);
  expect((await refused(core.transaction.expire(orderId))).httpStatusCode).toBe('412');
  expect((await refused(core.transaction.expire('LKT-unknown'))).httpStatusCode).toBe('404');
});

it('delivers notifications as Midtrans does, and midtrans-client re-fetches them by transaction_id', async () => {
  const hook = await listen();
  const orderId = await order();
  const notification = mt.pay(orderId, 'qris');

  const answer = await mt.deliver(hook.url, notification);
  expect(answer).toMatchObject({ status: 200, body: { diterima: true } });
  expect(JSON.parse(hook.received[0].raw)).toEqual(notification);
  expect(hook.received[0].headers['content-type']).toBe('application/json');
  expect(hook.received[0].headers.authorization).toBeUndefined();

  await mt.deliver(hook.url, notification, { signature: null });
  await mt.deliver(hook.url, notification, { signature: 'palsu' });
  await mt.deliver(hook.url, notification, { rawBody: '{"order_id":' });
  expect(JSON.parse(hook.received[1].raw)).not.toHaveProperty('signature_key');
  expect(JSON.parse(hook.received[2].raw)).toMatchObject({ signature_key: 'palsu', order_id: orderId });
  expect(hook.received[3].raw).toBe('{"order_id":');
  expect(mt.deliveries.map((d) => d.status)).toEqual([200, 200, 200, 200]);

  // Overrides are signed again; a body changed afterwards no longer verifies.
  const cheaper = mt.notification(orderId, { gross_amount: '1.00' });
  expectSigned(cheaper);
  expect(cheaper.signature_key).not.toBe(notification.signature_key);
  expect(() => expectSigned({ ...notification, gross_amount: '1.00' })).toThrow();

  const fetched = await core.transaction.notification(notification);
  expect(fetched).toMatchObject({ order_id: orderId, transaction_status: 'settlement', payment_type: 'qris' });
  expect(mt.requestsTo('status').at(-1)?.path).toBe(`/v2/${String(notification.transaction_id)}/status`);

  const failing = await listen(() => 503);
  expect((await mt.deliver(failing.url, notification)).status).toBe(503);
});

it('injects HTTP errors and error bodies in the order queued, then answers normally', async () => {
  mt.failNext('snap', { status: 500 });
  mt.failNext('snap', { status: 503 });
  const request = { transaction_details: { order_id: newOrderId(), gross_amount: 10_000 } };
  const first = await refused(snap.createTransaction(request));
  expect(first.httpStatusCode).toBe(500);
  expect(first.ApiResponse.error_messages[0]).toMatch(/recovering/);
  expect((await refused(snap.createTransaction(request))).httpStatusCode).toBe(503);
  expect(mt.snapOrders.size).toBe(0);
  await snap.createTransaction(request);
  mt.pay(request.transaction_details.order_id, 'gopay');

  mt.failNext('status', { bodyStatusCode: '500' });
  mt.failNext('refund', { status: 400, body: { status_code: '400', status_message: 'Validation error' } });
  const inBody = await refused(core.transaction.status(request.transaction_details.order_id));
  expect(inBody.httpStatusCode).toBe('500');
  const http400 = await refused(core.transaction.refund(request.transaction_details.order_id, { refund_key: 'rf' }));
  expect([http400.httpStatusCode, http400.ApiResponse]).toEqual([
    400,
    { status_code: '400', status_message: 'Validation error' },
  ]);
  expect(await core.transaction.status(request.transaction_details.order_id)).toMatchObject({ status_code: '200' });
  expect(mt.requestsTo('status')).toHaveLength(2);
});

it('holds a request without answering: the client times out (httpStatusCode null) and close() ends it', async () => {
  const orderId = await order();
  mt.pay(orderId, 'gopay');
  core.httpClient.http_client.defaults.timeout = 300;

  // Midtrans refunded but the answer was lost: the retry with the same key is a duplicate.
  mt.failNext('refund', { hang: true, applied: true });
  const started = Date.now();
  const lost = await refused(core.transaction.refund(orderId, { refund_key: 'rf-lost', amount: 10_000 }));
  expect(lost.httpStatusCode).toBeNull();
  expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  expect(
    (await refused(core.transaction.refund(orderId, { refund_key: 'rf-lost', amount: 10_000 }))).httpStatusCode,
  ).toBe('406');
  expect(await core.transaction.status(orderId)).toMatchObject({ transaction_status: 'partial_refund' });

  core.httpClient.http_client.defaults.timeout = 30_000;
  mt.failNext('status', { hang: true });
  const held = refused(core.transaction.status(orderId));
  while (mt.requestsTo('status').length < 2) await sleep(5);
  const closing = Date.now();
  await mt.close();
  expect(Date.now() - closing).toBeLessThan(1_000);
  expect((await held).httpStatusCode).toBeNull();
});

it('refuses a wrong or missing server key with 401 in the Snap and Core shapes', async () => {
  const options = { isProduction: false, serverKey: 'SB-Mid-server-salah', clientKey: CLIENT_KEY };
  const snapError = await refused(pointAt(new Snap(options), mt).createTransaction({}));
  expect(snapError.httpStatusCode).toBe(401);
  expect(snapError.ApiResponse.error_messages[0]).toMatch(/^Access denied/);
  const coreError = await refused(pointAt(new CoreApi(options), mt).transaction.status('LKT-1'));
  expect(coreError.httpStatusCode).toBe(401);
  expect(coreError.ApiResponse).toMatchObject({ status_code: '401' });

  const anonymous = await fetch(`${mt.apiUrl}/v2/LKT-1/status`);
  expect(anonymous.status).toBe(401);
  expect(mt.requests).toHaveLength(3);
  expect(mt.snapOrders.size).toBe(0);
});

it('builds the documented notification shapes, signed over the exact strings', () => {
  const facts = { orderId: 'LKT-1', grossAmount: 70_000 };
  const cases: [Record<string, unknown>, Record<string, unknown>][] = [
    [shapes.bcaVaSettlement(facts, SERVER_KEY), { transaction_status: 'settlement', va_numbers: [{ bank: 'bca' }] }],
    [shapes.permataVaSettlement(facts, SERVER_KEY), { payment_type: 'bank_transfer', status_code: '200' }],
    [shapes.mandiriBillSettlement(facts, SERVER_KEY), { payment_type: 'echannel', biller_code: '70012' }],
    [shapes.cardCaptureAccept(facts, SERVER_KEY), { transaction_status: 'capture', fraud_status: 'accept' }],
    [shapes.cardCaptureChallenge(facts, SERVER_KEY), { status_code: '201', fraud_status: 'challenge' }],
    [
      shapes.gopaySettlement(facts, SERVER_KEY),
      { payment_type: 'gopay', settlement_time: expect.stringMatching(TIME) },
    ],
    [shapes.qrisSettlement(facts, SERVER_KEY), { payment_type: 'qris', acquirer: 'gopay' }],
    [shapes.indomaretSettlement(facts, SERVER_KEY), { payment_type: 'cstore', store: 'indomaret' }],
    [shapes.pendingNotification(facts, SERVER_KEY), { transaction_status: 'pending', status_code: '201' }],
    [shapes.expireNotification(facts, SERVER_KEY, 'qris'), { transaction_status: 'expire', status_code: '202' }],
    [shapes.cancelNotification(facts, SERVER_KEY), { transaction_status: 'cancel', status_code: '202' }],
    [shapes.denyNotification(facts, SERVER_KEY, 'permata_va'), { transaction_status: 'deny', status_code: '202' }],
    [
      shapes.refundNotification(facts, SERVER_KEY, [{ amount: 20_000, refundKey: 'a' }]),
      { transaction_status: 'partial_refund', refund_amount: '20000.00', refunds: [{ refund_key: 'a' }] },
    ],
    [
      shapes.refundNotification(facts, SERVER_KEY, [
        { amount: 20_000, refundKey: 'a' },
        { amount: 50_000, refundKey: 'b', reason: 'batal' },
      ]),
      { transaction_status: 'refund', refund_amount: '70000.00', refunds: [{}, { refund_amount: '50000.00' }] },
    ],
  ];
  for (const [body, expected] of cases) {
    expect(body).toMatchObject({ order_id: 'LKT-1', gross_amount: '70000.00', currency: 'IDR', ...expected });
    expectSigned(body);
    expectStringValues(body);
  }
  expect(cases[7][0]).not.toHaveProperty('fraud_status');
  expect(cases[3][0]).not.toHaveProperty('settlement_time');
});
