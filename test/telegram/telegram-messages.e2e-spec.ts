import type { BotCommand } from '../../src/telegram/bot/bot-request';
import { FakeTelegramApi } from '../fakes/telegram/fake-telegram-api';
import {
  BotApp,
  BotDatabase,
  createBotDatabase,
  eventually,
  inboxRows,
  outboxRows,
  startBotApp,
  startFakeTelegram,
} from './telegram-harness';

// What users send that is not a command the bot knows, and a handler that breaks.
const WAIT = { timeoutMs: 10_000 };
const TOO_LONG = 'Pesan Anda terlalu panjang. Kirim perintah yang singkat, atau ketik /help.';
const NOT_TEXT = 'Maaf, saya hanya mengerti pesan teks. Ketik /help untuk daftar perintah.';
const UNKNOWN_COMMAND = 'Perintah tidak dikenal. Ketik /help untuk daftar perintah.';
const NOT_UNDERSTOOD = 'Maaf, saya tidak mengerti. Ketik /help untuk daftar perintah.';
const SOMETHING_WENT_WRONG = 'Maaf, terjadi kesalahan di sistem kami. Silakan coba lagi sebentar lagi.';

// Writes a session and a reply, then fails with an error that is not a business rule.
const broken: BotCommand = {
  name: 'rusak',
  description: 'Selalu gagal (khusus tes)',
  roles: ['guest'],
  handle: async (request) => {
    await request.session.set('draft', { step: 1 });
    await request.reply('setengah jalan');
    throw new Error('handler exploded');
  },
};

let tg: FakeTelegramApi;
let db: BotDatabase;
let app: BotApp;

beforeAll(async () => {
  tg = await startFakeTelegram();
  db = await createBotDatabase();
  app = await startBotApp(tg, db, { commands: [broken] });
});

afterAll(async () => {
  await app.close();
  await tg.stop();
  await db.drop();
});

/** The inbox rows of these updates, once all of them are handled. */
function handled(updateIds: number[]) {
  return eventually(
    async () => {
      const rows = (await inboxRows(app.db)).filter((r) => updateIds.includes(r.update_id));
      return rows.length === updateIds.length && rows.every((r) => r.handled_at) ? rows : undefined;
    },
    `updates ${updateIds.join(', ')} to be handled`,
  );
}

let nextGuest = 6001;

it.each([
  ['a text longer than a command (1500 characters)', 'x'.repeat(1_500), TOO_LONG],
  ['a text as long as Telegram allows', `/help ${'y'.repeat(4_090)}`, TOO_LONG],
  ['an unknown command', '/tidakada 123', UNKNOWN_COMMAND],
  ['free text', 'halo, apa kabar?', NOT_UNDERSTOOD],
  ['a blank text', '   ', NOT_TEXT],
])('answers %s politely', async (_, text, sentence) => {
  const chat = { id: nextGuest++, first_name: 'Tamu' };
  const update = tg.sendText(chat, text);
  const [reply] = await tg.waitForMessages(chat.id, 1, WAIT);
  expect(reply.text).toBe(sentence);
  expect(await handled([update.update_id])).toEqual([expect.objectContaining({ outcome: 'ok', error: null })]);
});

it('answers stickers and photos with a sentence about text, and stores them in the inbox', async () => {
  const chat = { id: 6101, first_name: 'Foto' };
  const sticker = tg.sendSticker(chat);
  const photo = tg.sendPhoto(chat, '/help');
  const replies = await tg.waitForMessages(chat.id, 2, WAIT);
  expect(replies.map((m) => m.text)).toEqual([NOT_TEXT, NOT_TEXT]);
  const rows = await handled([sticker.update_id, photo.update_id]);
  expect(rows.map((r) => [r.kind, r.text, r.outcome])).toEqual([
    ['message', null, 'ok'],
    ['message', null, 'ok'],
  ]);
});

it('understands Bantuan and a command addressed to the bot by name', async () => {
  const chat = { id: 6102, first_name: 'Bantu' };
  tg.sendText(chat, 'Bantuan');
  tg.sendText(chat, '/help@loket_test_bot');
  const replies = await tg.waitForMessages(chat.id, 2, WAIT);
  for (const reply of replies) {
    expect(reply.text).toMatch(/^Hallo \S+\. Selamat datang di layanan Loket\.\n\nPerintah yang bisa Anda pakai:\n/);
    expect(reply.text).toContain('\n/help - Daftar perintah (atau ketik Bantuan)');
  }
});

it('answers a press on a button it no longer knows', async () => {
  const chat = { id: 6103, first_name: 'Tombol' };
  tg.sendText(chat, '/help');
  await tg.waitForMessages(chat.id, 1, WAIT);
  const press = tg.pressButton(chat, 'kedaluwarsa:1');
  const answer = await tg.waitForCall('answerCallbackQuery', WAIT);
  expect(answer.params).toEqual({
    callback_query_id: press.callback_query.id,
    text: 'Tombol ini sudah tidak berlaku.',
  });
  expect(answer.status).toBe(200);
  expect(await handled([press.update_id])).toEqual([
    expect.objectContaining({ kind: 'callback_query', outcome: 'ok' }),
  ]);
});

it('tells the user something went wrong when a handler throws, rolls its work back and goes on', async () => {
  const chat = { id: 6201, first_name: 'Rusak' };
  const failing = tg.sendText(chat, '/rusak');
  const next = tg.sendText(chat, '/help');

  const replies = await tg.waitForMessages(chat.id, 2, WAIT);
  expect(replies[0].text).toBe(SOMETHING_WENT_WRONG);
  expect(replies[1].text).toContain('Perintah yang bisa Anda pakai');
  const [failed, after] = await handled([failing.update_id, next.update_id]);
  expect(failed).toMatchObject({ outcome: 'error', error: 'handler exploded' });
  expect(after).toMatchObject({ outcome: 'ok' });
  // The handler's reply and session write were rolled back with it; only the apology was queued.
  const outbox = (await outboxRows(app.db)).filter((r) => r.inbox_update_id === failing.update_id);
  expect(outbox.map((r) => r.payload.text)).toEqual([SOMETHING_WENT_WRONG]);
  expect(await app.db.query('SELECT key FROM telegram_sessions')).toEqual([]);
});
