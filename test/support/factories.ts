import { randomBytes } from 'node:crypto';
import { UserRole } from '../../src/users/entities/user.entity';
import { UsersService } from '../../src/users/users.service';
import { TestApp } from './test-app';

export interface TestUser {
  id: string;
  username: string;
  password: string;
  token: string;
  /** `{ Authorization: 'Bearer …' }` for supertest's `.set()`. */
  auth: { Authorization: string };
}

export const uniqueUsername = (prefix = 'user') => `${prefix}_${randomBytes(5).toString('hex')}`;

/** Signs a user up through the API (or makes them with a role), signs them in, and returns their token. */
export async function createUser(t: TestApp, options: { role?: UserRole; username?: string } = {}): Promise<TestUser> {
  const username = options.username ?? uniqueUsername(options.role ?? 'user');
  const password = 'kata-sandi-rahasia';
  if (options.role && options.role !== 'customer') {
    await t.app.get(UsersService).create({ username, password, name: username, role: options.role });
  } else {
    await t
      .http()
      .post('/api/auth/signup')
      .send({ username, password, name: `Test ${username}` })
      .expect(201);
  }
  const signin = await t.http().post('/api/auth/signin').send({ username, password }).expect(200);
  const token = signin.body.accessToken as string;
  return { id: signin.body.user.id, username, password, token, auth: { Authorization: `Bearer ${token}` } };
}
