import { INestApplication } from '@nestjs/common';
import { createLoketApp } from '../src/app.factory';
import { ResolvedConfig } from '../src/config/loket.config';
import { expectApiError } from './support/api-assertions';
import { uniqueUsername } from './support/factories';
import { createTestApp, initApp, TestApp } from './support/test-app';

const ADMIN = 'loket_boss';
const PASSWORD = 'bos-besar-sekali';

describe('the first admin from LOKET_ADMIN_USERNAME and LOKET_ADMIN_PASSWORD', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOKET_ADMIN_USERNAME: ADMIN, LOKET_ADMIN_PASSWORD: PASSWORD });
  });
  afterAll(() => t.close());

  const signIn = (username: string, password: string) => t.http().post('/api/auth/signin').send({ username, password });
  const usersNamed = (username: string) =>
    t.db.query<{ role: string }[]>('SELECT role FROM users WHERE username = $1', [username]);

  /** Another start of the service on the same database, as after a restart or beside a second instance. */
  async function startAgain(bootstrapAdmin: ResolvedConfig['bootstrapAdmin']): Promise<INestApplication> {
    const app = await createLoketApp({ ...t.config, bootstrapAdmin });
    await initApp(app);
    return app;
  }

  it('is created on start and can sign in and list users', async () => {
    expect(await usersNamed(ADMIN)).toEqual([{ role: 'admin' }]);

    const signin = await signIn(ADMIN, PASSWORD).expect(200);
    expect(signin.body.user).toMatchObject({ username: ADMIN, role: 'admin' });

    const list = await t
      .http()
      .get('/api/admin/users')
      .set('Authorization', `Bearer ${signin.body.accessToken}`)
      .expect(200);
    expect(list.body.items.map((u: { username: string }) => u.username)).toContain(ADMIN);
  });

  it('is applied once: later starts with another password leave that admin as it is', async () => {
    for (let i = 0; i < 2; i++) await (await startAgain({ username: ADMIN, password: 'kata-sandi-baru' })).close();

    expect(await usersNamed(ADMIN)).toEqual([{ role: 'admin' }]);
    await signIn(ADMIN, PASSWORD).expect(200);
    expectApiError(await signIn(ADMIN, 'kata-sandi-baru'), 401);
  });

  it('does not hand admin rights to an existing account with that username', async () => {
    const squatter = uniqueUsername('squat');
    await t
      .http()
      .post('/api/auth/signup')
      .send({ username: squatter, password: 'punya-saya-sendiri', name: 'Penghuni' })
      .expect(201);

    await (await startAgain({ username: squatter, password: 'sandi-dari-env-123' })).close();

    expect(await usersNamed(squatter)).toEqual([{ role: 'customer' }]);
    expectApiError(await signIn(squatter, 'sandi-dari-env-123'), 401);
  });

  it('lets two instances start together with the same setting and makes one admin', async () => {
    const username = uniqueUsername('twin');
    const admin = { username, password: 'kembar-siam-sekali' };

    const apps = await Promise.all([startAgain(admin), startAgain(admin)]);
    await Promise.all(apps.map((app) => app.close()));

    expect(await usersNamed(username)).toEqual([{ role: 'admin' }]);
  });
});
