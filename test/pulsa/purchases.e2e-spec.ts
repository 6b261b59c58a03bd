import { createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import {
  addDemoCatalogue,
  buy,
  countTransactions,
  createAgent,
  expectLedgerOk,
  finalOf,
  fund,
  PULSA_TEST_ENV,
  SIM,
  systemBalance,
  TELKOMSEL,
  transactionOf,
  wallet,
  XL,
} from './pulsa-harness';

describe('pulsa purchases over REST (simulator)', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp(PULSA_TEST_ENV);
    admin = await createUser(t, { role: 'admin' });
    await addDemoCatalogue(t);
  });
  afterAll(() => t.close());

  it('holds the price, answers 202 pending, then succeeds with an SN and splits cost and margin', async () => {
    const agent = await createAgent(t, admin, { balance: 50_000 });
    const payableBefore = await systemBalance(t, 'system:supplier_payable');
    const revenueBefore = await systemBalance(t, 'system:revenue:pulsa');
    const res = await buy(t, agent, { productCode: 't10', destination: '+6281234567890' }).expect(202);
    expect(res.body).toMatchObject({
      shortId: expect.stringMatching(/^T\d{8}$/),
      productCode: 'T10',
      destination: TELKOMSEL,
      status: 'pending',
      price: '11500',
      available: '38500',
      counter: 1,
    });
    const final = await finalOf(t, agent, res.body.shortId);
    expect(final).toMatchObject({ status: 'success', sn: expect.stringMatching(/^\d{16}$/) });
    expect(await wallet(t, agent)).toEqual({ balance: '38500', held: '0', available: '38500', currency: 'IDR' });
    expect((await systemBalance(t, 'system:supplier_payable')) - payableBefore).toBe(10_700n);
    expect((await systemBalance(t, 'system:revenue:pulsa')) - revenueBefore).toBe(800n);
    await expectLedgerOk(t, admin);
  });

  it('releases the hold when the supplier fails, and a failed purchase does not block a retry', async () => {
    const agent = await createAgent(t, admin, { balance: 50_000 });
    const res = await buy(t, agent, { productCode: 'XL10', destination: SIM.failed }).expect(202);
    const final = await finalOf(t, agent, res.body.id);
    expect(final).toMatchObject({ status: 'failed', reason: expect.any(String), sn: null });
    expect((await wallet(t, agent)).available).toBe('50000');
    await buy(t, agent, { productCode: 'XL10', destination: SIM.failed }).expect(202);
  });

  it('finishes pending purchases through the simulated callback', async () => {
    const agent = await createAgent(t, admin, { balance: 50_000 });
    const ok = await buy(t, agent, { productCode: 'XL5', destination: SIM.pendingSuccess }).expect(202);
    const ko = await buy(t, agent, { productCode: 'XL5', destination: SIM.pendingFailed }).expect(202);
    expect((await finalOf(t, agent, ok.body.id)).status).toBe('success');
    expect((await finalOf(t, agent, ko.body.id)).status).toBe('failed');
    const [{ finalised_by }] = await t.db.query('SELECT finalised_by FROM pulsa_transactions WHERE id = $1', [
      ok.body.id,
    ]);
    expect(finalised_by).toBe('callback');
    expect((await wallet(t, agent)).available).toBe(String(50_000 - 6_500));
  });

  it('refuses before any money moves: unknown or inactive product, bad number, wrong operator, no funds', async () => {
    const agent = await createAgent(t, admin, { balance: 5_000 });
    const cases: [Record<string, unknown>, number, string][] = [
      [{ productCode: 'Z99', destination: TELKOMSEL }, 404, 'PRODUCT_NOT_FOUND'],
      [{ productCode: 'T10', destination: '0812345' }, 400, 'VALIDATION_FAILED'],
      [{ productCode: 'T10', destination: '021234567890' }, 400, 'INVALID_DESTINATION'],
      [{ productCode: 'T10', destination: XL }, 422, 'WRONG_OPERATOR'],
      [{ productCode: 'T10', destination: '081012345678' }, 422, 'WRONG_OPERATOR'],
      [{ productCode: 'T10', destination: TELKOMSEL }, 422, 'INSUFFICIENT_FUNDS'],
      [{ productCode: 'T10', destination: TELKOMSEL, counter: 0 }, 400, 'VALIDATION_FAILED'],
      [{ productCode: 'T10', destination: TELKOMSEL, extra: 1 }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const res = await buy(t, agent, body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status, code });
    }
    await t.http().patch('/api/admin/pulsa/products/I5').set(admin.auth).send({ active: false }).expect(200);
    const inactive = await buy(t, agent, { productCode: 'I5', destination: '081412345678' });
    expect([inactive.status, inactive.body.code]).toEqual([422, 'PRODUCT_INACTIVE']);
    await t.http().patch('/api/admin/pulsa/products/I5').set(admin.auth).send({ active: true }).expect(200);
    expect(await countTransactions(t, agent)).toBe(0);
    expect(await wallet(t, agent)).toMatchObject({ balance: '5000', held: '0' });
  });

  it('refuses the same product to the same number as a duplicate unless a new counter is given', async () => {
    const agent = await createAgent(t, admin, { balance: 100_000 });
    const first = await buy(t, agent, { productCode: 'T5', destination: TELKOMSEL }).expect(202);
    const again = await buy(t, agent, { productCode: 'T5', destination: '6281234567890' }).expect(409);
    expect(again.body).toMatchObject({ code: 'DUPLICATE_PURCHASE' });
    expect(again.body.message).toContain(first.body.shortId);
    const second = await buy(t, agent, { productCode: 'T5', destination: TELKOMSEL, counter: 2 }).expect(202);
    const reused = await buy(t, agent, { productCode: 'T5', destination: TELKOMSEL, counter: 2 }).expect(409);
    expect(reused.body.message).toContain(second.body.shortId);
    await buy(t, agent, { productCode: 'T10', destination: TELKOMSEL }).expect(202);
    expect(await countTransactions(t, agent)).toBe(3);
  });

  it('counts wrong PINs, resets on a right one, and locks after five in a row until an admin unlocks', async () => {
    const agent = await createAgent(t, admin, { balance: 100_000, pin: '2468' });
    const attempt = (pin?: string, counter?: number) =>
      buy(t, agent, {
        productCode: 'T5',
        destination: TELKOMSEL,
        ...(pin ? { pin } : {}),
        ...(counter ? { counter } : {}),
      });
    expect((await attempt()).body).toMatchObject({ code: 'PIN_REQUIRED' });
    for (let i = 0; i < 4; i++) expect((await attempt('1111')).body.code).toBe('WRONG_PIN');
    await attempt('2468').expect(202);
    for (let i = 0; i < 4; i++) expect((await attempt('1111', 2)).status).toBe(401);
    const fifth = await attempt('1111', 2);
    expect([fifth.status, fifth.body.code]).toEqual([401, 'WRONG_PIN']);
    expect(fifth.body.message).toContain('locked');
    expect((await attempt('2468', 2)).body).toMatchObject({ code: 'AGENT_LOCKED' });
    const unlocked = await t
      .http()
      .post(`/api/admin/pulsa/agents/${agent.username}/unlock`)
      .set(admin.auth)
      .expect(200);
    expect(unlocked.body).toEqual({ username: agent.username, hasPin: true, locked: false });
    await attempt('2468', 2).expect(202);
    expect(await countTransactions(t, agent)).toBe(2);
  });

  it('lets an agent set their own PIN with a pulsa.pin one-time password', async () => {
    const agent = await createAgent(t, admin);
    await t.http().post('/api/otp').set(agent.auth).send({ action: 'pulsa.pin', to: 'budi' }).expect(400);
    const otp = await t.http().post('/api/otp').set(agent.auth).send({ action: 'pulsa.pin' }).expect(201);
    const confirm = { challengeId: otp.body.challengeId as string, code: otp.body.code as string };
    await t.http().put('/api/pulsa/pin').set(agent.auth).send({ pin: '12', otp: confirm }).expect(400);
    const wrong = confirm.code === '000000' ? '000001' : '000000';
    await t
      .http()
      .put('/api/pulsa/pin')
      .set(agent.auth)
      .send({ pin: '135790', otp: { ...confirm, code: wrong } })
      .expect(401);
    await t.http().put('/api/pulsa/pin').set(agent.auth).send({ pin: '135790', otp: confirm }).expect(204);
    expect((await buy(t, agent, { productCode: 'T5', destination: TELKOMSEL })).body.code).toBe('PIN_REQUIRED');
    await buy(t, agent, { productCode: 'T5', destination: TELKOMSEL, pin: '135790' }).expect(202);
  });

  it('replays a retry with the same Idempotency-Key and refuses the key for another purchase', async () => {
    const agent = await createAgent(t, admin, { balance: 50_000 });
    const body = { productCode: 'T10', destination: TELKOMSEL };
    const [a, b] = await Promise.all([buy(t, agent, body, 'kunci-1'), buy(t, agent, body, 'kunci-1')]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(b.body.id).toBe(a.body.id);
    expect((await buy(t, agent, { ...body, counter: 2 }, 'kunci-1')).body.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await countTransactions(t, agent)).toBe(1);
  });

  it('accepts exactly 10 of 20 purchases sent at once with balance for 10, and the ledger verifies', async () => {
    const agent = await createAgent(t, admin, { balance: 0 });
    await fund(t, admin, agent, 10 * 6_500);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        buy(t, agent, { productCode: 'T5', destination: `0812000000${String(i).padStart(2, '0')}` }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 202)).toHaveLength(10);
    expect(results.filter((r) => r.status !== 202).map((r) => r.body.code)).toEqual(
      Array(10).fill('INSUFFICIENT_FUNDS'),
    );
    for (const r of results.filter((x) => x.status === 202)) {
      expect((await finalOf(t, agent, r.body.id)).status).toBe('success');
    }
    expect(await countTransactions(t, agent)).toBe(10);
    expect(await wallet(t, agent)).toMatchObject({ balance: '0', held: '0', available: '0' });
    await expectLedgerOk(t, admin);
  });

  it('keeps the price a purchase was made at when the product changes or goes', async () => {
    const agent = await createAgent(t, admin, { balance: 50_000 });
    await t
      .http()
      .post('/api/admin/pulsa/products')
      .set(admin.auth)
      .send({
        code: 'ax99',
        name: 'Axis tes',
        operator: 'axis',
        nominal: 1000,
        price: '1500',
        supplierSku: 'ax99',
        supplierCost: 1200,
      })
      .expect(201);
    const bought = await buy(t, agent, { productCode: 'AX99', destination: '083112345678' }).expect(202);
    await t.http().patch('/api/admin/pulsa/products/AX99').set(admin.auth).send({ price: 9999 }).expect(200);
    await t.http().delete('/api/admin/pulsa/products/ax99').set(admin.auth).expect(204);
    expect((await transactionOf(t, agent, bought.body.id)).price).toBe('1500');
    await t.http().delete('/api/admin/pulsa/products/AX99').set(admin.auth).expect(404);
  });

  it('lists an agent’s own purchases and hides everyone else’s', async () => {
    const agent = await createAgent(t, admin, { balance: 50_000 });
    const other = await createAgent(t, admin, { balance: 50_000 });
    const mine = await buy(t, agent, { productCode: 'T5', destination: TELKOMSEL }).expect(202);
    await finalOf(t, agent, mine.body.id);
    const page = await t.http().get('/api/pulsa/transactions?status=success').set(agent.auth).expect(200);
    expect(page.body).toMatchObject({ total: 1, items: [{ id: mine.body.id }] });
    await t.http().get(`/api/pulsa/transactions/${mine.body.shortId}`).set(other.auth).expect(404);
    await t.http().get('/api/pulsa/transactions/nonsense').set(agent.auth).expect(404);
    await t.http().get('/api/pulsa/transactions').set(admin.auth).expect(403);
    const products = await t.http().get('/api/pulsa/products?operator=xl').set(agent.auth).expect(200);
    expect(products.body.map((p: { code: string }) => p.code)).toEqual(['XL5', 'XL10', 'XL25', 'XL50', 'XL100']);
  });

  it('registers an agent (or promotes a user) for admins, with a PIN and no link while the bot is off', async () => {
    const res = await t
      .http()
      .post('/api/admin/pulsa/agents')
      .set(admin.auth)
      .send({ username: 'Agen_Sari', name: 'Sari Cell', phone: '0812 3456 7890', pin: '5678' })
      .expect(201);
    expect(res.body).toEqual({
      username: 'agen_sari',
      name: 'Sari Cell',
      phone: '6281234567890',
      created: true,
      hasPin: true,
      telegramLink: null,
    });
    const customer = await createUser(t);
    const promoted = await t
      .http()
      .post('/api/admin/pulsa/agents')
      .set(admin.auth)
      .send({ username: customer.username, name: 'x', phone: '0812345678' })
      .expect(201);
    expect(promoted.body).toMatchObject({ created: false, hasPin: false });
    await t
      .http()
      .post('/api/admin/pulsa/agents')
      .set(admin.auth)
      .send({ username: 'agen_x', name: 'X', phone: '0812345678', pin: '12' })
      .expect(400);
    await t
      .http()
      .put(`/api/admin/pulsa/agents/${admin.username}/pin`)
      .set(admin.auth)
      .send({ pin: '1234' })
      .expect(422);
    await t.http().post('/api/admin/pulsa/agents/nobody_here/unlock').set(admin.auth).expect(404);
  });

  it('answers the Digiflazz callback with 503 while no webhook secret is set', async () => {
    const res = await t
      .http()
      .post('/api/pulsa/suppliers/digiflazz/callback')
      .send({ data: { ref_id: 'x', rc: '00' } });
    expect([res.status, res.body.code]).toEqual([503, 'SUPPLIER_CALLBACK_DISABLED']);
  });
});
