import { expectApiError } from '../support/api-assertions';
import { createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { createBill, expectError, expectInvalid, fund, requestOtp, sendTransfer } from './wallet-helpers';

interface Item {
  id: string;
  journalId: string;
  category: string;
  direction: string;
  amount: string;
  balanceAfter: string;
  counterparty: { username: string } | null;
  description: string | null;
  reference: string | null;
}

/** The parts of a history item that tell what happened. */
const summary = (i: Item) => [i.category, i.direction, i.amount, i.balanceAfter, i.counterparty?.username ?? null];

describe('wallet history', () => {
  let t: TestApp;
  let siti: TestUser;
  let budi: TestUser;
  let citra: TestUser;
  let dewi: TestUser;
  let sitiBill: string;
  let budiBill: string;

  // Siti: 1000 in, 300 to Budi, 50 from Citra, pays Dewi's bill of 200, Budi pays her bill of 20.
  beforeAll(async () => {
    t = await createTestApp({ OTP_DELIVERY: 'response', OTP_MAX_PER_MINUTE: '100' });
    const admin = await createUser(t, { role: 'admin' });
    [siti, budi, citra, dewi] = await Promise.all([createUser(t), createUser(t), createUser(t), createUser(t)]);
    await Promise.all([fund(t, admin, siti, 1000), fund(t, admin, citra, 100)]);
    expect((await sendTransfer(t, siti, budi, 300, { description: 'makan siang' })).status).toBe(201);
    expect((await sendTransfer(t, citra, siti, 50)).status).toBe(201);
    sitiBill = (await createBill(t, dewi, siti, 200, 'Arisan')).code;
    await pay(siti, sitiBill);
    budiBill = (await createBill(t, siti, budi, 20, 'Patungan')).code;
    await pay(budi, budiBill);
  });
  afterAll(() => t.close());

  const pay = async (payer: TestUser, code: string) => {
    const otp = await requestOtp(t, payer, { action: 'bill.pay', code });
    await t.http().post(`/api/bills/${code}/pay`).set(payer.auth).send({ otp }).expect(200);
  };

  const history = (user: TestUser, query: Record<string, string | number> = {}) =>
    t.http().get('/api/wallet/transactions').query(query).set(user.auth);

  it('lists every movement of your wallet, newest first, with category, counterparty and balance after', async () => {
    const res = await history(siti).expect(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items.map(summary)).toEqual([
      ['bill', 'in', '20', '570', budi.username],
      ['bill', 'out', '200', '550', dewi.username],
      ['transfer', 'in', '50', '750', citra.username],
      ['transfer', 'out', '300', '700', budi.username],
      ['adjustment', 'in', '1000', '1000', null],
    ]);
    expect(res.body.items.map((i: Item) => i.description)).toEqual([
      'Patungan',
      'Arisan',
      null,
      'makan siang',
      'setoran tunai',
    ]);
    expect(res.body.items[1]).toEqual({
      id: expect.any(String),
      journalId: expect.any(String),
      category: 'bill',
      direction: 'out',
      amount: '200',
      balanceAfter: '550',
      counterparty: { username: dewi.username, name: `Test ${dewi.username}` },
      description: 'Arisan',
      reference: `bill:${sitiBill}`,
      createdAt: expect.any(String),
    });
    const times = res.body.items.map((i: { createdAt: string }) => Date.parse(i.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('pages with limit and cursor, newest first, without gaps or repeats', async () => {
    const all = (await history(siti).expect(200)).body.items.map((i: Item) => i.id);
    const first = await history(siti, { limit: 2 }).expect(200);
    const second = await history(siti, { limit: 2, cursor: first.body.nextCursor }).expect(200);
    const third = await history(siti, { limit: 2, cursor: second.body.nextCursor }).expect(200);

    expect([first.body.items.length, second.body.items.length, third.body.items.length]).toEqual([2, 2, 1]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(third.body.nextCursor).toBeNull();
    expect([...first.body.items, ...second.body.items, ...third.body.items].map((i: Item) => i.id)).toEqual(all);
  });

  it('filters by category, also across pages', async () => {
    const of = async (category: string) =>
      (await history(siti, { category }).expect(200)).body.items.map((i: Item) => [i.category, i.amount]);
    expect(await of('transfer')).toEqual([
      ['transfer', '50'],
      ['transfer', '300'],
    ]);
    expect(await of('bill')).toEqual([
      ['bill', '20'],
      ['bill', '200'],
    ]);
    expect(await of('adjustment')).toEqual([['adjustment', '1000']]);
    expect(await of('topup')).toEqual([]);

    const page1 = await history(siti, { category: 'transfer', limit: 1 }).expect(200);
    const page2 = await history(siti, { category: 'transfer', limit: 1, cursor: page1.body.nextCursor }).expect(200);
    expect([...page1.body.items, ...page2.body.items].map((i: Item) => i.amount)).toEqual(['50', '300']);
    expect(page2.body.nextCursor).toBeNull();
  });

  it("shows only your own wallet: Budi sees his side of the shared movements and none of Siti's", async () => {
    const res = await history(budi).expect(200);
    expect(res.body.items.map(summary)).toEqual([
      ['bill', 'out', '20', '280', siti.username],
      ['transfer', 'in', '300', '300', siti.username],
    ]);
    const fresh = await createUser(t);
    await history(fresh).expect(200, { items: [], nextCursor: null });
  });

  it("stays in your own wallet with someone else's cursor", async () => {
    const budiIds = (await history(budi).expect(200)).body.items.map((i: Item) => i.id);
    const sitiPage = await history(siti, { limit: 2 }).expect(200);
    const res = await history(budi, { cursor: sitiPage.body.nextCursor }).expect(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const item of res.body.items) expect(budiIds).toContain(item.id);
  });

  it("refuses a query that names someone else's wallet with 400", async () => {
    expectApiError(await history(budi, { account: `wallet:${siti.id}` }), 400);
    expectApiError(await history(budi, { userId: siti.id }), 400);
    expectApiError(await history(budi, { username: siti.username }), 400);
  });

  it('refuses a bad cursor, category or limit with 400', async () => {
    expectError(await history(siti, { cursor: 'not-a-cursor' }), 400, 'INVALID_CURSOR');
    expectInvalid(await history(siti, { category: 'gift' }), 'category');
    expectInvalid(await history(siti, { limit: 0 }), 'limit');
    expectInvalid(await history(siti, { limit: 101 }), 'limit');
  });

  it('needs a signed-in user', async () => {
    expectApiError(await t.http().get('/api/wallet/transactions'), 401);
  });
});
