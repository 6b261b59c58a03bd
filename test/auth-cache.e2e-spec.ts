import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { createLoketApp } from '../src/app.factory';
import { USER_CHANGES_CHANNEL } from '../src/users/signed-in-users';
import { createUser, TestUser } from './support/factories';
import { createTestApp, initApp, TestApp } from './support/test-app';

/**
 * Each process keeps the users behind access tokens in memory (SignedInUsers); these show that a
 * change made through one instance, or straight in the database, holds on the next request in
 * another instance on the same database, whose cache had the user as they were.
 */
describe('signed-in users kept in memory, across instances', () => {
  let a: TestApp;
  let b: INestApplication;
  let admin: TestUser;
  const onA = () => a.http();
  const onB = () => request(b.getHttpServer());

  beforeAll(async () => {
    a = await createTestApp();
    b = await createLoketApp(a.config);
    await initApp(b);
    admin = await createUser(a, { role: 'admin' });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  /** Every request below runs on both instances first, so both hold the user in memory. */
  async function warm(user: TestUser, role: string): Promise<void> {
    for (const http of [onA, onB]) {
      const me = await http().get('/api/me').set(user.auth).expect(200);
      expect(me.body.role).toBe(role);
    }
  }

  /** Runs `change` in the database and returns once PostgreSQL has announced it to every listener. */
  async function changeInDatabase(sql: string, params: unknown[]): Promise<void> {
    const listener = new Client({ connectionString: a.databaseUrl });
    await listener.connect();
    try {
      await listener.query(`LISTEN ${USER_CHANGES_CHANNEL}`);
      const heard = new Promise((resolve) => listener.once('notification', resolve));
      await a.db.query(sql, params);
      await heard;
    } finally {
      await listener.end();
    }
  }

  it('a role given through one instance holds on the next request to the other, and so does taking it back', async () => {
    const user = await createUser(a);
    await warm(user, 'customer');
    await onB().get('/api/admin/users').set(user.auth).expect(403);

    await onA().patch(`/api/admin/users/${user.username}`).set(admin.auth).send({ role: 'admin' }).expect(200);
    await onB().get('/api/admin/users').set(user.auth).expect(200);
    expect((await onB().get('/api/me').set(user.auth).expect(200)).body.role).toBe('admin');

    await onB().patch(`/api/admin/users/${user.username}`).set(admin.auth).send({ role: 'customer' }).expect(200);
    await onA().get('/api/admin/users').set(user.auth).expect(403);
    await onB().get('/api/admin/users').set(user.auth).expect(403);
  });

  it('a role changed in the database holds in both instances once PostgreSQL has announced it', async () => {
    const user = await createUser(a);
    await warm(user, 'customer');

    await changeInDatabase(`UPDATE users SET role = 'agent' WHERE id = $1`, [user.id]);

    for (const http of [onA, onB])
      expect((await http().get('/api/me').set(user.auth).expect(200)).body.role).toBe('agent');
  });

  it('a removed account is refused by both instances on the next request, with its token still unexpired', async () => {
    const user = await createUser(a);
    await warm(user, 'customer');

    await changeInDatabase(
      `WITH gone AS (DELETE FROM ledger_accounts WHERE owner_id = $1) DELETE FROM users WHERE id = $1`,
      [user.id],
    );

    for (const http of [onA, onB]) await http().get('/api/me').set(user.auth).expect(401);
  });

  it('a Telegram link and unlink show in the other instance at once (links are never kept in memory)', async () => {
    const user = await createUser(a);
    await warm(user, 'customer');
    const chatId = 700_000_000 + Math.floor(Math.random() * 1_000_000);

    await a.db.query('INSERT INTO telegram_links (user_id, chat_id, telegram_user_id) VALUES ($1, $2, $2)', [
      user.id,
      chatId,
    ]);
    expect((await onB().get('/api/me').set(user.auth).expect(200)).body.telegramLinked).toBe(true);

    await a.db.query('DELETE FROM telegram_links WHERE chat_id = $1', [chatId]);
    expect((await onB().get('/api/me').set(user.auth).expect(200)).body.telegramLinked).toBe(false);
  });
});
