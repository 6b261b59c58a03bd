import { FakeTelegramApi } from '../fakes/telegram/fake-telegram-api';
import { expectApiError } from '../support/api-assertions';
import { createUser, TestUser } from '../support/factories';
import { createTestApp } from '../support/test-app';
import {
  BOT_USERNAME,
  BotApp,
  BotDatabase,
  createBotDatabase,
  startBotApp,
  startFakeTelegram,
} from './telegram-harness';

// Linking a Telegram chat to a Loket account with a one-use code, and unlinking it.
const WAIT = { timeoutMs: 10_000 };
const CODE_INVALID = 'Kode tautan tidak berlaku, sudah dipakai atau kedaluwarsa. Minta kode baru dari aplikasi Loket.';
const NOT_ALLOWED = 'Perintah ini tidak tersedia untuk akun Anda. Ketik /help untuk daftar perintah.';

describe('with the bot on', () => {
  let tg: FakeTelegramApi;
  let db: BotDatabase;
  let app: BotApp;

  beforeAll(async () => {
    tg = await startFakeTelegram();
    db = await createBotDatabase();
    app = await startBotApp(tg, db);
    await tg.waitForCall('getMe');
  });

  afterAll(async () => {
    await app.close();
    await tg.stop();
    await db.drop();
  });

  async function invite(user: TestUser): Promise<{ code: string; deepLink: string; expiresAt: string }> {
    const res = await app.http().post('/api/telegram/link').set(user.auth).expect(201);
    return res.body as { code: string; deepLink: string; expiresAt: string };
  }

  // Sends a text and resolves with the bot's next reply to that chat.
  async function say(from: { id: number; first_name: string }, text: string): Promise<string> {
    const before = tg.messagesTo(from.id).length;
    tg.sendText(from, text);
    const replies = await tg.waitForMessages(from.id, before + 1, WAIT);
    return replies[before].text;
  }

  const linked = async (user: TestUser) =>
    (await app.http().get('/api/me').set(user.auth).expect(200)).body.telegramLinked as boolean;

  it('links a chat with the code from POST /api/telegram/link, once, and unlinks it with /unlink', async () => {
    const ani = { id: 5001, first_name: 'Ani' };
    const budi = { id: 5002, first_name: 'Budi' };
    const user = await createUser(app);
    expect(await linked(user)).toBe(false);
    expect(await say(ani, '/help')).not.toContain('/unlink');

    const link = await invite(user);
    expect(link.code).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(link.deepLink).toBe(`https://t.me/${BOT_USERNAME}?start=${link.code}`);
    const minutesLeft = (new Date(link.expiresAt).getTime() - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(14);
    expect(minutesLeft).toBeLessThanOrEqual(15);

    const welcome = await say(ani, `/start ${link.code}`);
    expect(welcome).toContain(`Akun Loket ${user.username} sudah terhubung`);
    // The help that follows is the linked user's: it offers /unlink.
    expect(welcome).toContain('/unlink');
    expect(await linked(user)).toBe(true);

    // The code is spent: another chat cannot use it, and is told so in Indonesian.
    expect(await say(budi, `/start ${link.code}`)).toBe(CODE_INVALID);
    const rows = await app.db.query<{ chat_id: string }[]>('SELECT chat_id FROM telegram_links');
    expect(rows.map((r) => Number(r.chat_id))).toEqual([ani.id]);

    expect(await say(ani, '/unlink')).toBe('Chat ini sudah tidak terhubung dengan akun Loket Anda.');
    expect(await linked(user)).toBe(false);
    expect(await say(ani, '/unlink')).toBe(NOT_ALLOWED);
  });

  it('never links a group: every member would see the account, and the code stays usable in private', async () => {
    const dewi = { id: 5011, first_name: 'Dewi' };
    const group = { id: -1005011, title: 'Keluarga' };
    const user = await createUser(app);
    const link = await invite(user);
    const before = tg.messagesTo(group.id).length;
    tg.sendGroupText(group, dewi, `/start ${link.code}`);
    const replies = await tg.waitForMessages(group.id, before + 1, WAIT);
    expect(replies[before].text).toBe(
      'Akun Loket hanya bisa dihubungkan dari chat pribadi dengan bot, bukan dari grup. Kodenya masih berlaku.',
    );
    expect(await linked(user)).toBe(false);
    expect(await say(dewi, `/start ${link.code}`)).toContain(`Akun Loket ${user.username} sudah terhubung`);
  });

  it('refuses an expired code clearly and links nothing', async () => {
    const citra = { id: 5003, first_name: 'Citra' };
    const user = await createUser(app);
    const { code } = await invite(user);
    await app.db.query(`UPDATE telegram_link_codes SET expires_at = now() - interval '1 minute' WHERE code = $1`, [
      code,
    ]);

    expect(await say(citra, `/start ${code}`)).toBe(CODE_INVALID);
    expect(await linked(user)).toBe(false);
    expect(await say(citra, '/start kode-ngawur')).toBe(CODE_INVALID);
    expect(await say(citra, `/start ${'A'.repeat(64)}`)).toBe(CODE_INVALID);
  });

  it('will not move a linked chat to another account', async () => {
    const dewi = { id: 5004, first_name: 'Dewi' };
    const first = await createUser(app);
    const second = await createUser(app);
    await say(dewi, `/start ${(await invite(first)).code}`);

    const refused = await say(dewi, `/start ${(await invite(second)).code}`);
    expect(refused).toBe('Chat ini sudah terhubung ke akun Loket lain. Ketik /unlink dulu.');
    expect([await linked(first), await linked(second)]).toEqual([true, false]);
  });

  it('asks for a signed-in user', async () => {
    const res = await app.http().post('/api/telegram/link');
    expectApiError(res, 401);
  });

  it("lets an admin hand a pulsa agent a link to the agent's own account, and no one else", async () => {
    const admin = await createUser(app, { role: 'admin' });
    const agent = await createUser(app, { role: 'agent' });
    const customer = await createUser(app);
    const agentChat = { id: 5101, first_name: 'Agen' };

    const res = await app.http().post(`/api/admin/users/${agent.username}/telegram-link`).set(admin.auth).expect(201);
    const link = res.body as { code: string; deepLink: string; expiresAt: string };
    expect(link.deepLink).toBe(`https://t.me/${BOT_USERNAME}?start=${link.code}`);
    expect(await say(agentChat, `/start ${link.code}`)).toContain(`Akun Loket ${agent.username} sudah terhubung`);
    expect(await linked(agent)).toBe(true);
    expect(await linked(admin)).toBe(false);

    // Only admins, only for someone who exists; neither refusal issues a code.
    const codesBefore = await app.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM telegram_link_codes');
    expectApiError(await app.http().post(`/api/admin/users/${agent.username}/telegram-link`).set(customer.auth), 403);
    expectApiError(await app.http().post('/api/admin/users/tidak_ada_orangnya/telegram-link').set(admin.auth), 404);
    expect(await app.db.query('SELECT count(*)::int AS n FROM telegram_link_codes')).toEqual(codesBefore);
  });
});

it('answers both link requests with 503 JSON while the bot is off', async () => {
  const t = await createTestApp();
  try {
    const user = await createUser(t);
    const res = await t.http().post('/api/telegram/link').set(user.auth);
    expectApiError(res, 503);
    expect(res.body.code).toBe('TELEGRAM_DISABLED');
    const me = await t.http().get('/api/me').set(user.auth).expect(200);
    expect(me.body.telegramLinked).toBe(false);
    const admin = await createUser(t, { role: 'admin' });
    const forAgent = await t.http().post(`/api/admin/users/${user.username}/telegram-link`).set(admin.auth);
    expectApiError(forAgent, 503);
    expect(forAgent.body.code).toBe('TELEGRAM_DISABLED');
  } finally {
    await t.close();
  }
});
