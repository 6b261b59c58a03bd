import { FakeTelegramApi } from '../fakes/telegram/fake-telegram-api';
import { createUser, TestUser } from '../support/factories';
import { balanceOf, fund } from '../wallet/wallet-helpers';
import { BotApp, BotDatabase, createBotDatabase, eventually, startBotApp, startFakeTelegram } from './telegram-harness';

// Conversation state lives in PostgreSQL: a wizard started before a restart is finished after it.
const WAIT = { timeoutMs: 10_000 };
const sitiChat = { id: 8001, first_name: 'Siti' };
const budiChat = { id: 8002, first_name: 'Budi' };

let tg: FakeTelegramApi;
let db: BotDatabase;
let app: BotApp | undefined;

beforeAll(async () => {
  tg = await startFakeTelegram();
  db = await createBotDatabase();
});

afterAll(async () => {
  await app?.close();
  await tg.stop();
  await db.drop();
});

async function say(chat: { id: number; first_name: string }, text: string) {
  const before = tg.messagesTo(chat.id).length;
  tg.sendText(chat, text);
  return (await tg.waitForMessages(chat.id, before + 1, WAIT))[before];
}

async function link(user: TestUser, chat: { id: number; first_name: string }): Promise<void> {
  const invite = await app!.http().post('/api/telegram/link').set(user.auth).expect(201);
  expect((await say(chat, `/start ${invite.body.code}`)).text).toContain('sudah terhubung');
}

it('continues a /transfer confirmation after Loket restarts (webhook, then polling) on the same database', async () => {
  app = await startBotApp(tg, db, { mode: 'webhook' });
  const admin = await createUser(app, { role: 'admin' });
  const siti = await createUser(app);
  const budi = await createUser(app);
  await fund(app, admin, siti, 100_000);
  await link(siti, sitiChat);
  await link(budi, budiChat);

  const question = await say(sitiChat, `/transfer ${budi.username} 25000`);
  expect(question.text).toBe(`Kirim Rp 25.000 ke ${budi.username}?`);
  const [confirm, cancel] = question.reply_markup!.inline_keyboard[0];
  expect([confirm.text, cancel.text]).toEqual(['Ya, kirim', 'Batal']);
  const confirmData = 'callback_data' in confirm ? confirm.callback_data : '';
  expect(confirmData).toMatch(/^tf:ok:/);

  await app.close();
  app = await startBotApp(tg, db, { mode: 'polling' });
  expect(await balanceOf(app, siti)).toBe('100000');

  const sitiBefore = tg.messagesTo(sitiChat.id).length;
  const budiBefore = tg.messagesTo(budiChat.id).length;
  const press = tg.pressButton(sitiChat, confirmData, question.message_id);
  const done = await tg.waitForMessages(sitiChat.id, sitiBefore + 1, WAIT);
  expect(done[sitiBefore].text).toBe(`Terkirim Rp 25.000 ke ${budi.username}. Saldo Anda: Rp 75.000.`);
  const answer = await tg.waitForCall('answerCallbackQuery', WAIT);
  expect(answer.params).toEqual({ callback_query_id: press.callback_query.id, text: 'Terkirim' });
  const told = await tg.waitForMessages(budiChat.id, budiBefore + 1, WAIT);
  expect(told[budiBefore].text).toBe(`Anda menerima Rp 25.000 dari ${siti.username}.`);
  expect([await balanceOf(app, siti), await balanceOf(app, budi)]).toEqual(['75000', '25000']);

  // The wizard is over: pressing the same button again moves nothing.
  const again = tg.pressButton(sitiChat, confirmData, question.message_id);
  const refused = await eventually(
    () => tg.callsTo('answerCallbackQuery').find((c) => c.params.callback_query_id === again.callback_query.id),
    'the second press to be answered',
  );
  expect(refused.params.text).toBe('Konfirmasi ini sudah tidak berlaku.');
  expect([await balanceOf(app, siti), await balanceOf(app, budi)]).toEqual(['75000', '25000']);
});
