import { FakeTelegramApi } from '../fakes/telegram/fake-telegram-api';
import { createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { balanceOf, fund } from './wallet-helpers';

const TOKEN = '654321:WALLET-bot';

describe('wallet in Telegram', () => {
  let tg: FakeTelegramApi;
  let t: TestApp;
  let admin: TestUser;
  let siti: TestUser;
  let budi: TestUser;
  const sitiChat = { id: 2001, first_name: 'Siti' };
  const budiChat = { id: 2002, first_name: 'Budi' };

  const link = async (user: TestUser, chat: { id: number; first_name: string }) => {
    const invite = await t.http().post('/api/telegram/link').set(user.auth).expect(201);
    const before = tg.messagesTo(chat.id).length;
    tg.sendText(chat, `/start ${invite.body.code}`);
    await tg.waitForMessages(chat.id, before + 1);
  };
  const say = async (chat: { id: number; first_name: string }, text: string) => {
    const before = tg.messagesTo(chat.id).length;
    tg.sendText(chat, text);
    const messages = await tg.waitForMessages(chat.id, before + 1);
    return messages[before];
  };

  beforeAll(async () => {
    tg = await FakeTelegramApi.start({ token: TOKEN, botUsername: 'loket_wallet_bot' });
    t = await createTestApp({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      TELEGRAM_CHAT_RATE: '50',
      TELEGRAM_POLL_TIMEOUT: '1',
      OTP_DELIVERY: 'response',
    });
    admin = await createUser(t, { role: 'admin' });
    siti = await createUser(t);
    budi = await createUser(t);
    await fund(t, admin, siti, 100000);
    await link(siti, sitiChat);
    await link(budi, budiChat);
  });
  afterAll(async () => {
    await t.close();
    await tg.stop();
  });

  it('shows the balance with /saldo and Cek Saldo', async () => {
    expect((await say(sitiChat, '/saldo')).text).toBe('Saldo Anda: Rp 100.000');
    expect((await say(sitiChat, 'Cek Saldo')).text).toBe('Saldo Anda: Rp 100.000');
  });

  it('transfers after the button is pressed, and tells the recipient', async () => {
    const question = await say(sitiChat, `/transfer ${budi.username} 25.000`);
    expect(question.text).toBe(`Kirim Rp 25.000 ke ${budi.username}?`);
    expect(await balanceOf(t, siti)).toBe('100000');
    const budiBefore = tg.messagesTo(budiChat.id).length;
    tg.pressButton(sitiChat, `tf:ok:${/tf:ok:(\w+)/.exec(JSON.stringify(question.reply_markup))![1]}`);
    const done = await tg.waitForMessages(sitiChat.id, tg.messagesTo(sitiChat.id).length + 1);
    expect(done[done.length - 1].text).toBe(`Terkirim Rp 25.000 ke ${budi.username}. Saldo Anda: Rp 75.000.`);
    const received = await tg.waitForMessages(budiChat.id, budiBefore + 1);
    expect(received[budiBefore].text).toBe(`Anda menerima Rp 25.000 dari ${siti.username}.`);
    expect(await balanceOf(t, budi)).toBe('25000');
  });

  it('refuses a transfer without funds, moving nothing', async () => {
    const question = await say(budiChat, `/transfer ${siti.username} 999999`);
    const nonce = /tf:ok:(\w+)/.exec(JSON.stringify(question.reply_markup))![1];
    tg.pressButton(budiChat, `tf:ok:${nonce}`);
    const replies = await tg.waitForMessages(budiChat.id, tg.messagesTo(budiChat.id).length + 1);
    expect(replies[replies.length - 1].text).toBe('Saldo Anda tidak cukup.');
    expect(await balanceOf(t, budi)).toBe('25000');
    const verify = await t.http().get('/api/admin/ledger/verify').set(admin.auth).expect(200);
    expect(verify.body.ok).toBe(true);
  });

  it('lists unpaid bills with a pay button that pays them', async () => {
    // Budi is linked, so his bill.create code arrives in his chat.
    const budiBeforeOtp = tg.messagesTo(budiChat.id).length;
    const challenge = await t
      .http()
      .post('/api/otp')
      .set(budi.auth)
      .send({ action: 'bill.create', to: siti.username, amount: 5000 })
      .expect(201);
    const otpMessage = (await tg.waitForMessages(budiChat.id, budiBeforeOtp + 1))[budiBeforeOtp];
    const otp = { challengeId: challenge.body.challengeId, code: /(\d{6})/.exec(otpMessage.text)![1] };
    const sitiBefore = tg.messagesTo(sitiChat.id).length;
    const created = await t
      .http()
      .post('/api/bills')
      .set(budi.auth)
      .send({ to: siti.username, name: 'Iuran arisan', amount: 5000, otp })
      .expect(201);
    const bill = created.body as { code: string };
    const notice = await tg.waitForMessages(sitiChat.id, sitiBefore + 1);
    expect(notice[sitiBefore].text).toContain(`kode ${bill.code}`);
    const listed = await say(sitiChat, '/tagihan');
    expect(listed.text).toContain(bill.code);
    const budiBefore = tg.messagesTo(budiChat.id).length;
    tg.pressButton(sitiChat, `bill:pay:${bill.code}`);
    const paid = await tg.waitForMessages(sitiChat.id, tg.messagesTo(sitiChat.id).length + 1);
    expect(paid[paid.length - 1].text).toContain(`Tagihan ${bill.code}`);
    expect(paid[paid.length - 1].text).toContain('Saldo Anda: Rp 70.000');
    const told = await tg.waitForMessages(budiChat.id, budiBefore + 1);
    expect(told[budiBefore].text).toContain('sudah dibayar');
    const res = await t.http().get(`/api/bills/${bill.code}`).set(siti.auth).expect(200);
    expect(res.body.status).toBe('paid');
  });

  it('sends one-time passwords to the linked chat instead of the response', async () => {
    const before = tg.messagesTo(sitiChat.id).length;
    const res = await t
      .http()
      .post('/api/otp')
      .set(siti.auth)
      .send({ action: 'transfer', to: budi.username, amount: 1000 })
      .expect(201);
    expect(res.body.channel).toBe('telegram');
    expect(res.body.code).toBeUndefined();
    const messages = await tg.waitForMessages(sitiChat.id, before + 1);
    expect(messages[before].text).toMatch(/Kode OTP Loket: \d{6}/);
  });

  it('tells guests that wallet commands need a linked account', async () => {
    expect((await say({ id: 2999, first_name: 'Tamu' }, '/saldo')).text).toContain('tidak tersedia');
  });
});
