import { FakeMidtrans } from '../fakes/midtrans/fake-midtrans';
import { FakeTelegramApi } from '../fakes/telegram/fake-telegram-api';
import { notify, SERVER_KEY } from '../payments/payments-harness';
import { BotApp, BotDatabase, createBotDatabase, startFakeTelegram } from '../telegram/telegram-harness';
import { chatWith, labels, startShopBot, typed } from './bot-harness';
import { inDays } from './reservations-harness';

describe('the /order wizard in Telegram', () => {
  let tg: FakeTelegramApi;
  let mt: FakeMidtrans;
  let db: BotDatabase;
  let app: BotApp;
  const siti = { id: 7101, first_name: 'Siti' };
  const budi = { id: 7102, first_name: 'Budi' };

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

  it('books a repair from /order to the payment link, confirms it when paid, and gives the link only to its chat', async () => {
    const chat = chatWith(tg, siti);
    const help = await chat.last('/help');
    expect(help.text).toMatch(/^Hallo Siti\. Selamat datang di layanan Loket\./);
    for (const command of ['/help', '/order', '/catalog', '/status']) expect(help.text).toContain(command);
    // The shop page's Reservasi button opens t.me/<bot>?start=order: the same wizard.
    expect((await chat.last('/start order')).text).toMatch(/^Terimakasih, telah memilih layanan kami/);
    expect((await chat.last('/catalog')).text).toMatch(/iPhone X\n {2}- Battery: Rp 70\.000/);

    const intro = await chat.last('/order');
    expect(intro.text).toMatch(/^Terimakasih, telah memilih layanan kami/);
    expect(labels(intro)).toEqual(['Booking', 'Cancel']);
    expect((await chat.press(intro, 'Booking'))[0].text).toBe('Silahkan masukan tanggal book, contoh: 05/12/2026');
    expect((await chat.last(typed(inDays(0)))).text).toMatch(
      /^Pemesanan paling cepat untuk besok, .* Masukkan tanggal lain:$/,
    );
    expect((await chat.last(typed(inDays(45)))).text).toMatch(/^Pemesanan paling lambat untuk /);
    expect((await chat.last('31/02/2027')).text).toMatch(/^Format tanggal tidak dikenali/);
    const date = inDays(2);
    const models = await chat.last(typed(date));
    expect(models.text).toBe('Pilih tipe device anda :');
    expect(labels(models)).toContain('5. iPhone X');
    const slots = (await chat.press(models, '5. iPhone X'))[0];
    expect(slots.text).toBe('Jam Booking :');
    expect(labels(slots)).toEqual([
      'Pukul : 09.00 - 11.00 WIB (sisa 2)',
      'Pukul : 12.00 - 14.00 WIB (sisa 2)',
      'Pukul : 15.00 - 17.00 WIB (sisa 2)',
      'Pukul : 18.00 - 20.00 WIB (sisa 2)',
    ]);
    const parts = (await chat.press(slots, /^Pukul : 15\.00/))[0];
    expect(labels(parts)).toContain('Battery - Rp 70.000');
    expect(labels(parts)).not.toContain(expect.stringMatching(/Touch ID/));
    const summary = (await chat.press(parts, 'Battery - Rp 70.000'))[0];
    const id = /^id: (\d{8}),/.exec(summary.text)![1];
    expect(summary.text).toBe(
      `id: ${id},\nTotal: Rp 70.000,\nTanggal : ${typed(date)},\nJam : Pukul : 15.00 - 17.00 WIB,\n` +
        'Device: iPhone X,\nProduct: Battery.\n\nApakah sudah yakin untuk booking ?',
    );
    expect(labels(summary)).toEqual(['Book Now', 'Cancel']);
    const [booked, payLink] = await chat.press(summary, 'Book Now', 2);
    expect(booked.text).toMatch(
      new RegExp(
        `^Kode Booking : ${id}\\n\\nLink status dan pembayaran:\\nhttps://servis\\.example/orders/${id}\\?t=[\\w-]{32}$`,
      ),
    );
    expect(payLink.text).toMatch(/^Link pembayaran \(bayar sebelum \d\d\.\d\d WIB\):\nhttp.*\/snap\//);
    expect(mt.snapOrders.get(id)).toBeDefined();

    const asked = await chat.last('/status');
    expect(asked.text).toBe('Silahkan masukan kode booking :');
    expect((await chat.last(id)).text).toBe(`Berikut link status :\n${booked.text.split('\n').pop()}`);
    expect((await chatWith(tg, budi).last(`/status ${id}`)).text).toBe('Maaf, kode booking tidak ditemukan.');

    const before = tg.messagesTo(siti.id).length;
    expect((await notify(app, mt.pay(id, 'qris'))).status).toBe(200);
    const confirmed = (await tg.waitForMessages(siti.id, before + 1))[before];
    expect(confirmed.text).toMatch(new RegExp(`^Pembayaran Rp 70.000 untuk booking ${id} sudah kami terima`));
  });

  it('offers only slots with places left, and sends a customer whose slot filled meanwhile back to the slot list', async () => {
    const date = inDays(3);
    const chat = chatWith(tg, budi);
    const intro = await chat.last('/order');
    await chat.press(intro, 'Booking');
    const models = await chat.last(typed(date));
    const slots = (await chat.press(models, '1. iPhone 5'))[0];
    const parts = (await chat.press(slots, /^Pukul : 09\.00/))[0];
    const summary = (await chat.press(parts, /^Battery/))[0];
    // Meanwhile two people book the last places of that slot over REST.
    await app.db
      .query(`UPDATE reservation_slot_days SET taken = capacity WHERE slot_code = 'pagi' AND day = $1`, [date])
      .then(async ([, count]) => {
        if (count === 0) await app.db.query(`INSERT INTO reservation_slot_days VALUES ('pagi', $1, 2, 2)`, [date]);
      });
    const [again] = await chat.press(summary, 'Book Now');
    expect(again.text).toBe('Maaf, slot penuh. Jam Booking :');
    expect(labels(again)).not.toContain(expect.stringMatching(/09\.00/));
    expect(labels(again)).toHaveLength(3);
  });
});
