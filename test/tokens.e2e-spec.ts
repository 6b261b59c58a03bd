import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { expectApiError } from './support/api-assertions';
import { createUser, TestUser } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decodePart = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString());
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('access tokens', () => {
  let t: TestApp;
  let user: TestUser;
  let jwt: JwtService;
  beforeAll(async () => {
    t = await createTestApp();
    user = await createUser(t);
    jwt = new JwtService({ secret: t.config.auth.jwtSecret });
  });
  afterAll(() => t.close());

  const me = (authorization?: string) => {
    const req = t.http().get('/api/me');
    return authorization === undefined ? req : req.set('Authorization', authorization);
  };
  const claimsOf = (u: TestUser) => ({ sub: u.id, username: u.username, role: 'customer' });

  it('accepts the token that sign-in gave', async () => {
    expect((await me(`Bearer ${user.token}`).expect(200)).body.id).toBe(user.id);
  });

  it('reads the scheme name in any case', async () => {
    expect((await me(`bearer ${user.token}`).expect(200)).body.id).toBe(user.id);
  });

  it.each([
    ['no Authorization header', undefined],
    ['an empty header', ''],
    ['another scheme', 'Basic dXNlcjprYXRhLXNhbmRp'],
    ['the token without a scheme', 'TOKEN'],
    ['Bearer and nothing else', 'Bearer '],
    ['two tokens', 'Bearer TOKEN TOKEN'],
    ['text that is not a JWT', 'Bearer not-a-jwt'],
    ['three parts of garbage', 'Bearer aaaa.bbbb.cccc'],
    ['a token cut short', 'Bearer TOKEN_CUT'],
  ])('refuses %s with 401', async (_, header) => {
    const authorization = header?.replace('TOKEN_CUT', user.token.slice(0, -5)).replaceAll('TOKEN', user.token);
    expectApiError(await me(authorization), 401);
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const other = await createUser(t);
    const [header, payload, signature] = user.token.split('.');
    const claims = decodePart(payload);

    for (const changed of [
      { ...claims, role: 'admin' },
      { ...claims, sub: other.id, username: other.username },
      { ...claims, exp: claims.exp + 365 * 86400 },
    ]) {
      expectApiError(await me(`Bearer ${header}.${base64url(changed)}.${signature}`), 401);
    }
  });

  it('refuses a token signed with another secret', async () => {
    const forged = await new JwtService({ secret: 'not-the-loket-secret-'.repeat(3) }).signAsync(claimsOf(user));
    expectApiError(await me(`Bearer ${forged}`), 401);
  });

  it('refuses an unsigned token (alg none), with or without the trailing dot', async () => {
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claimsOf(user), iat: nowSeconds() })}`;
    expectApiError(await me(`Bearer ${unsigned}.`), 401);
    expectApiError(await me(`Bearer ${unsigned}`), 401);
  });

  it('refuses a token signed with the right secret but another algorithm (HS512)', async () => {
    const hs512 = await jwt.signAsync(claimsOf(user), { algorithm: 'HS512' });
    expectApiError(await me(`Bearer ${hs512}`), 401);
  });

  it('refuses an expired token, while the same claims unexpired pass', async () => {
    const claims = { ...claimsOf(user), iat: nowSeconds() - 3600 };
    const expired = await jwt.signAsync({ ...claims, exp: nowSeconds() - 60 });
    const current = await jwt.signAsync({ ...claims, exp: nowSeconds() + 60 });

    const res = await me(`Bearer ${expired}`);
    expectApiError(res, 401);
    expect(res.body.message).toMatch(/expired/i);
    await me(`Bearer ${current}`).expect(200);
  });

  it('refuses a token that is not valid yet', async () => {
    const early = await jwt.signAsync({ ...claimsOf(user), nbf: nowSeconds() + 3600 });
    expectApiError(await me(`Bearer ${early}`), 401);
  });

  it.each([
    ['no subject', {}],
    ['a subject that is not a user id', { sub: 'not-a-uuid' }],
    ['a numeric subject', { sub: 42 }],
    ['the id of no user', { sub: randomUUID() }],
  ])('refuses a genuinely signed token with %s', async (_, claims) => {
    const token = await jwt.signAsync({ username: user.username, role: 'customer', ...claims });
    expectApiError(await me(`Bearer ${token}`), 401);
  });

  it('refuses the token of a deleted user', async () => {
    const doomed = await createUser(t);
    await me(`Bearer ${doomed.token}`).expect(200);

    await t.db.query('DELETE FROM users WHERE id = $1', [doomed.id]);

    expectApiError(await me(`Bearer ${doomed.token}`), 401);
  });
});

describe('access token lifetime (JWT_TTL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Whole seconds: a 1 s token signed late in a second can expire before its first use.
    t = await createTestApp({ JWT_TTL: '3s' });
  });
  afterAll(() => t.close());

  it('issues tokens that stop working once JWT_TTL has passed', async () => {
    const user = await createUser(t);
    const signin = await t.http().post('/api/auth/signin').send({ username: user.username, password: user.password });
    expect(signin.body.expiresIn).toBe(3);
    const { exp } = decodePart(signin.body.accessToken.split('.')[1]);
    const auth = { Authorization: `Bearer ${signin.body.accessToken}` };

    await t.http().get('/api/me').set(auth).expect(200);
    await new Promise((done) => setTimeout(done, exp * 1000 - Date.now() + 50));
    expectApiError(await t.http().get('/api/me').set(auth), 401);
  });
});
