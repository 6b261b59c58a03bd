import { expectApiError } from './support/api-assertions';
import { createUser, TestUser, uniqueUsername } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

const PROFILE_KEYS = ['createdAt', 'email', 'id', 'name', 'phone', 'role', 'username'];

/** Every profile field is there, and nothing about the password is. */
function expectProfile(body: Record<string, unknown>): void {
  expect(Object.keys(body)).toEqual(expect.arrayContaining(PROFILE_KEYS));
  expect(Object.keys(body).filter((key) => /password|hash/i.test(key))).toEqual([]);
}

describe('users', () => {
  let t: TestApp;
  let admin: TestUser;
  let agent: TestUser;
  let customer: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    [admin, agent, customer] = await Promise.all([
      createUser(t, { role: 'admin' }),
      createUser(t, { role: 'agent' }),
      createUser(t),
    ]);
  });
  afterAll(() => t.close());

  const roleInDatabase = async (username: string) =>
    (await t.db.query('SELECT role FROM users WHERE username = $1', [username]))[0]?.role;

  describe('GET /api/me', () => {
    it("answers the signed-in user's own profile and nothing secret", async () => {
      const username = uniqueUsername('me');
      await t
        .http()
        .post('/api/auth/signup')
        .send({
          username,
          password: 'rahasia-sekali',
          name: 'Budi',
          email: 'budi@example.com',
          phone: '+62 812 1111 2222',
        })
        .expect(201);
      const signin = await t.http().post('/api/auth/signin').send({ username, password: 'rahasia-sekali' }).expect(200);

      const res = await t.http().get('/api/me').set('Authorization', `Bearer ${signin.body.accessToken}`).expect(200);

      expectProfile(res.body);
      expect(res.body).toMatchObject({
        id: signin.body.user.id,
        username,
        name: 'Budi',
        email: 'budi@example.com',
        phone: '6281211112222',
        role: 'customer',
        createdAt: expect.any(String),
      });
      expect(Math.abs(Date.parse(res.body.createdAt) - Date.now())).toBeLessThan(60_000);
    });

    it('answers each user with their own profile', async () => {
      const [a, b] = await Promise.all([createUser(t), createUser(t, { role: 'agent' })]);
      const meA = await t.http().get('/api/me').set(a.auth).expect(200);
      const meB = await t.http().get('/api/me').set(b.auth).expect(200);
      expect([meA.body.id, meA.body.role]).toEqual([a.id, 'customer']);
      expect([meB.body.id, meB.body.role]).toEqual([b.id, 'agent']);
    });

    it('needs a token', async () => {
      expectApiError(await t.http().get('/api/me'), 401);
    });
  });

  describe('GET /api/admin/users', () => {
    it('lists users oldest first, a page at a time, without password hashes', async () => {
      const prefix = uniqueUsername('pg');
      const made: TestUser[] = [];
      for (const n of [1, 2, 3]) made.push(await createUser(t, { username: `${prefix}_${n}` }));

      const first = await t.http().get(`/api/admin/users?username=${prefix}&limit=2`).set(admin.auth).expect(200);
      const second = await t
        .http()
        .get(`/api/admin/users?username=${prefix}&limit=2&offset=2`)
        .set(admin.auth)
        .expect(200);

      expect({ ...first.body, items: first.body.items.map((u: { id: string }) => u.id) }).toEqual({
        items: [made[0].id, made[1].id],
        total: 3,
        limit: 2,
        offset: 0,
      });
      expect(second.body.items.map((u: { id: string }) => u.id)).toEqual([made[2].id]);
      expect(second.body.total).toBe(3);
      for (const item of [...first.body.items, ...second.body.items]) expectProfile(item);
    });

    it('pages 20 at a time by default and counts every user', async () => {
      const res = await t.http().get('/api/admin/users').set(admin.auth).expect(200);
      const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM users');
      expect(res.body).toMatchObject({ total: n, limit: 20, offset: 0 });
      expect(res.body.items).toHaveLength(Math.min(n, 20));
    });

    it('filters by role', async () => {
      const res = await t.http().get('/api/admin/users?role=agent&limit=100').set(admin.auth).expect(200);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE role = 'agent'`);
      expect(res.body.total).toBe(n);
      expect(res.body.items.map((u: { id: string }) => u.id)).toContain(agent.id);
      expect(new Set(res.body.items.map((u: { role: string }) => u.role))).toEqual(new Set(['agent']));
    });

    it('matches the username filter as a literal prefix, in any case', async () => {
      const base = uniqueUsername('lit');
      const underscore = await createUser(t, { username: `${base}_a` });
      await createUser(t, { username: `${base}xa` });

      const res = await t.http().get(`/api/admin/users?username=${base.toUpperCase()}_`).set(admin.auth).expect(200);

      expect(res.body.items.map((u: { id: string }) => u.id)).toEqual([underscore.id]);
    });

    it.each([
      ['limit=0', /limit/],
      ['limit=101', /limit/],
      ['limit=abc', /limit must be an integer/],
      ['offset=-1', /offset/],
      ['role=boss', /role/],
      ['username=a%25', /username/],
      ['username=a%00b', /username/],
      ['sort=name', /sort/],
    ])('refuses the query %s with 400', async (query, message) => {
      const res = await t.http().get(`/api/admin/users?${query}`).set(admin.auth);
      expectApiError(res, 400);
      expect([res.body.message].flat().join(' ')).toMatch(message);
    });
  });

  describe('role guard', () => {
    it.each([
      ['a customer', () => customer, 'customer'],
      ['an agent', () => agent, 'agent'],
    ])('answers %s with 403 on the admin routes and changes nothing', async (_, who, role) => {
      const user = who();
      expectApiError(await t.http().get('/api/admin/users').set(user.auth), 403);
      const patch = await t.http().patch(`/api/admin/users/${user.username}`).set(user.auth).send({ role: 'admin' });
      expectApiError(patch, 403);
      expect(await roleInDatabase(user.username)).toBe(role);
    });

    it('gives 401, not 403, without a token', async () => {
      expectApiError(await t.http().get('/api/admin/users'), 401);
      expectApiError(await t.http().patch(`/api/admin/users/${customer.username}`).send({ role: 'admin' }), 401);
      expect(await roleInDatabase(customer.username)).toBe('customer');
    });
  });

  describe('PATCH /api/admin/users/:username', () => {
    it("changes a role, and the change applies to the user's existing token at once", async () => {
      const user = await createUser(t);

      const res = await t
        .http()
        .patch(`/api/admin/users/${user.username.toUpperCase()}`)
        .set(admin.auth)
        .send({ role: 'agent' })
        .expect(200);
      expect(res.body).toMatchObject({ id: user.id, username: user.username, role: 'agent' });
      expectProfile(res.body);
      expect(await roleInDatabase(user.username)).toBe('agent');
      expect((await t.http().get('/api/me').set(user.auth).expect(200)).body.role).toBe('agent');
      expectApiError(await t.http().get('/api/admin/users').set(user.auth), 403);

      await t.http().patch(`/api/admin/users/${user.username}`).set(admin.auth).send({ role: 'admin' }).expect(200);
      await t.http().get('/api/admin/users').set(user.auth).expect(200);

      await t.http().patch(`/api/admin/users/${user.username}`).set(admin.auth).send({ role: 'customer' }).expect(200);
      expectApiError(await t.http().get('/api/admin/users').set(user.auth), 403);
    });

    it('refuses to let an admin change their own role', async () => {
      const res = await t.http().patch(`/api/admin/users/${admin.username}`).set(admin.auth).send({ role: 'customer' });
      expectApiError(res, 409);
      expect(res.body.code).toBe('OWN_ROLE_CHANGE');
      expect(await roleInDatabase(admin.username)).toBe('admin');
    });

    it.each([
      ['an unknown user', 'nobody_here_at_all', { role: 'agent' }, 404],
      ['a name no user can have', 'a%00b', { role: 'agent' }, 404],
      ['an unknown role', null, { role: 'superuser' }, 400],
      ['no role', null, {}, 400],
      ['an extra field', null, { role: 'agent', password: 'ganti-sandi-123' }, 400],
    ])('answers %s with the right 4xx and changes nothing', async (_, name, body, status) => {
      const target = await createUser(t);
      const res = await t
        .http()
        .patch(`/api/admin/users/${name ?? target.username}`)
        .set(admin.auth)
        .send(body);
      expectApiError(res, status);
      expect(await roleInDatabase(target.username)).toBe('customer');
    });
  });
});
