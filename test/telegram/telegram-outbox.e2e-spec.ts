import { OutboxDispatcherService } from '../../src/telegram/outbox-dispatcher.service';
import { OutboxService } from '../../src/telegram/outbox.service';
import { FakeTelegramApi, RecordedCall } from '../fakes/telegram/fake-telegram-api';
import {
  BotApp,
  BotDatabase,
  createBotDatabase,
  echoCommand,
  eventually,
  OutboxRow,
  outboxRows,
  startBotApp,
  startFakeTelegram,
  texts,
} from './telegram-harness';

// The outbox dispatcher against Telegram's failure answers, and its pacing.
const WAIT = { timeoutMs: 10_000 };
const user = (id: number) => ({ id, first_name: `User ${id}` });

let tg: FakeTelegramApi;
let db: BotDatabase;
let app: BotApp;

async function startWith(env: Record<string, string>): Promise<void> {
  tg = await startFakeTelegram();
  db = await createBotDatabase();
  app = await startBotApp(tg, db, { env, commands: [echoCommand()] });
}

async function stopAll(): Promise<void> {
  await app.close();
  await tg.stop();
  await db.drop();
}

const sendsTo = (chatId: number): RecordedCall[] =>
  tg.callsTo('sendMessage').filter((c) => Number(c.params.chat_id) === chatId);

/** The outbox rows written for an update, once the first one has reached `status`. */
function outboxOnceIn(updateId: number, status: string): Promise<OutboxRow[]> {
  return eventually(async () => {
    const rows = (await outboxRows(app.db)).filter((r) => r.inbox_update_id === updateId);
    return rows[0]?.status === status ? rows : undefined;
  }, `the outbox row of update ${updateId} to be ${status}`);
}

describe('failures', () => {
  beforeAll(() => startWith({ TELEGRAM_SEND_TIMEOUT_MS: '500' }));
  afterAll(stopAll);

  it('waits retry_after on a 429, then delivers the message exactly once', async () => {
    const chat = user(3001);
    tg.failNext('sendMessage', { status: 429, retryAfter: 1 });
    const update = tg.sendText(chat, '/echo sabar');
    await tg.waitForMessages(chat.id, 1, WAIT);

    const [refused, sent] = sendsTo(chat.id);
    expect([refused.status, sent.status]).toEqual([429, 200]);
    expect(sent.at - refused.at).toBeGreaterThanOrEqual(950);
    expect(sent.at - refused.at).toBeLessThan(3_000);
    expect(texts(tg.messagesTo(chat.id))).toEqual(['echo sabar']);
    expect(await outboxOnceIn(update.update_id, 'sent')).toHaveLength(1);
  });

  it('retries after a 500 with a backoff and delivers once', async () => {
    const chat = user(3002);
    tg.failNext('sendMessage', { status: 500 });
    const update = tg.sendText(chat, '/echo lagi');
    await tg.waitForMessages(chat.id, 1, WAIT);

    const [failed, sent] = sendsTo(chat.id);
    expect([failed.status, sent.status]).toEqual([500, 200]);
    expect(sent.at - failed.at).toBeGreaterThanOrEqual(950);
    expect(texts(tg.messagesTo(chat.id))).toEqual(['echo lagi']);
    expect(await outboxOnceIn(update.update_id, 'sent')).toEqual([expect.objectContaining({ attempts: 2 })]);
  });

  it('marks a message to a chat that blocked the bot (403) and does not retry it', async () => {
    const chat = user(3003);
    tg.failNext('sendMessage', { status: 403 });
    const update = tg.sendText(chat, '/echo diblokir');
    const [row] = await outboxOnceIn(update.update_id, 'blocked');
    expect(row.last_error).toContain('blocked');

    // The chat's later messages still go out (the user may unblock); the blocked one is not re-sent first.
    tg.sendText(chat, '/echo kembali');
    await tg.waitForMessages(chat.id, 1, WAIT);
    expect(sendsTo(chat.id).map((c) => [c.status, c.params.text])).toEqual([
      [403, 'echo diblokir'],
      [200, 'echo kembali'],
    ]);
    expect(await outboxOnceIn(update.update_id, 'blocked')).toEqual([expect.objectContaining({ attempts: 1 })]);
  });

  it('marks a send that timed out as unknown and does not send it twice', async () => {
    const chat = user(3004);
    // Telegram takes the message at once but answers after the 500 ms timeout.
    tg.failNext('sendMessage', { delayMs: 1_500 });
    const update = tg.sendText(chat, '/echo lambat');
    const [row] = await outboxOnceIn(update.update_id, 'unknown');
    expect(row.attempts).toBe(1);

    tg.sendText(chat, '/echo berikutnya');
    await tg.waitForMessages(chat.id, 2, WAIT);
    expect(texts(tg.messagesTo(chat.id))).toEqual(['echo lambat', 'echo berikutnya']);
    expect(sendsTo(chat.id).map((c) => c.params.text)).toEqual(['echo lambat', 'echo berikutnya']);
  });
});

describe('pacing', () => {
  beforeAll(() => startWith({ TELEGRAM_CHAT_RATE: '1', TELEGRAM_GLOBAL_RATE: '3' }));
  afterAll(stopAll);

  it('sends at most TELEGRAM_CHAT_RATE a second to one chat and TELEGRAM_GLOBAL_RATE overall', async () => {
    const busy = user(3101);
    const others = [user(3102), user(3103), user(3104)];
    for (const n of [1, 2, 3]) tg.sendText(busy, `/echo ${n}`);
    for (const other of others) tg.sendText(other, '/echo hai');

    const replies = await tg.waitForMessages(busy.id, 3, WAIT);
    expect(texts(replies)).toEqual(['echo 1', 'echo 2', 'echo 3']);
    const busyTimes = sendsTo(busy.id).map((c) => c.at);
    expect(busyTimes[1] - busyTimes[0]).toBeGreaterThanOrEqual(950);
    expect(busyTimes[2] - busyTimes[1]).toBeGreaterThanOrEqual(950);

    // Other chats are not held behind the busy one: all answered before its last reply.
    for (const other of others) expect(sendsTo(other.id)[0].at).toBeLessThan(busyTimes[2]);
    // No second holds more than three sends: the fourth-next send is a second later.
    const all = tg.callsTo('sendMessage').map((c) => c.at);
    expect(all).toHaveLength(6);
    for (let i = 3; i < all.length; i++) expect(all[i] - all[i - 3]).toBeGreaterThanOrEqual(950);
  });
});

describe('pacing across instances', () => {
  let second: BotApp;
  beforeAll(async () => {
    await startWith({ TELEGRAM_CHAT_RATE: '1', TELEGRAM_GLOBAL_RATE: '3' });
    second = await startBotApp(tg, db, { env: { TELEGRAM_CHAT_RATE: '1', TELEGRAM_GLOBAL_RATE: '3' } });
  });
  afterAll(async () => {
    await second.close();
    await stopAll();
  });

  it('keeps TELEGRAM_GLOBAL_RATE overall when two instances dispatch at the same moment', async () => {
    // Twelve chats with one message each, queued at once; both dispatchers are woken together, many times.
    const chats = Array.from({ length: 12 }, (_, i) => 3201 + i);
    await app.db.transaction(async (manager) => {
      for (const chatId of chats)
        await app.app.get(OutboxService).sendMessage(manager, chatId, { text: `hai ${chatId}` });
    });
    const dispatchers = [app, second].map((a) => a.app.get(OutboxDispatcherService));
    const deadline = Date.now() + 8_000;
    while (tg.callsTo('sendMessage').length < chats.length && Date.now() < deadline) {
      await Promise.all(dispatchers.map((d) => d.tick()));
    }

    const all = tg
      .callsTo('sendMessage')
      .map((c) => c.at)
      .sort((a, b) => a - b);
    expect(all).toHaveLength(chats.length);
    // No second holds more than three sends, whichever instance made them.
    for (let i = 3; i < all.length; i++) expect(all[i] - all[i - 3]).toBeGreaterThanOrEqual(950);
  }, 20_000);
});
