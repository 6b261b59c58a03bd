import { FakeTelegramApi } from '../fakes/telegram/fake-telegram-api';
import { createUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const TOKEN = '123456:TEST-token';

describe('telegram smoke (polling)', () => {
  let tg: FakeTelegramApi;
  let t: TestApp;
  beforeAll(async () => {
    tg = await FakeTelegramApi.start({ token: TOKEN, botUsername: 'loket_test_bot' });
    t = await createTestApp({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      TELEGRAM_CHAT_RATE: '50',
      TELEGRAM_POLL_TIMEOUT: '1',
    });
  });
  afterAll(async () => {
    await t.close();
    await tg.stop();
  });

  it('answers /help and links an account', async () => {
    const ani = { id: 1001, first_name: 'Ani' };
    tg.sendText(ani, '/help');
    const [help] = await tg.waitForMessages(ani.id, 1, { timeoutMs: 10000 });
    expect(help.text).toContain('/start');
    const user = await createUser(t);
    const invite = await t.http().post('/api/telegram/link').set(user.auth).expect(201);
    expect(invite.body.deepLink).toBe(`https://t.me/loket_test_bot?start=${invite.body.code}`);
    tg.sendText(ani, `/start ${invite.body.code}`);
    const replies = await tg.waitForMessages(ani.id, 2, { timeoutMs: 10000 });
    expect(replies[1].text).toContain(user.username);
    const me = await t.http().get('/api/me').set(user.auth).expect(200);
    expect(me.body.telegramLinked).toBe(true);
    tg.sendSticker(ani);
    const third = await tg.waitForMessages(ani.id, 3, { timeoutMs: 10000 });
    expect(third[2].text).toContain('pesan teks');
  });
});
