import { expectApiError } from '../support/api-assertions';
import { createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { UsersService } from '../../src/users/users.service';
import { linkChat } from '../payments/payments-harness';
import { addDemoCatalogue, buy, fund, PULSA_TEST_ENV, XL } from './pulsa-harness';

describe('the admin list of agents', () => {
  let t: TestApp;
  let admin: TestUser;
  let customer: TestUser;

  const agents = (query = '', as?: TestUser) =>
    t
      .http()
      .get(`/api/admin/pulsa/agents${query}`)
      .set((as ?? admin).auth);
  const usernames = (body: { items: { username: string }[] }) => body.items.map((a) => a.username);
  /** An agent with a name, phone and known password (to buy as them), and a PIN set by the admin. */
  const agent = async (username: string, name: string, phone: string, pin: string): Promise<TestUser> => {
    const password = 'kata-sandi-agen';
    await t.app.get(UsersService).create({ username, password, name, phone, role: 'agent' });
    const signin = await t.http().post('/api/auth/signin').send({ username, password }).expect(200);
    await t.http().put(`/api/admin/pulsa/agents/${username}/pin`).set(admin.auth).send({ pin }).expect(200);
    const auth = { Authorization: `Bearer ${signin.body.accessToken}` };
    return { id: signin.body.user.id, username, password, token: signin.body.accessToken, auth };
  };

  beforeAll(async () => {
    // The supplier answers ordinary numbers ten minutes later: a purchase stays pending, its price held.
    t = await createTestApp({ ...PULSA_TEST_ENV, PULSA_SIMULATOR_DELAY_MS: '600000' });
    admin = await createUser(t, { role: 'admin' });
    await addDemoCatalogue(t);

    const budi = await agent('agen_budi', 'Budi Cell', '0812-1111-2222', '482913');
    await fund(t, admin, budi, 25_000);
    await buy(t, budi, { productCode: 'XL5', destination: XL, pin: '482913' }).expect(202);

    const sari = await agent('agen_sari', 'Sari PULSA', '081233334444', '1357');
    for (let i = 0; i < 5; i++) await buy(t, sari, { productCode: 'XL5', destination: XL, pin: '0000' }).expect(401);

    // Registered by the admin without a PIN, then linked to their Telegram chat.
    await t
      .http()
      .post('/api/admin/pulsa/agents')
      .set(admin.auth)
      .send({ username: 'dewi_ponsel', name: 'Dewi Ponsel', phone: '+62 857 0000 1111' })
      .expect(201);
    const dewi = await t.app.get(UsersService).getByUsername('dewi_ponsel');
    await linkChat(t, { id: dewi.id } as TestUser, 5_550_001);
    customer = await createUser(t, { username: 'pelanggan_budi' });
  });
  afterAll(() => t.close());

  it('lists every agent by username with their PIN state, lock, wallet and Telegram link, and no customers', async () => {
    const res = await agents().expect(200);
    expect(res.body).toMatchObject({ total: 3, limit: 20, offset: 0 });
    expect(usernames(res.body)).toEqual(['agen_budi', 'agen_sari', 'dewi_ponsel']);
    const byName = Object.fromEntries(res.body.items.map((a: { username: string }) => [a.username, a]));
    expect(byName.agen_budi).toEqual({
      username: 'agen_budi',
      name: 'Budi Cell',
      phone: '6281211112222',
      hasPin: true,
      locked: false,
      pinFailures: 0,
      balance: '25000',
      // XL5 (Rp 6.500) waits for the supplier: held, not yet spent.
      available: '18500',
      telegramLinked: false,
      createdAt: expect.any(String),
    });
    expect(byName.agen_sari).toMatchObject({ hasPin: true, locked: true, pinFailures: 5, balance: '0' });
    expect(byName.dewi_ponsel).toMatchObject({
      name: 'Dewi Ponsel',
      phone: '6285700001111',
      hasPin: false,
      locked: false,
      pinFailures: 0,
      telegramLinked: true,
    });
  });

  it('searches usernames, names and phone numbers, case-insensitively and with 08… for 628…', async () => {
    expect(usernames((await agents('?q=budi').expect(200)).body)).toEqual(['agen_budi']);
    expect(usernames((await agents('?q=sari%20pulsa').expect(200)).body)).toEqual(['agen_sari']);
    expect(usernames((await agents('?q=081233').expect(200)).body)).toEqual(['agen_sari']);
    expect(usernames((await agents('?q=62857').expect(200)).body)).toEqual(['dewi_ponsel']);
    // % and _ are letters here, not wildcards.
    expect((await agents('?q=%25').expect(200)).body).toMatchObject({ total: 0, items: [] });
    // As a wildcard, _ would find "Sari PULSA" (i, space, P) too.
    expect(usernames((await agents('?q=i_p').expect(200)).body)).toEqual(['dewi_ponsel']);
  });

  it('pages with limit and offset, counting every match', async () => {
    const page = await agents('?limit=1&offset=1').expect(200);
    expect(page.body).toEqual({
      total: 3,
      limit: 1,
      offset: 1,
      items: [expect.objectContaining({ username: 'agen_sari' })],
    });
    expect((await agents('?offset=10').expect(200)).body).toMatchObject({ total: 3, items: [] });
  });

  it('refuses bad queries with 400, and anyone but an admin with 403', async () => {
    for (const query of [`?q=${'x'.repeat(101)}`, '?q=%07', '?limit=0', '?limit=101', '?offset=-1', '?role=agent']) {
      const res = await agents(query);
      expectApiError(res, 400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expectApiError(await agents('', customer), 403);
  });
});
