import { Page } from 'playwright-core';
import { seedDemoCatalogue } from '../../src/reservations/demo-catalogue';
import { payAndNotify } from '../payments/payments-harness';
import { chatWith, typed } from '../reservations/bot-harness';
import { booked, inDays, placesLeft } from '../reservations/reservations-harness';
import { dashboardInBrowser, screenshots } from './dashboard-harness';

describe('Reservasi in the admin dashboard', () => {
  const w = dashboardInBrowser();

  beforeAll(() => w.t.db.transaction((manager) => seedDemoCatalogue(manager)));

  const detailOf = async (code: string) =>
    (await w.t.http().get(`/api/admin/reservations/${code}`).set(w.admin.auth).expect(200)).body as {
      status: string;
      statusUrl: string;
      history: { to: string; actor: string; note: string | null }[];
    };
  const moveButtons = (page: Page) =>
    page.getByRole('region', { name: 'Ubah status' }).getByRole('button').allInnerTexts();

  /** A customer books in Telegram and pays: the booking is confirmed and linked to that chat. */
  async function bookInTelegram(customer: { id: number; first_name: string }, date: string): Promise<string> {
    const chat = chatWith(w.tg, customer);
    const intro = await chat.last('/order');
    await chat.press(intro, 'Booking');
    const models = await chat.last(typed(date));
    const slots = (await chat.press(models, '5. iPhone X'))[0];
    const parts = (await chat.press(slots, /^Pukul : 09\.00/))[0];
    const summary = (await chat.press(parts, 'Battery - Rp 70.000'))[0];
    const code = /^id: (\d{8}),/.exec(summary.text)![1];
    await chat.press(summary, 'Book Now', 2);
    const before = w.tg.messagesTo(customer.id).length;
    expect((await payAndNotify(w, code, 'qris')).status).toBe(200);
    const [paid] = (await w.tg.waitForMessages(customer.id, before + 1)).slice(before);
    expect(paid.text).toMatch(new RegExp(`^Pembayaran Rp 70.000 untuk booking ${code} sudah kami terima`));
    return code;
  }

  it("shows a day's schedule per slot with the bookings made through the API and the places left", async () => {
    const date = inDays(2);
    const { bookingCode: code } = await booked(w.t, {
      date,
      slot: 'siang',
      model: 'iphone-6',
      part: 'lcd',
      customer: { name: 'Rina Wati', phone: '0812-1111-2222' },
    });
    const { page, problems } = await w.signedIn('/reservasi');
    // Today by default, in Asia/Jakarta.
    await page.getByRole('heading', { name: /^Jadwal / }).waitFor();
    expect(await page.getByLabel('Tanggal').inputValue()).toBe(inDays(0));

    await page.getByLabel('Tanggal').fill(date);
    const siang = page.getByRole('article', { name: 'Slot Pukul : 12.00 - 14.00 WIB' });
    await siang.getByRole('link', { name: code }).waitFor();
    expect(await siang.innerText()).toMatch(/Sisa 1 dari 2[\s\S]*Rina Wati[\s\S]*iPhone 6 – LCD[\s\S]*Rp200\.000/);
    expect(await page.getByRole('article', { name: 'Slot Pukul : 09.00 - 11.00 WIB' }).innerText()).toContain(
      'Sisa 2 dari 2',
    );
    expect(await placesLeft(w.t, date, 'siang')).toBe(1);
    expect(new URL(page.url()).searchParams.get('tanggal')).toBe(date);
    // A reload keeps the day.
    await page.reload();
    await siang.getByRole('link', { name: code }).waitFor();
    await screenshots(page, 'reservations-schedule');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("moves a Telegram booking in its detail page with only the allowed buttons, and the customer's chat hears of it", async () => {
    const dewi = { id: 7301, first_name: 'Dewi' };
    const code = await bookInTelegram(dewi, inDays(3));
    const { page, problems } = await w.signedIn('/reservasi/booking');

    // The list, filtered by status and code, leads to the booking.
    await page.getByLabel('Status').selectOption('confirmed');
    await page.getByLabel('Kode booking').fill(code);
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await page.getByRole('link', { name: code }).waitFor();
    expect(new URL(page.url()).searchParams.get('status')).toBe('confirmed');
    expect(await page.getByRole('table').innerText()).toMatch(/Dewi[\s\S]*iPhone X – Battery[\s\S]*Rp70\.000/);
    await screenshots(page, 'reservations-list');
    await page.getByRole('link', { name: code }).click();

    await page.getByRole('heading', { name: `Booking ${code}` }).waitFor();
    await page.getByRole('button', { name: 'Mulai kerjakan' }).waitFor();
    expect(await moveButtons(page)).toEqual(['Mulai kerjakan', 'Batalkan booking']);
    // The customer's status page, with its token, for the admin to send.
    const statusLink = await page.getByRole('link', { name: 'Buka halaman status' }).getAttribute('href');
    expect(statusLink).toBe((await detailOf(code)).statusUrl);
    expect(statusLink).toMatch(new RegExp(`/orders/${code}\\?t=[\\w-]{32}$`));
    expect(await page.getByText('Notifikasi Midtrans').count()).toBe(1);

    const before = w.tg.messagesTo(dewi.id).length;
    await page.getByLabel('Catatan untuk riwayat (opsional)').fill('Baterai dibongkar');
    await page.getByRole('button', { name: 'Mulai kerjakan' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Mulai kerjakan' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Status booking ${code} sekarang: Dikerjakan.` })
      .waitFor();

    const [told] = (await w.tg.waitForMessages(dewi.id, before + 1)).slice(before);
    expect(told.text).toBe(`Perangkat Anda (iPhone X - Battery, booking ${code}) sedang dikerjakan teknisi kami.`);
    const detail = await detailOf(code);
    expect(detail.status).toBe('in_progress');
    expect(detail.history.at(-1)).toMatchObject({ to: 'in_progress', actor: 'admin', note: 'Baterai dibongkar' });

    // Only the moves allowed from in_progress are offered now; the history shows the move and its note.
    await page.getByRole('button', { name: 'Tandai selesai' }).waitFor();
    expect(await moveButtons(page)).toEqual(['Tandai selesai', 'Batalkan booking']);
    await page.getByRole('cell', { name: 'Baterai dibongkar' }).waitFor();
    await screenshots(page, 'reservations-detail');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('offers no button for a move that is not allowed: an unpaid booking may only be cancelled, a finished one not at all', async () => {
    const { bookingCode: unpaid } = await booked(w.t, { date: inDays(4) });
    const { page, problems } = await w.signedIn(`/reservasi/booking/${unpaid}`);
    await page.getByRole('button', { name: 'Batalkan booking' }).waitFor();
    expect(await moveButtons(page)).toEqual(['Batalkan booking']);

    const { bookingCode: done } = await booked(w.t, { date: inDays(4) });
    await payAndNotify(w, done);
    for (const status of ['in_progress', 'done', 'picked_up']) {
      await w.t.http().patch(`/api/admin/reservations/${done}`).set(w.admin.auth).send({ status }).expect(200);
    }
    await page.goto(`${w.base}/admin/reservasi/booking/${done}`);
    await page.getByText('adalah status akhir').waitFor();
    expect(await moveButtons(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('saves a price change and a closed date in the catalogue, and shows them', async () => {
    const closedDay = inDays(9);
    const { page, problems } = await w.signedIn('/reservasi/katalog');
    const prices = page.getByRole('region', { name: 'Harga' });
    await prices.getByLabel('Tampilkan model').selectOption('iphone-x');
    await prices.getByRole('button', { name: 'Ubah harga iPhone X – Battery' }).click();
    expect(await prices.getByLabel('Harga (Rp)').inputValue()).toBe('70000');
    await prices.getByLabel('Harga (Rp)').fill('75.000');
    await prices.getByRole('button', { name: 'Simpan harga' }).click();
    await prices.getByRole('status').filter({ hasText: 'Harga iPhone X – Battery disimpan: Rp75.000.' }).waitFor();
    await prices.getByRole('row', { name: /^iPhone X Battery Rp75\.000/ }).waitFor();
    // A price that is not whole rupiah is refused before it is sent.
    await prices.getByLabel('Harga (Rp)').fill('7,5');
    await prices.getByRole('button', { name: 'Simpan harga' }).click();
    await prices.getByRole('alert').filter({ hasText: 'Harga harus berupa angka rupiah' }).waitFor();
    const listed = await w.t.http().get('/api/admin/reservations/prices').set(w.admin.auth).expect(200);
    expect(listed.body).toContainEqual({ model: 'iphone-x', part: 'battery', price: '75000' });

    const closed = page.getByRole('region', { name: 'Tanggal tutup' });
    await closed.getByLabel('Tanggal', { exact: true }).fill(closedDay);
    await closed.getByLabel('Alasan (opsional)').fill('Libur pegawai');
    await closed.getByRole('button', { name: 'Tutup tanggal ini' }).click();
    await closed
      .getByRole('status')
      .filter({ hasText: /^Toko tutup pada .* \(Libur pegawai\)\.$/ })
      .waitFor();
    await closed.getByRole('cell', { name: 'Libur pegawai' }).waitFor();
    const dates = await w.t.http().get('/api/admin/reservations/closed-dates').set(w.admin.auth).expect(200);
    expect(dates.body).toContainEqual({ date: closedDay, reason: 'Libur pegawai' });

    // A slot takes one more booking a day.
    const slots = page.getByRole('region', { name: 'Slot & kapasitas' });
    await slots.getByRole('button', { name: 'Ubah slot pagi' }).click();
    // The API's refusal shows with its code: a slot that ends before it starts.
    await slots.getByLabel('Selesai').fill('08:00');
    await slots.getByRole('button', { name: 'Simpan slot' }).click();
    await slots
      .getByRole('alert')
      .filter({ hasText: 'end: a slot must end after it starts (start 09:00, end 08:00) (SLOT_TIMES_INVALID)' })
      .waitFor();
    await slots.getByLabel('Selesai').fill('11:00');
    await slots.getByLabel('Kapasitas per hari').fill('3');
    await slots.getByRole('button', { name: 'Simpan slot' }).click();
    await slots
      .getByRole('status')
      .filter({ hasText: /disimpan: 3 tempat per hari/ })
      .waitFor();
    const slotList = await w.t.http().get('/api/admin/reservations/slots').set(w.admin.auth).expect(200);
    expect(slotList.body).toContainEqual(expect.objectContaining({ code: 'pagi', capacity: 3, active: true }));

    await prices.getByLabel('Tampilkan model').selectOption('');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshots(page, 'reservations-catalogue');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
