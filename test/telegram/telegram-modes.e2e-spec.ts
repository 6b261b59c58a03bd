import { FakeTelegramApi } from '../fakes/telegram/fake-telegram-api';
import {
  BotApp,
  BotDatabase,
  createBotDatabase,
  echoCommand,
  eventually,
  inboxRows,
  outboxRows,
  settledOutbox,
  startBotApp,
  startFakeTelegram,
  textUpdate,
  texts,
  WEBHOOK_SECRET,
} from './telegram-harness';

// Both ways updates come in, through the real telegraf code: long polling and the webhook.
const ani = { id: 2001, first_name: 'Ani' };
const budi = { id: 2002, first_name: 'Budi' };
const WAIT = { timeoutMs: 10_000 };

let tg: FakeTelegramApi;
let db: BotDatabase;
let apps: BotApp[];

beforeEach(async () => {
  // Retries to a webhook that is down keep going for a while, as Telegram's do, so a restart loses nothing.
  tg = await startFakeTelegram({ webhookTimeoutMs: 1_000, webhookMaxAttempts: 10, webhookRetryDelayMs: 25 });
  db = await createBotDatabase();
  apps = [];
});

afterEach(async () => {
  for (const app of apps) await app.close();
  await tg.stop();
  await db.drop();
});

async function start(mode: 'polling' | 'webhook', delaySeconds = 0): Promise<BotApp> {
  const app = await startBotApp(tg, db, {
    mode,
    commands: [echoCommand(), echoCommand({ name: 'lambat', delaySeconds })],
  });
  apps.push(app);
  return app;
}

async function stop(app: BotApp): Promise<void> {
  apps = apps.filter((a) => a !== app);
  await app.close();
}

describe('polling mode', () => {
  it('deletes the webhook, long-polls with the allowed updates and answers through the outbox', async () => {
    const app = await start('polling');
    const first = tg.sendText(ani, '/echo satu');
    tg.sendText(ani, '/help');

    const replies = await tg.waitForMessages(ani.id, 2, WAIT);
    expect(texts(replies)[0]).toBe('echo satu');
    expect(texts(replies)[1]).toContain('/start');
    expect(tg.callsTo('deleteWebhook')).toHaveLength(1);
    expect(tg.callsTo('setWebhook')).toHaveLength(0);
    // A later poll confirms both stored updates to Telegram with its offset.
    const confirming = await eventually(
      () => tg.callsTo('getUpdates').find((c) => Number(c.params.offset) === first.update_id + 2),
      'a getUpdates confirming both updates',
    );
    expect(confirming.params).toMatchObject({ timeout: 1, limit: 100, allowed_updates: ['message', 'callback_query'] });

    const inbox = await inboxRows(app.db);
    expect(inbox.map((r) => [r.update_id, r.chat_id, r.kind, r.text, r.outcome])).toEqual([
      [first.update_id, ani.id, 'message', '/echo satu', 'ok'],
      [first.update_id + 1, ani.id, 'message', '/help', 'ok'],
    ]);
    const outbox = await settledOutbox(app.db);
    expect(outbox.map((r) => [r.inbox_update_id, r.status])).toEqual([
      [first.update_id, 'sent'],
      [first.update_id + 1, 'sent'],
    ]);

    // The webhook route is closed while polling.
    await app
      .http()
      .post('/api/telegram/webhook')
      .set('X-Telegram-Bot-Api-Secret-Token', WEBHOOK_SECRET)
      .send(textUpdate(9_000_001, budi, '/help'))
      .expect(404);
    expect((await inboxRows(app.db)).map((r) => r.update_id)).not.toContain(9_000_001);
  });

  it('handles an update delivered twice once: one reply, one inbox row', async () => {
    const app = await start('polling');
    await tg.waitForCall('getUpdates', WAIT);
    const update = tg.sendText(ani, '/echo dobel');
    tg.pushUpdate(update);
    tg.sendText(ani, '/echo sesudah');

    // Replies keep chat order, so a second answer to the repeat would come before this one.
    await tg.waitForMessages(ani.id, 2, WAIT);
    expect(texts(tg.messagesTo(ani.id))).toEqual(['echo dobel', 'echo sesudah']);
    const inbox = await inboxRows(app.db);
    expect(inbox.map((r) => r.update_id)).toEqual([update.update_id, update.update_id + 1]);
    const outbox = await outboxRows(app.db);
    expect(outbox.filter((r) => r.inbox_update_id === update.update_id)).toHaveLength(1);
  });
});

describe('webhook mode', () => {
  it('sets the webhook to its own route with the secret and the allowed updates, and answers deliveries', async () => {
    const app = await start('webhook');
    const setWebhook = await tg.waitForCall('setWebhook', WAIT);
    expect(setWebhook.params).toMatchObject({
      url: `http://127.0.0.1:${app.port}/api/telegram/webhook`,
      secret_token: WEBHOOK_SECRET,
      allowed_updates: ['message', 'callback_query'],
    });
    expect(tg.webhook).toMatchObject({ secretToken: WEBHOOK_SECRET });

    const update = tg.sendText(ani, '/echo halo');
    const [reply] = await tg.waitForMessages(ani.id, 1, WAIT);
    expect(reply.text).toBe('echo halo');
    await tg.waitForDelivery(update.update_id);
    expect(tg.deliveries.map((d) => [d.updateId, d.attempt, d.status])).toEqual([[update.update_id, 1, 200]]);
    expect(tg.callsTo('getUpdates')).toHaveLength(0);
    expect((await inboxRows(app.db)).map((r) => [r.update_id, r.outcome])).toEqual([[update.update_id, 'ok']]);
  });

  it('answers before a slow handler is done, so Telegram does not send the update again', async () => {
    await start('webhook', 2);
    const update = tg.sendText(ani, '/lambat sabar');
    const delivery = await tg.waitForDelivery(update.update_id, WAIT);
    expect(delivery).toMatchObject({ attempt: 1, status: 200 });
    const [reply] = await tg.waitForMessages(ani.id, 1, WAIT);
    expect(reply.text).toBe('lambat sabar');
    // The fake gives up on a webhook after 1 s; the handler took 2 s, yet there was one delivery.
    expect(tg.deliveries).toHaveLength(1);
  });

  it('handles an update delivered twice once, whether the repeat comes at once or later', async () => {
    const app = await start('webhook');
    await tg.waitForCall('setWebhook', WAIT);
    const update = tg.sendText(ani, '/echo dobel');
    tg.pushUpdate(update);
    await tg.waitForMessages(ani.id, 1, WAIT);
    tg.pushUpdate(update);
    const marker = tg.sendText(ani, '/echo sesudah');

    await tg.waitForMessages(ani.id, 2, WAIT);
    await tg.waitForDelivery(marker.update_id);
    expect(texts(tg.messagesTo(ani.id))).toEqual(['echo dobel', 'echo sesudah']);
    // All three copies were accepted (a refusal would make Telegram retry), only one was handled.
    const copies = tg.deliveries.filter((d) => d.updateId === update.update_id);
    expect(copies.map((d) => d.status)).toEqual([200, 200, 200]);
    expect((await inboxRows(app.db)).map((r) => r.update_id)).toEqual([update.update_id, marker.update_id]);
    const outbox = await outboxRows(app.db);
    expect(outbox.filter((r) => r.inbox_update_id === update.update_id)).toHaveLength(1);
  });

  it('refuses a wrong or missing secret with 401 JSON and stores nothing', async () => {
    const app = await start('webhook');
    const post = (updateId: number, secret?: string) => {
      const req = app.http().post('/api/telegram/webhook');
      if (secret !== undefined) req.set('X-Telegram-Bot-Api-Secret-Token', secret);
      return req.send(textUpdate(updateId, budi, '/help'));
    };
    const sameLength = WEBHOOK_SECRET.replace(/.$/, (c) => (c === 'x' ? 'y' : 'x'));
    for (const [updateId, secret] of [
      [9_000_001, 'salah'],
      [9_000_002, sameLength],
      [9_000_003, undefined],
      [9_000_004, ''],
    ] as const) {
      const res = await post(updateId, secret);
      expect({ status: res.status, type: res.type }).toEqual({ status: 401, type: 'application/json' });
      expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    }
    expect(await inboxRows(app.db)).toEqual([]);

    // The same update with the right secret is taken.
    await post(9_000_005, WEBHOOK_SECRET).expect(200, { ok: true });
    const [reply] = await tg.waitForMessages(budi.id, 1, WAIT);
    expect(reply.text).toContain('/help');
    expect((await inboxRows(app.db)).map((r) => r.update_id)).toEqual([9_000_005]);
  });
});

it('switches webhook → polling → webhook on one database without losing or repeating an update', async () => {
  const said: string[] = [];
  const say = (from: { id: number; first_name: string }, tag: string) => {
    said.push(tag);
    return tg.sendText(from, `/echo ${tag}`);
  };
  const replies = () => [...tg.messagesTo(ani.id), ...tg.messagesTo(budi.id)].map((m) => m.text.slice(5));

  let app = await start('webhook');
  say(ani, 'w1');
  say(budi, 'w2');
  await tg.waitForMessages(budi.id, 1, WAIT);
  // In flight while the app stops, then sent while nobody listens (the webhook still points at it).
  say(ani, 'w3');
  await stop(app);
  say(ani, 'down1');
  say(budi, 'down2');

  app = await start('polling');
  say(ani, 'p1');
  await tg.waitForMessages(ani.id, 4, WAIT);
  say(budi, 'p2');
  await tg.waitForMessages(budi.id, 3, WAIT);
  say(ani, 'p3');
  await stop(app);
  say(budi, 'down3');

  app = await start('webhook');
  await tg.waitForCall('setWebhook');
  say(ani, 'w4');
  await tg.waitForMessages(ani.id, 6, WAIT);
  await tg.waitForMessages(budi.id, 4, WAIT);
  // Anything handled twice would have been answered before this last one.
  say(budi, 'last');
  await tg.waitForMessages(budi.id, 5, WAIT);

  expect(replies().sort()).toEqual([...said].sort());
  expect(texts(tg.messagesTo(ani.id))).toEqual(['w1', 'w3', 'down1', 'p1', 'p3', 'w4'].map((t) => `echo ${t}`));
  expect(texts(tg.messagesTo(budi.id))).toEqual(['w2', 'down2', 'p2', 'down3', 'last'].map((t) => `echo ${t}`));
  const inbox = await inboxRows(app.db);
  expect(inbox).toHaveLength(said.length);
  expect(inbox.every((r) => r.outcome === 'ok')).toBe(true);
  const outbox = await outboxRows(app.db);
  expect(outbox.map((r) => r.inbox_update_id).sort()).toEqual(inbox.map((r) => r.update_id).sort());
});
