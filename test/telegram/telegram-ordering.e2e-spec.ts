import { FakeTelegramApi } from '../fakes/telegram/fake-telegram-api';
import {
  BotApp,
  BotDatabase,
  createBotDatabase,
  echoCommand,
  inboxRows,
  startBotApp,
  startFakeTelegram,
  textUpdate,
  texts,
  WEBHOOK_SECRET,
} from './telegram-harness';

// 50 updates from 5 chats at once: each chat's replies keep update order, the chats run side by side.
const CHATS = [4001, 4002, 4003, 4004, 4005].map((id) => ({ id, first_name: `Chat ${id}` }));
const PER_CHAT = 10;
// Each update takes 100 ms in its handler: one at a time, the 50 would need at least 5 s.
const HANDLER_SECONDS = 0.1;
const SERIAL_MS = CHATS.length * PER_CHAT * HANDLER_SECONDS * 1000;

let tg: FakeTelegramApi;
let db: BotDatabase;
let app: BotApp;

beforeEach(async () => {
  tg = await startFakeTelegram();
  db = await createBotDatabase();
});

afterEach(async () => {
  await app.close();
  await tg.stop();
  await db.drop();
});

async function expectOrderedAndParallel(): Promise<void> {
  for (const chat of CHATS) {
    const replies = await tg.waitForMessages(chat.id, PER_CHAT, { timeoutMs: 20_000 });
    expect(texts(replies)).toEqual(Array.from({ length: PER_CHAT }, (_, i) => `echo ${chat.id}-${i}`));
  }
  const inbox = await inboxRows(app.db);
  expect(inbox).toHaveLength(CHATS.length * PER_CHAT);
  expect(inbox.every((r) => r.outcome === 'ok')).toBe(true);
  for (const chat of CHATS) {
    // Handled in update_id order within the chat.
    const handled = inbox.filter((r) => r.chat_id === chat.id).map((r) => r.handled_at!.getTime());
    expect(handled).toEqual([...handled].sort((a, b) => a - b));
  }
  const [{ span }] = await app.db.query<{ span: number }[]>(
    'SELECT extract(epoch FROM max(handled_at) - min(received_at)) * 1000 AS span FROM telegram_inbox',
  );
  expect(Number(span)).toBeLessThan(SERIAL_MS * 0.7);
}

const slowEcho = [echoCommand({ delaySeconds: HANDLER_SECONDS })];

it('keeps each chat in order under 50 updates fetched at once by the poller', async () => {
  app = await startBotApp(tg, db, { commands: slowEcho });
  await tg.waitForCall('getUpdates');
  for (let i = 0; i < PER_CHAT; i++) for (const chat of CHATS) tg.sendText(chat, `/echo ${chat.id}-${i}`);
  await expectOrderedAndParallel();
});

it('keeps each chat in order under 50 updates posted to the webhook by concurrent connections', async () => {
  app = await startBotApp(tg, db, { mode: 'webhook', commands: slowEcho });
  let nextId = 1;
  const ids = new Map(CHATS.map((chat) => [chat.id, Array.from({ length: PER_CHAT }, () => 0)]));
  for (let i = 0; i < PER_CHAT; i++) for (const chat of CHATS) ids.get(chat.id)![i] = nextId++;
  // Each chat's updates come in order on its own connection; the five connections run at once.
  await Promise.all(
    CHATS.map(async (chat) => {
      for (const [i, updateId] of ids.get(chat.id)!.entries()) {
        await app
          .http()
          .post('/api/telegram/webhook')
          .set('X-Telegram-Bot-Api-Secret-Token', WEBHOOK_SECRET)
          .send(textUpdate(updateId, chat, `/echo ${chat.id}-${i}`))
          .expect(200);
      }
    }),
  );
  await expectOrderedAndParallel();
});
