import { FakeMidtrans } from '../fakes/midtrans/fake-midtrans';
import { FakeTelegramApi } from '../fakes/telegram/fake-telegram-api';
import { SERVER_KEY } from '../payments/payments-harness';
import { BotApp, BotDatabase, createBotDatabase, startFakeTelegram } from '../telegram/telegram-harness';
import { chatWith, dataOf, startShopBot, typed } from './bot-harness';
import { inDays } from './reservations-harness';

describe('leaving the /order wizard, stale buttons and restarts', () => {
  let tg: FakeTelegramApi;
  let mt: FakeMidtrans;
  let db: BotDatabase;
  let app: BotApp;
  const andi = { id: 7201, first_name: 'Andi' };
  const dewi = { id: 7202, first_name: 'Dewi' };
  const bookings = async () => (await app.db.query('SELECT count(*)::int AS n FROM reservations'))[0].n as number;

  beforeAll(async () => {
    tg = await startFakeTelegram();
    mt = await FakeMidtrans.start({ serverKey: SERVER_KEY });
    db = await createBotDatabase();
    app = await startShopBot(tg, db, mt);
  });
  afterAll(async () => {
    await app.close();
    await mt.close();
    await tg.stop();
    await db.drop();
  });

  /** Walks to `step` and returns the message whose buttons belong to it. */
  async function walkTo(
    chat: ReturnType<typeof chatWith>,
    step: 'intro' | 'date' | 'model' | 'slot' | 'part' | 'confirm',
  ) {
    const intro = await chat.last('/order');
    if (step === 'intro') return intro;
    const date = (await chat.press(intro, 'Booking'))[0];
    if (step === 'date') return date;
    const models = await chat.last(typed(inDays(4)));
    if (step === 'model') return models;
    const slots = (await chat.press(models, /iPhone 6\+$/))[0];
    if (step === 'slot') return slots;
    const parts = (await chat.press(slots, /^Pukul : 12\.00/))[0];
    if (step === 'part') return parts;
    return (await chat.press(parts, /^LCD/))[0];
  }

  it('the intro Cancel returns to the menu, the summary Cancel drops the booking', async () => {
    const chat = chatWith(tg, andi);
    const intro = await walkTo(chat, 'intro');
    expect((await chat.press(intro, 'Cancel'))[0].text).toBe('Kembali ke menu. Ketik /help untuk daftar perintah.');
    const summary = await walkTo(chat, 'confirm');
    expect((await chat.press(summary, 'Cancel'))[0].text).toBe('Booking dibatalkan.');
    expect(await bookings()).toBe(0);
    // Book Now from that summary now is stale: nothing is booked.
    expect(await chat.pressData(dataOf(summary, 'Book Now'), summary.message_id)).toMatch(
      /^Tombol ini sudah tidak berlaku/,
    );
    expect(await bookings()).toBe(0);
  });

  it('/cancel leaves the wizard at every step, and its buttons go stale', async () => {
    const chat = chatWith(tg, andi);
    for (const step of ['intro', 'date', 'model', 'slot', 'part', 'confirm'] as const) {
      const message = await walkTo(chat, step);
      expect((await chat.last('/cancel')).text).toBe('Pemesanan dihentikan. Ketik /order untuk mulai lagi.');
      if (message.reply_markup) {
        const data = message.reply_markup.inline_keyboard[0][0];
        expect(await chat.pressData('callback_data' in data ? data.callback_data : '', message.message_id)).toMatch(
          /tidak berlaku/,
        );
      }
    }
    expect((await chat.last(typed(inDays(4)))).text).toBe('Ketik /order untuk mulai reservasi.');
    expect((await chat.last('/cancel')).text).toMatch(/^Tidak ada pemesanan yang sedang berjalan/);
    expect(await bookings()).toBe(0);
  });

  it("answers another chat's button and a made-up button politely, and changes nothing", async () => {
    const summary = await walkTo(chatWith(tg, andi), 'confirm');
    const dewiChat = chatWith(tg, dewi);
    await dewiChat.last('/help');
    expect(await dewiChat.pressData(dataOf(summary, 'Book Now'))).toMatch(/tidak berlaku/);
    expect(await dewiChat.pressData('rsv:zz')).toMatch(/tidak berlaku/);
    expect(await dewiChat.pressData('nothing-registered')).toBe('Tombol ini sudah tidak berlaku.');
    expect(await bookings()).toBe(0);
  });

  it('continues a wizard after Loket restarts in the middle of it', async () => {
    const chat = chatWith(tg, dewi);
    const parts = await walkTo(chat, 'part');
    await app.close();
    app = await startShopBot(tg, db, mt);
    const summary = (await chat.press(parts, /^LCD/))[0];
    expect(summary.text).toMatch(/^id: \d{8},\nTotal: Rp 250\.000,/);
    const [booked] = await chat.press(summary, 'Book Now', 2);
    expect(booked.text).toMatch(/^Kode Booking : \d{8}/);
    expect(await bookings()).toBe(1);
  });
});
