import { countUsers, expectApiError } from './support/api-assertions';
import { createUser, TestUser, uniqueUsername } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

type Body = Record<string, unknown>;

const TEN_KB = 'a'.repeat(10 * 1024);

/** A sign-up that would succeed; every case below spoils exactly one thing, so a write means the check failed. */
const validSignUp = (): Body => ({ username: uniqueUsername('bad'), password: 'rahasia-sekali', name: 'Siti' });
const signUpWith = (changes: Body): Body => ({ ...validSignUp(), ...changes });
const signUpWithout = (field: string): Body => {
  const body = validSignUp();
  delete body[field];
  return body;
};

describe('bad input', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t, { role: 'admin' });
  });
  afterAll(() => t.close());

  /** Sends the request, then checks the status, the JSON error body, and that no user was written. */
  async function expectRefused(send: () => PromiseLike<import('supertest').Response>, status: number) {
    const before = await countUsers(t);
    const res = await send();
    expectApiError(res, status);
    expect(await countUsers(t)).toBe(before);
    return res;
  }

  const signUp = (body: unknown) =>
    t
      .http()
      .post('/api/auth/signup')
      .send(body as object);
  const rawSignUp = (text: string, contentType = 'application/json') =>
    t.http().post('/api/auth/signup').set('Content-Type', contentType).send(text);

  it('accepts the untouched sign-up body, so each refusal below comes from the one thing spoiled', async () => {
    const before = await countUsers(t);
    await signUp(validSignUp()).expect(201);
    expect(await countUsers(t)).toBe(before + 1);
  });

  describe('sign-up fields', () => {
    it.each<[string, Body, RegExp]>([
      ['no username', signUpWithout('username'), /username/],
      ['no password', signUpWithout('password'), /password must be a string/],
      ['no name', signUpWithout('name'), /name must be a string/],
      ['an extra field', signUpWith({ isAdmin: true }), /isAdmin should not exist/],
      ['an extra role', signUpWith({ role: 'admin' }), /role should not exist/],
      ['an extra nested object', signUpWith({ profile: { role: 'admin' } }), /profile should not exist/],
      ['a numeric username', signUpWith({ username: 12345 }), /username must be a string/],
      ['a boolean username', signUpWith({ username: true }), /username must be a string/],
      ['an operator object as username', signUpWith({ username: { $ne: null } }), /username must be a string/],
      ['a numeric password', signUpWith({ password: 123456789 }), /password must be a string/],
      ['a name in an array', signUpWith({ name: ['Siti'] }), /name must be a string/],
      ['a null name', signUpWith({ name: null }), /name must be a string/],
      ['a numeric email', signUpWith({ email: 42 }), /email/],
      ['a numeric phone', signUpWith({ phone: 81234567890 }), /phone must be a string/],
      ['an empty username', signUpWith({ username: '' }), /username/],
      ['an empty password', signUpWith({ password: '' }), /password/],
      ['an empty name', signUpWith({ name: '' }), /name/],
      ['a blank name', signUpWith({ name: '   ' }), /name/],
      ['an empty email', signUpWith({ email: '' }), /email/],
      ['an empty phone', signUpWith({ phone: '' }), /phone/],
      ['a 10 KB username', signUpWith({ username: TEN_KB }), /username/],
      ['a 10 KB password', signUpWith({ password: TEN_KB }), /password/],
      ['a 10 KB name', signUpWith({ name: TEN_KB }), /name/],
      ['a 10 KB email', signUpWith({ email: `${TEN_KB}@example.com` }), /email/],
      ['a 10 KB phone', signUpWith({ phone: '0812'.padEnd(10 * 1024, '5') }), /phone/],
      ['a 7-character password', signUpWith({ password: '1234567' }), /password must be longer/],
      ['a 2-character username', signUpWith({ username: 'ab' }), /username/],
      ['an email that is not one', signUpWith({ email: 'siti-at-example.com' }), /email/],
      ['a phone that is not Indonesian', signUpWith({ phone: '+1 202 555 0100' }), /phone/],
      ['SQL in the username', signUpWith({ username: "x'; DROP TABLE users; --" }), /username/],
      ['SQL in the email', signUpWith({ email: "x@example.com' OR '1'='1" }), /email/],
      ['an accented username', signUpWith({ username: 'siti_ñ' }), /username/],
      ['a Cyrillic username', signUpWith({ username: 'сити' }), /username/],
      ['a full-width username', signUpWith({ username: 'ｓｉｔｉ' }), /username/],
      ['an emoji username', signUpWith({ username: 'siti_😀' }), /username/],
      ['Arabic-Indic digits as phone', signUpWith({ phone: '٠٨١٢٣٤٥٦٧٨٩٠' }), /phone/],
      ['a NUL character in the name', signUpWith({ name: 'Siti\u0000Nurhaliza' }), /name/],
      ['a line break in the name', signUpWith({ name: 'Siti\nNurhaliza' }), /name/],
    ])('refuses %s with 400 and writes nothing', async (_, body, message) => {
      const res = await expectRefused(() => signUp(body), 400);
      expect([res.body.message].flat().join(' ')).toMatch(message);
    });

    it('rejects an empty object and names every missing field', async () => {
      const res = await expectRefused(() => signUp({}), 400);
      expect(res.body.message).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^username/),
          'password must be a string',
          'name must be a string',
        ]),
      );
    });
  });

  describe('sign-up bodies that are not one JSON object', () => {
    const complete = JSON.stringify(validSignUp());
    it.each<[string, string, string, number]>([
      ['cut-off JSON', complete.slice(0, -1), 'application/json', 400],
      ['single-quoted JSON', complete.replace(/"/g, "'"), 'application/json', 400],
      ['JSON with a trailing comma', complete.replace(/}$/, ',}'), 'application/json', 400],
      ['a bare string', '"siti"', 'application/json', 400],
      ['a bare number', '42', 'application/json', 400],
      ['null', 'null', 'application/json', 400],
      ['an empty body', '', 'application/json', 400],
      ['an empty array', '[]', 'application/json', 400],
      ['an array holding a valid body', `[${complete}]`, 'application/json', 400],
      ['valid JSON sent as text/plain', complete, 'text/plain', 400],
      ['JSON in an unknown charset', complete, 'application/json; charset=klingon', 415],
      ['a body over 100 KB', JSON.stringify(signUpWith({ name: 'a'.repeat(200 * 1024) })), 'application/json', 413],
    ])('refuses %s with its 4xx and writes nothing', async (_, text, contentType, status) => {
      await expectRefused(() => rawSignUp(text, contentType), status);
    });
  });

  describe('text that is valid but looks dangerous is stored as typed', () => {
    it.each([
      ['SQL', "Robert'); DROP TABLE users;--"],
      ['non-ASCII', 'Siti Nurhaliza — 日本語 ñ ü 😀'],
      ['markup', '<script>alert(1)</script>'],
    ])('keeps a name with %s intact', async (_, name) => {
      const res = await signUp(signUpWith({ name })).expect(201);
      expect(res.body.name).toBe(name);
      const rows = await t.db.query('SELECT name FROM users WHERE id = $1', [res.body.id]);
      expect(rows).toEqual([{ name }]);
    });
  });

  describe('sign-in', () => {
    let user: TestUser;
    beforeAll(async () => {
      user = await createUser(t);
    });

    it.each<[string, () => Body, number]>([
      ['no username', () => ({ password: user.password }), 400],
      ['no password', () => ({ username: user.username }), 400],
      ['an extra field', () => ({ username: user.username, password: user.password, remember: true }), 400],
      ['a numeric password', () => ({ username: user.username, password: 12345678 }), 400],
      ['an operator object as password', () => ({ username: user.username, password: { $ne: '' } }), 400],
      ['an operator object as username', () => ({ username: { $gt: '' }, password: user.password }), 400],
      ['an empty password', () => ({ username: user.username, password: '' }), 400],
      ['a 10 KB username', () => ({ username: TEN_KB, password: user.password }), 400],
      ['a 10 KB password', () => ({ username: user.username, password: TEN_KB }), 400],
      ['SQL as username', () => ({ username: "' OR '1'='1' --", password: 'x' }), 401],
      ['SQL as password', () => ({ username: user.username, password: "' OR '1'='1' --" }), 401],
      ['a non-ASCII username', () => ({ username: 'сити', password: user.password }), 401],
      ['a NUL in the username', () => ({ username: `${user.username.slice(0, 5)}\u0000`, password: 'x' }), 401],
    ])('refuses %s with its 4xx and no token', async (_, body, status) => {
      const res = await expectRefused(() => t.http().post('/api/auth/signin').send(body()), status);
      expect(res.body.accessToken).toBeUndefined();
    });

    it('refuses an array body', async () => {
      const body = [{ username: user.username, password: user.password }];
      const res = await expectRefused(() => t.http().post('/api/auth/signin').send(body), 400);
      expect(res.body.accessToken).toBeUndefined();
    });
  });

  describe('routes', () => {
    it.each([
      ['GET', '/api/nope'],
      ['GET', '/nope'],
      ['POST', '/api/auth/nope'],
      ['GET', '/api/auth/signup'],
      ['DELETE', '/api/me'],
      ['PUT', '/api/admin/users'],
    ])('answers %s %s with a JSON 404', async (method, path) => {
      await expectRefused(() => t.http()[method.toLowerCase() as 'get'](path).set(admin.auth), 404);
    });

    it('answers a path with broken percent-encoding with a JSON 400', async () => {
      await expectRefused(
        () => t.http().patch('/api/admin/users/%E0%A4%A').set(admin.auth).send({ role: 'agent' }),
        400,
      );
    });
  });
});
