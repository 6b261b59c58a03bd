import { FakeMidtrans } from '../fakes/midtrans/fake-midtrans';
import { FakeTelegramApi } from '../fakes/telegram/fake-telegram-api';
import { createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { notify, SERVER_KEY } from './payments-harness';

const TOKEN = '654321:TOPUP-bot';

describe('/topup in Telegram', () => {
  let tg: FakeTelegramApi;
  let mt: FakeMidtrans;
  let t: TestApp;
  let siti: TestUser;
  const chat = { id: 3001, first_name: 'Siti' };

  const say = async (text: string) => {
    const before = tg.messagesTo(chat.id).length;
    tg.sendText(chat, text);
    return (await tg.waitForMessages(chat.id, before + 1))[before].text;
  };

  beforeAll(async () => {
    tg = await FakeTelegramApi.start({ token: TOKEN, botUsername: 'loket_topup_bot' });
    mt = await FakeMidtrans.start({ serverKey: SERVER_KEY });
    t = await createTestApp({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      TELEGRAM_CHAT_RATE: '50',
      TELEGRAM_POLL_TIMEOUT: '1',
      MIDTRANS_SERVER_KEY: SERVER_KEY,
      MIDTRANS_SNAP_URL: mt.snapUrl,
      MIDTRANS_API_URL: mt.apiUrl,
      PAYMENT_RECONCILE_SECONDS: '3600',
    });
    siti = await createUser(t);
    const invite = await t.http().post('/api/telegram/link').set(siti.auth).expect(201);
    await say(`/start ${invite.body.code}`);
  });
  afterAll(async () => {
    await t.close();
    await tg.stop();
    await mt.close();
  });

  it('answers with the payment link, and tells the chat when the top-up is paid', async () => {
    const reply = await say('/topup 50.000');
    expect(reply).toMatch(
      /^Bayar top up Rp 50\.000 di tautan ini:\nhttp:\/\/127\.0\.0\.1:\d+\/snap\/v4\/redirection\/\S+\nBerlaku sampai .* WIB\./,
    );
    const [{ order_id: orderId }] = await t.db.query<{ order_id: string }[]>(
      'SELECT order_id FROM payments WHERE owner_id = $1',
      [siti.id],
    );
    const before = tg.messagesTo(chat.id).length;
    expect((await notify(t, mt.pay(orderId, 'gopay'))).body).toEqual({ outcome: 'applied' });
    const [paid] = (await tg.waitForMessages(chat.id, before + 1)).slice(before);
    expect(paid.text).toBe('Top up Rp 50.000 berhasil, saldo Rp 50.000.');
  });

  it('explains how to use it, and refuses too small an amount', async () => {
    expect(await say('/topup')).toBe('Cara pakai: /topup <jumlah>, misalnya /topup 50000');
    expect(await say('/topup banyak')).toBe('Cara pakai: /topup <jumlah>, misalnya /topup 50000');
    expect(await say('/topup 500')).toBe('Top up minimal Rp 10.000.');
  });
});
