import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Markup, Telegraf, TelegramError } from 'telegraf';
import { message } from 'telegraf/filters';
import { FakeTelegramApi } from './fake-telegram-api';
import { postJson } from './http';

// The fake checked against the real telegraf client, so bot tests can trust what it records.
const TOKEN = '123456:TEST-token';
const SECRET = 'rahasia-webhook_1';
const ani = { id: 1001, first_name: 'Ani', username: 'ani' };

let tg: FakeTelegramApi;
let cleanups: (() => Promise<void>)[] = [];

beforeEach(async () => {
  tg = await FakeTelegramApi.start({ token: TOKEN, botUsername: 'loket_test_bot' });
});

afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
  await tg.stop();
});

const newBot = () => new Telegraf(TOKEN, { telegram: { apiRoot: tg.apiRoot } });

// launch() settles only when polling ends: keep its promise so stopping waits for the final offset sync.
function startPolling(bot: Telegraf): () => Promise<void> {
  const launched = bot.launch();
  launched.catch(() => undefined);
  const stop = async () => {
    bot.stop('test over');
    await launched;
  };
  cleanups.push(() => stop().catch(() => undefined));
  return stop;
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => unknown): Promise<string> {
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function startWebhook(bot: Telegraf): Promise<string> {
  const root = await listen(bot.webhookCallback('/hook', { secretToken: SECRET }));
  await bot.telegram.setWebhook(`${root}/hook`, { secret_token: SECRET });
  return `${root}/hook`;
}

it('serves a polling bot: commands with their payload and plain texts get replies, in order', async () => {
  const bot = newBot();
  bot.start((ctx) => ctx.reply(`kode: ${ctx.payload}`));
  bot.on(message('text'), (ctx) => ctx.reply(`Halo ${ctx.from.first_name}, kamu bilang ${ctx.message.text}`));
  startPolling(bot);

  tg.sendText(ani, '/start abc123');
  tg.sendText(ani, 'saldo');

  const replies = await tg.waitForMessages(ani.id, 2);
  expect(replies.map((m) => m.text)).toEqual(['kode: abc123', 'Halo Ani, kamu bilang saldo']);
  expect(replies[0]).toMatchObject({ chat: { id: ani.id, type: 'private' }, from: { username: 'loket_test_bot' } });
  expect(replies[1].message_id).toBeGreaterThan(replies[0].message_id);
  expect(tg.callsTo('deleteWebhook')).toHaveLength(1);
  expect(tg.callsTo('sendMessage')[0].params).toEqual({ chat_id: ani.id, text: 'kode: abc123' });
});

it('carries group messages from their member, and the bot answers the group, not the member', async () => {
  const bot = newBot();
  bot.on(message('text'), (ctx) =>
    ctx.reply(`${ctx.chat.type} ${ctx.chat.id} dari ${ctx.from.id}: ${ctx.message.text}`),
  );
  startPolling(bot);
  const group = { id: -100200, title: 'Konter Pulsa' };

  const update = tg.sendGroupText(group, ani, 'halo semua');
  expect(update.message).toMatchObject({
    chat: { id: group.id, type: 'group', title: group.title },
    from: { id: ani.id },
  });
  const [reply] = await tg.waitForMessages(group.id, 1);
  expect(reply).toMatchObject({ text: `group ${group.id} dari ${ani.id}: halo semua`, chat: { type: 'group' } });
  expect(tg.messagesTo(ani.id)).toEqual([]);
  expect(() => tg.sendGroupText({ id: 5, title: 'x' }, ani, 'halo')).toThrow(/negative/);
});

it('delivers to a webhook with the secret header; telegraf refuses a wrong secret and the fake refuses polling', async () => {
  const bot = newBot();
  bot.on(message('text'), (ctx) => ctx.reply(`gema: ${ctx.message.text}`));
  const hookUrl = await startWebhook(bot);

  const update = tg.sendText(ani, 'halo');
  const [reply] = await tg.waitForMessages(ani.id, 1);
  expect(reply.text).toBe('gema: halo');
  await tg.waitForDelivery(update.update_id);
  expect(tg.deliveries).toEqual([expect.objectContaining({ updateId: update.update_id, attempt: 1, status: 200 })]);
  expect(await bot.telegram.getWebhookInfo()).toMatchObject({ url: hookUrl, pending_update_count: 0 });

  const forged = JSON.stringify({ ...update, update_id: update.update_id + 100 });
  const wrong = await postJson(hookUrl, forged, { 'X-Telegram-Bot-Api-Secret-Token': 'salah' }, 2_000);
  const missing = await postJson(hookUrl, forged, {}, 2_000);
  expect([wrong.status, missing.status]).toEqual([403, 403]);

  await expect(bot.telegram.getUpdates(0, 100, 0, undefined)).rejects.toMatchObject({ code: 409 });
  expect(tg.messagesTo(ani.id)).toHaveLength(1);
});

it('retries a webhook that answered with an error, keeping updates in order', async () => {
  const bot = newBot();
  bot.on(message('text'), (ctx) => ctx.reply(`gema: ${ctx.message.text}`));
  const callback = bot.webhookCallback('/hook');
  let refusals = 2;
  const root = await listen((req, res) => (refusals-- > 0 ? res.writeHead(502).end() : callback(req, res)));
  await bot.telegram.setWebhook(`${root}/hook`);

  const first = tg.sendText(ani, 'satu');
  const second = tg.sendText(ani, 'dua');

  const replies = await tg.waitForMessages(ani.id, 2);
  expect(replies.map((m) => m.text)).toEqual(['gema: satu', 'gema: dua']);
  await tg.waitForDelivery(second.update_id);
  expect(tg.deliveries.map((d) => [d.updateId, d.status])).toEqual([
    [first.update_id, 502],
    [first.update_id, 502],
    [first.update_id, 200],
    [second.update_id, 200],
  ]);
});

it('answers an injected 429 so that telegraf reports retry_after, then lets the next call through', async () => {
  const bot = newBot();
  tg.failNext('sendMessage', { status: 429, retryAfter: 2 });

  const refused = await bot.telegram.sendMessage(ani.id, 'satu').catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(TelegramError);
  expect(refused).toMatchObject({
    code: 429,
    description: 'Too Many Requests: retry after 2',
    parameters: { retry_after: 2 },
  });

  await bot.telegram.sendMessage(ani.id, 'dua');
  expect(tg.messagesTo(ani.id).map((m) => m.text)).toEqual(['dua']);
  expect(tg.callsTo('sendMessage').map((c) => c.status)).toEqual([429, 200]);
});

it('injects 500, 403, repeated and slow answers, and validates texts like Telegram', async () => {
  const { telegram } = newBot();
  tg.failNext('sendMessage', { status: 500 });
  tg.failNext('sendMessage', { status: 403, count: 2 });
  await expect(telegram.sendMessage(ani.id, 'a')).rejects.toMatchObject({ code: 500 });
  for (let i = 0; i < 2; i++) {
    await expect(telegram.sendMessage(ani.id, 'b')).rejects.toMatchObject({
      code: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
  }

  tg.failNext('sendMessage', { delayMs: 400 });
  const started = Date.now();
  const slow = telegram.sendMessage(ani.id, 'lambat');
  // The message is delivered at once; only the answer is late.
  await tg.waitForMessages(ani.id, 1, { timeoutMs: 300 });
  await slow;
  expect(Date.now() - started).toBeGreaterThanOrEqual(390);

  await expect(telegram.sendMessage(ani.id, ' ')).rejects.toMatchObject({
    code: 400,
    description: 'Bad Request: message text is empty',
  });
  await expect(telegram.sendMessage(ani.id, 'x'.repeat(4097))).rejects.toMatchObject({
    description: 'Bad Request: message is too long',
  });
  await telegram.sendMessage(ani.id, 'x'.repeat(4096));
  expect(tg.messagesTo(ani.id).map((m) => m.text.length)).toEqual([6, 4096]);

  const wrongToken = new Telegraf('123456:wrong', { telegram: { apiRoot: tg.apiRoot } });
  await expect(wrongToken.telegram.getMe()).rejects.toMatchObject({ code: 401, description: 'Unauthorized' });
  const unknown = await postJson(`${tg.apiRoot}/bot${TOKEN}/sendGift`, '{}', {}, 2_000);
  expect([unknown.status, JSON.parse(unknown.body)]).toEqual([
    404,
    { ok: false, error_code: 404, description: 'Not Found' },
  ]);
});

it('confirms updates below the offset, so a restarted poller never sees them again', async () => {
  const { telegram } = newBot();
  const a = tg.sendText(ani, 'a');
  const b = tg.sendText(ani, 'b');
  const ids = async (offset: number, timeout = 0) =>
    (await telegram.getUpdates(timeout, 100, offset, undefined)).map((u) => u.update_id);

  expect(await ids(0)).toEqual([a.update_id, b.update_id]);
  expect(await ids(0)).toEqual([a.update_id, b.update_id]);
  expect(await ids(b.update_id)).toEqual([b.update_id]);
  expect(await ids(0)).toEqual([b.update_id]);

  // A long poll is held until an update arrives.
  const held = ids(b.update_id + 1, 5);
  setTimeout(() => tg.sendText(ani, 'c'), 100);
  expect(await held).toEqual([b.update_id + 1]);

  const seen: number[] = [];
  const handle = (bot: Telegraf) =>
    bot.on(message('text'), (ctx) => {
      seen.push(ctx.update.update_id);
      return ctx.reply('ok');
    });
  const first = newBot();
  handle(first);
  const stopFirst = startPolling(first);
  await tg.waitForMessages(ani.id, 1);
  await stopFirst();

  const second = newBot();
  handle(second);
  startPolling(second);
  const d = tg.sendText(ani, 'd');
  await tg.waitForMessages(ani.id, 2);
  expect(seen).toEqual([b.update_id + 1, d.update_id]);
});

it.each(['polling', 'webhook'] as const)('delivers a button press to bot.action() (%s)', async (mode) => {
  const bot = newBot();
  bot.command('menu', (ctx) => ctx.reply('Pilih:', Markup.inlineKeyboard([Markup.button.callback('Saldo', 'saldo')])));
  bot.action('saldo', async (ctx) => {
    await ctx.answerCbQuery('Sebentar');
    await ctx.editMessageText('Saldo: Rp 0');
  });
  if (mode === 'polling') startPolling(bot);
  else await startWebhook(bot);

  tg.sendText(ani, '/menu');
  const [menu] = await tg.waitForMessages(ani.id, 1);
  expect(menu.reply_markup?.inline_keyboard[0][0]).toMatchObject({ text: 'Saldo', callback_data: 'saldo' });

  const press = tg.pressButton(ani, 'saldo');
  expect(press.callback_query.message?.message_id).toBe(menu.message_id);
  const answer = await tg.waitForCall('answerCallbackQuery');
  expect(answer.params).toMatchObject({ callback_query_id: press.callback_query.id, text: 'Sebentar' });
  expect(answer.status).toBe(200);
  await expect(bot.telegram.answerCbQuery(press.callback_query.id)).rejects.toMatchObject({ code: 400 });

  await tg.waitForCall('editMessageText');
  // The edit replaced the text and, as in Telegram, dropped the keyboard it did not repeat.
  const [edited, ...others] = tg.messagesTo(ani.id);
  expect(others).toEqual([]);
  expect(edited).toMatchObject({ message_id: menu.message_id, text: 'Saldo: Rp 0' });
  expect(edited.reply_markup).toBeUndefined();
});

it('builds sticker and photo updates telegraf filters recognise; deleteWebhook drops pending updates when asked', async () => {
  const { telegram } = newBot();
  tg.sendText(ani, 'lama');
  await telegram.deleteWebhook({ drop_pending_updates: true });
  tg.sendSticker(ani);
  tg.sendPhoto(ani, 'bukti transfer');

  const bot = newBot();
  bot.on(message('sticker'), (ctx) => ctx.reply(`stiker ${ctx.message.sticker.emoji}`));
  bot.on(message('photo'), (ctx) => ctx.reply(`foto ${ctx.message.caption} ${ctx.message.photo.length}`));
  bot.on(message('text'), (ctx) => ctx.reply(ctx.message.text));
  startPolling(bot);

  const replies = await tg.waitForMessages(ani.id, 2);
  expect(replies.map((m) => m.text)).toEqual(['stiker 👍', 'foto bukti transfer 2']);
});

it('re-sends an update when the webhook does not answer in time', async () => {
  const slow = await FakeTelegramApi.start({ token: TOKEN, botUsername: 'b', webhookTimeoutMs: 200 });
  cleanups.push(() => slow.stop());
  let requests = 0;
  // The first request is never answered; the repeat is.
  const root = await listen((_req, res) => requests++ > 0 && res.end());
  const { telegram } = new Telegraf(TOKEN, { telegram: { apiRoot: slow.apiRoot } });
  await telegram.setWebhook(root);

  const update = slow.sendText(ani, 'halo');
  await slow.waitForDelivery(update.update_id);
  expect(slow.deliveries.map((d) => [d.attempt, d.status ?? d.error])).toEqual([
    [1, 'no answer within 200 ms'],
    [2, 200],
  ]);
  expect(await telegram.getWebhookInfo()).toMatchObject({ last_error_message: 'no answer within 200 ms' });
});

it('ends a held long poll with 409 when another poller arrives, and releases it promptly on stop()', async () => {
  const { telegram } = newBot();
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const first = telegram.getUpdates(50, 100, 0, undefined);
  await pause(50);
  const second = telegram.getUpdates(50, 100, 0, undefined);
  await expect(first).rejects.toMatchObject({ code: 409, description: expect.stringContaining('other getUpdates') });

  await pause(50);
  const started = Date.now();
  await tg.stop();
  await expect(second).resolves.toEqual([]);
  expect(Date.now() - started).toBeLessThan(1_000);
});
