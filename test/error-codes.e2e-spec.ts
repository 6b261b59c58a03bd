import { createUser } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

// Every error body carries a stable `code`, not only the business rules' ones.
describe('error codes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('names validation, authentication, permission, routing and parsing failures', async () => {
    const user = await createUser(t);
    const cases: [Promise<{ status: number; body: { code?: string } }>, number, string][] = [
      [t.http().post('/api/auth/signup').send({ username: 'ab' }), 400, 'VALIDATION_FAILED'],
      [t.http().get('/api/me'), 401, 'UNAUTHORIZED'],
      [t.http().get('/api/admin/users').set(user.auth), 403, 'FORBIDDEN'],
      [t.http().get('/api/no-such-route').set(user.auth), 404, 'NOT_FOUND'],
      [t.http().post('/api/auth/signin').set('content-type', 'application/json').send('{bad'), 400, 'BAD_REQUEST'],
      [
        t.http().post('/api/auth/signin').send({ username: 'nobody_here', password: 'whatever1' }),
        401,
        'INVALID_CREDENTIALS',
      ],
    ];
    for (const [request, status, code] of cases) {
      const res = await request;
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    }
  });
});
