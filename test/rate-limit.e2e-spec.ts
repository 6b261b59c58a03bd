import { countUsers, expectApiError } from './support/api-assertions';
import { uniqueUsername } from './support/factories';
import { createTestApp, initApp, TestApp } from './support/test-app';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createLoketApp } from '../src/app.factory';
import { UsersService } from '../src/users/users.service';

const PASSWORD = 'rahasia-sekali';

describe('rate limits on sign-in and sign-up', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SIGNIN_RATE_LIMIT: '3', SIGNUP_RATE_LIMIT: '2' });
  });
  afterAll(() => t.close());

  // Made directly, so that the sign-up limit is left whole for its own test.
  const makeUser = async () => {
    const username = uniqueUsername('rl');
    await t.app.get(UsersService).create({ username, password: PASSWORD, name: username });
    return username;
  };
  const signIn = (username: string, password: string, headers: Record<string, string> = {}) =>
    t.http().post('/api/auth/signin').set(headers).send({ username, password });

  it('refuses the 4th sign-in for one username from one address with a JSON 429, even with the right password', async () => {
    const username = await makeUser();
    for (let i = 0; i < 3; i++) expectApiError(await signIn(username, 'bukan-sandinya'), 401);

    const res = await signIn(username, PASSWORD);

    expectApiError(res, 429);
    expect(res.body.accessToken).toBeUndefined();
  });

  it('counts the username in any case and spacing, and ignores a forged X-Forwarded-For', async () => {
    const username = await makeUser();
    await signIn(username, PASSWORD).expect(200);
    await signIn(username.toUpperCase(), PASSWORD).expect(200);
    await signIn(` ${username} `, PASSWORD).expect(200);

    expectApiError(await signIn(username.toUpperCase(), PASSWORD, { 'X-Forwarded-For': '203.0.113.7' }), 429);
  });

  it('still lets another username sign in from the same address', async () => {
    const blocked = await makeUser();
    for (let i = 0; i < 3; i++) await signIn(blocked, PASSWORD).expect(200);
    expectApiError(await signIn(blocked, PASSWORD), 429);

    const other = await makeUser();
    const res = await signIn(other, PASSWORD).expect(200);
    expect(res.body.accessToken).toEqual(expect.any(String));
  });

  it('allows 2 sign-ups from one address, then answers 429 and writes nothing; sign-in is unaffected', async () => {
    const signUp = () =>
      t
        .http()
        .post('/api/auth/signup')
        .send({ username: uniqueUsername('su'), password: PASSWORD, name: 'Baru' });
    await signUp().expect(201);
    await signUp().expect(201);
    const before = await countUsers(t);

    expectApiError(await signUp(), 429);

    expect(await countUsers(t)).toBe(before);
    await signIn(await makeUser(), PASSWORD).expect(200);
  });
});

describe('rate limit window (RATE_LIMIT_WINDOW_SECONDS)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SIGNIN_RATE_LIMIT: '1', RATE_LIMIT_WINDOW_SECONDS: '1' });
  });
  afterAll(() => t.close());

  it('lets the same username try again once the window has passed', async () => {
    const username = uniqueUsername('win');
    await t.app.get(UsersService).create({ username, password: PASSWORD, name: username });
    const signIn = () => t.http().post('/api/auth/signin').send({ username, password: PASSWORD });

    await signIn().expect(200);
    expectApiError(await signIn(), 429);
    await new Promise((done) => setTimeout(done, 1500));
    await signIn().expect(200);
  });
});

describe('rate limits across instances', () => {
  let t: TestApp;
  let second: INestApplication;
  beforeAll(async () => {
    t = await createTestApp({ SIGNIN_RATE_LIMIT: '3' });
    // Another instance (or LOKET_WORKERS process) on the same database.
    second = await createLoketApp(t.config);
    await initApp(second);
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  it('counts the tries made on every instance together', async () => {
    const username = uniqueUsername('rl');
    await t.app.get(UsersService).create({ username, password: PASSWORD, name: username });
    const instances = [t.http(), request(second.getHttpServer()), t.http()];
    for (const http of instances) {
      expectApiError(await http.post('/api/auth/signin').send({ username, password: 'bukan-sandinya' }), 401);
    }
    const res = await request(second.getHttpServer()).post('/api/auth/signin').send({ username, password: PASSWORD });
    expectApiError(res, 429);
    expect(Number(res.headers['retry-after-signin'] ?? res.headers['retry-after'])).toBeGreaterThan(0);
  });
});
