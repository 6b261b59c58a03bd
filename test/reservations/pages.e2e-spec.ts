import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
import { BotIdentity } from '../../src/telegram/bot-identity';
import { launchChromium } from '../support/chromium';
import { payAndNotify, PaymentsWorld } from '../payments/payments-harness';
import { booked, inDays, startReservations, tokenOf } from './reservations-harness';

// Runs in the browser (page.evaluate); this Node project has no DOM types of its own.
declare function getComputedStyle(element: unknown): { display: string };

// The shop's pages in a real browser (Debian's chromium), at a phone's width.
const PHONE = { width: 390, height: 844 };
const SHOTS = 'test-results/reservations';

describe('the web pages in Chromium', () => {
  let w: PaymentsWorld;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    w = await startReservations();
    await w.t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(w.t.app.getHttpServer().address() as AddressInfo).port}`;
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: PHONE, locale: 'id-ID' });
  });
  afterAll(async () => {
    await browser?.close();
    await w.close();
  });

  const local = (url: string) => url.replace('https://servis.example', base);

  it('shows the home page: welcome, catalogue with prices, the four slots, and Reservasi opening the bot', async () => {
    w.t.app.get(BotIdentity).username = 'jiot_test_bot';
    const answer = await page.goto(`${base}/`);
    expect(answer?.status()).toBe(200);
    await expect(page.locator('h1').innerText()).resolves.toBe('Welcome to Jiot Gadget Solution');
    const text = await page.locator('main').innerText();
    expect(text).toMatch(/iPhone X\s+Battery\s+Rp70\.000/);
    for (const slot of ['09.00 - 11.00', '12.00 - 14.00', '15.00 - 17.00', '18.00 - 20.00'])
      expect(text).toContain(slot);
    const reservasi = page.getByRole('link', { name: 'Reservasi' });
    expect(await reservasi.getAttribute('href')).toBe('https://t.me/jiot_test_bot?start=order');
    expect(await reservasi.isVisible()).toBe(true);
    // The stylesheet loaded (the button is styled as one).
    expect(await reservasi.evaluate((a) => getComputedStyle(a).display)).toBe('block');
    await page.screenshot({ path: `${SHOTS}/home.png`, fullPage: true });
  });

  it('says how to book over the API when no bot is configured', async () => {
    w.t.app.get(BotIdentity).username = undefined;
    await page.goto(`${base}/`);
    expect(await page.getByRole('link', { name: 'Reservasi' }).count()).toBe(0);
    expect(await page.locator('#reservasi-api').innerText()).toContain('POST /api/reservations');
  });

  it('shows an unpaid booking with Bayar Sekarang going to its Midtrans page', async () => {
    const { bookingCode, statusUrl, payment } = await booked(w.t, { date: inDays(2), model: 'iphone-6', part: 'lcd' });
    expect((await page.goto(local(statusUrl)))?.status()).toBe(200);
    await expect(page.locator('h1').innerText()).resolves.toBe('Data Order');
    expect(await page.locator('#code').innerText()).toBe(bookingCode);
    expect(await page.locator('#total').innerText()).toBe('Rp200.000');
    expect(await page.locator('#payment-status').innerText()).toBe('Menunggu pembayaran');
    expect(await page.locator('main').innerText()).toMatch(/iPhone 6[\s\S]*LCD[\s\S]*Pukul : 09\.00 - 11\.00 WIB/);
    const pay = page.getByRole('link', { name: 'Bayar Sekarang' });
    expect(await pay.getAttribute('href')).toBe(payment.redirectUrl);
    await page.screenshot({ path: `${SHOTS}/order-unpaid.png`, fullPage: true });
  });

  it('shows a paid booking as Paid, with its history and no Bayar Sekarang', async () => {
    const { bookingCode, statusUrl } = await booked(w.t, { date: inDays(3) });
    await payAndNotify(w, bookingCode);
    await page.goto(local(statusUrl));
    expect(await page.locator('#payment-status').innerText()).toBe('Lunas (Paid)');
    expect(await page.locator('#repair-status').innerText()).toBe('Terjadwal');
    expect(await page.getByRole('link', { name: 'Bayar Sekarang' }).count()).toBe(0);
    expect(await page.locator('.history').innerText()).toMatch(/Menunggu pembayaran[\s\S]*Terjadwal/);
    await page.screenshot({ path: `${SHOTS}/order-paid.png`, fullPage: true });
  });

  it('answers a wrong or missing token with the same 404 page as an unknown code', async () => {
    const { bookingCode, statusUrl } = await booked(w.t, { date: inDays(4) });
    const token = tokenOf(statusUrl);
    const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const pages: string[] = [];
    for (const path of [`/orders/${bookingCode}?t=${wrong}`, `/orders/${bookingCode}`, `/orders/12345678?t=${token}`]) {
      const answer = await page.goto(`${base}${path}`);
      expect(answer?.status()).toBe(404);
      pages.push(await page.locator('main').innerText());
    }
    expect(pages[0]).toContain('Halaman tidak ditemukan');
    expect(new Set(pages).size).toBe(1);
    expect(pages[0]).not.toContain(bookingCode);
  });
});
