import { countUsers, expectApiError } from './support/api-assertions';
import { createUser, uniqueUsername } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PASSWORD = 'rahasia-sekali';

/** The JSON parts of a JWT, unverified: enough to check what the service put in it. */
function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header, payload] = token
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
  return { header, payload };
}

describe('sign-up and sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const signUp = (body: object) => t.http().post('/api/auth/signup').send(body);
  const signIn = (body: object) => t.http().post('/api/auth/signin').send(body);

  it('signs up a customer, answers only the public fields and stores a hash, not the password', async () => {
    const username = uniqueUsername('siti');
    const res = await signUp({
      username: `  ${username.toUpperCase()} `,
      password: PASSWORD,
      name: '  Siti Nurhaliza ',
      email: ' Siti@Example.CO.ID',
      phone: '0812-3456-7890',
    }).expect(201);

    expect(res.body).toEqual({ id: expect.stringMatching(UUID), username, name: 'Siti Nurhaliza', role: 'customer' });
    const rows = await t.db.query('SELECT username, name, email, phone, role, password_hash FROM users WHERE id = $1', [
      res.body.id,
    ]);
    expect(rows).toEqual([
      {
        username,
        name: 'Siti Nurhaliza',
        email: 'siti@example.co.id',
        phone: '6281234567890',
        role: 'customer',
        password_hash: expect.stringMatching(/^\$argon2id\$/),
      },
    ]);
    expect(rows[0].password_hash).not.toContain(PASSWORD);
  });

  it('takes email and phone as optional, with null meaning none', async () => {
    const username = uniqueUsername('opt');
    await signUp({ username, password: PASSWORD, name: 'Tanpa Kontak', email: null, phone: null }).expect(201);
    const signin = await signIn({ username, password: PASSWORD }).expect(200);
    const me = await t.http().get('/api/me').set('Authorization', `Bearer ${signin.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ username, email: null, phone: null });
  });

  it('signs in with a Bearer token for that user, whatever the case of the username', async () => {
    const user = await createUser(t);
    const res = await signIn({ username: user.username.toUpperCase(), password: user.password }).expect(200);

    expect(res.body).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 86400,
      user: { id: user.id, username: user.username, name: `Test ${user.username}`, role: 'customer' },
    });
    const { header, payload } = decodeJwt(res.body.accessToken);
    expect(header.alg).toBe('HS256');
    expect(payload.sub).toBe(user.id);
    expect(Number(payload.exp) - Number(payload.iat)).toBe(86400);

    const me = await t.http().get('/api/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body.id).toBe(user.id);
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const user = await createUser(t);
    const wrongPassword = await signIn({ username: user.username, password: 'bukan-kata-sandinya' });
    const unknownUser = await signIn({ username: uniqueUsername('ghost'), password: user.password });

    for (const res of [wrongPassword, unknownUser]) {
      expectApiError(res, 401);
      expect(res.body.accessToken).toBeUndefined();
    }
    expect(wrongPassword.body).toEqual(unknownUser.body);
    expect(wrongPassword.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('refuses a taken username, in any case, with 409 and writes nothing', async () => {
    const user = await createUser(t);
    const before = await countUsers(t);

    const res = await signUp({ username: user.username.toUpperCase(), password: 'lain-lagi-sandinya', name: 'Kembar' });

    expectApiError(res, 409);
    expect(res.body.code).toBe('USERNAME_TAKEN');
    expect(await countUsers(t)).toBe(before);
    await signIn({ username: user.username, password: user.password }).expect(200);
  });

  it('refuses a registered email, in any case, with 409 and writes nothing', async () => {
    const email = `${uniqueUsername('mail')}@example.com`;
    await signUp({ username: uniqueUsername('first'), password: PASSWORD, name: 'Pertama', email }).expect(201);
    const before = await countUsers(t);

    const second = uniqueUsername('second');
    const res = await signUp({ username: second, password: PASSWORD, name: 'Kedua', email: email.toUpperCase() });

    expectApiError(res, 409);
    expect(res.body.code).toBe('EMAIL_TAKEN');
    expect(await countUsers(t)).toBe(before);
    expectApiError(await signIn({ username: second, password: PASSWORD }), 401);
  });

  it('lets exactly one of several simultaneous sign-ups for one username through', async () => {
    const username = uniqueUsername('race');
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => signUp({ username, password: PASSWORD, name: `Balapan ${i}` })),
    );

    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const res of results.filter((r) => r.status === 409)) expectApiError(res, 409);
    const rows = await t.db.query('SELECT id FROM users WHERE username = $1', [username]);
    expect(rows).toEqual([{ id: results.find((r) => r.status === 201)!.body.id }]);
  });

  it('never makes anything but a customer by sign-up', async () => {
    const before = await countUsers(t);
    const username = uniqueUsername('climber');

    const res = await signUp({ username, password: PASSWORD, name: 'Mau Jadi Admin', role: 'admin' });

    expectApiError(res, 400);
    expect(await countUsers(t)).toBe(before);
  });
});
