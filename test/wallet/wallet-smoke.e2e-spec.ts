import { createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

describe('wallet smoke', () => {
  let t: TestApp;
  let admin: TestUser;
  let siti: TestUser;
  let budi: TestUser;
  beforeAll(async () => {
    t = await createTestApp({ OTP_DELIVERY: 'response' });
    admin = await createUser(t, { role: 'admin' });
    siti = await createUser(t);
    budi = await createUser(t);
    await t
      .http()
      .post('/api/admin/ledger/adjustments')
      .set(admin.auth)
      .send({ account: `wallet:${siti.id}`, amount: 100000, reason: 'setoran' })
      .expect(201);
  });
  afterAll(() => t.close());

  const otp = async (user: TestUser, body: object) => {
    const res = await t.http().post('/api/otp').set(user.auth).send(body).expect(201);
    return { challengeId: res.body.challengeId, code: res.body.code };
  };

  it('transfers, bills and history', async () => {
    await t
      .http()
      .get('/api/wallet')
      .set(siti.auth)
      .expect(200, { balance: '100000', held: '0', available: '100000', currency: 'IDR' });
    const code = await otp(siti, { action: 'transfer', to: budi.username, amount: 30000 });
    const tr = await t
      .http()
      .post('/api/wallet/transfers')
      .set(siti.auth)
      .set('Idempotency-Key', 'abc')
      .send({ to: budi.username, amount: '30000', description: 'makan', otp: code })
      .expect(201);
    expect(tr.body).toMatchObject({ from: siti.username, to: budi.username, amount: '30000', balanceAfter: '70000' });
    const again = await t
      .http()
      .post('/api/wallet/transfers')
      .set(siti.auth)
      .set('Idempotency-Key', 'abc')
      .send({ to: budi.username, amount: '30000', description: 'makan', otp: code })
      .expect(201);
    expect(again.body.id).toBe(tr.body.id);
    const billOtp = await otp(budi, { action: 'bill.create', to: siti.username, amount: 5000 });
    const bill = await t
      .http()
      .post('/api/bills')
      .set(budi.auth)
      .send({ to: siti.username, name: 'Arisan', amount: 5000, otp: billOtp })
      .expect(201);
    expect(bill.body).toMatchObject({ status: 'unpaid', from: budi.username, to: siti.username });
    const payOtp = await otp(siti, { action: 'bill.pay', code: bill.body.code });
    const paid = await t
      .http()
      .post(`/api/bills/${bill.body.code}/pay`)
      .set(siti.auth)
      .send({ otp: payOtp })
      .expect(200);
    expect(paid.body.status).toBe('paid');
    const hist = await t.http().get('/api/wallet/transactions').set(siti.auth).expect(200);
    expect(hist.body.items.map((i: any) => [i.category, i.direction, i.amount, i.balanceAfter])).toEqual([
      ['bill', 'out', '5000', '65000'],
      ['transfer', 'out', '30000', '70000'],
      ['adjustment', 'in', '100000', '100000'],
    ]);
    expect(hist.body.items[1].counterparty).toEqual({ username: budi.username, name: expect.any(String) });
    const wrong = await otp(siti, { action: 'transfer', to: budi.username, amount: 1 });
    const res = await t
      .http()
      .post('/api/wallet/transfers')
      .set(siti.auth)
      .send({ to: budi.username, amount: 2, otp: wrong })
      .expect(403);
    expect(res.body.code).toBe('OTP_MISMATCH');
  });
});
