import { Page } from 'playwright-core';
import { payAndNotify, pendingTopup } from '../payments/payments-harness';
import { addDemoCatalogue, buy, createAgent, finalOf, SIM } from '../pulsa/pulsa-harness';
import { booked, inDays } from '../reservations/reservations-harness';
import { seedDemoCatalogue } from '../../src/reservations/demo-catalogue';
import { fund, sendTransfer } from '../wallet/wallet-helpers';
import { createUser, dashboardInBrowser, screenshots } from './dashboard-harness';

// The overview in Chromium shows what was done through the API today, business by business.
describe('Ringkasan in the browser', () => {
  const w = dashboardInBrowser();
  let page: Page;
  let problems: string[];

  const statValue = (label: string) =>
    page
      .locator('#today .stat')
      .filter({ has: page.locator('.label', { hasText: label }) })
      .locator('.value')
      .innerText();

  beforeAll(async () => {
    await w.t.db.transaction((manager) => seedDemoCatalogue(manager));
    await addDemoCatalogue(w.t);

    const [ani, budi] = [await createUser(w.t), await createUser(w.t)];
    await fund(w.t, w.admin, ani, 100_000);
    expect((await sendTransfer(w.t, ani, budi, 25_000)).status).toBe(201);
    expect((await sendTransfer(w.t, ani, budi, 5_000)).status).toBe(201);
    const topup = await pendingTopup(w.t, budi, 20_000);
    expect((await payAndNotify(w, topup)).body).toEqual({ outcome: 'applied' });

    // Demo XL10 sells for 11.500 and costs 10.700: a margin of 800.
    const agent = await createAgent(w.t, w.admin, { balance: 50_000 });
    const sale = await buy(w.t, agent, { productCode: 'XL10', destination: SIM.success }).expect(202);
    expect((await finalOf(w.t, agent, sale.body.id)).status).toBe('success');

    await booked(w.t, { date: inDays(2) });

    ({ page, problems } = await w.signedIn());
  });

  it("shows today's figures as the API made them, and the ledger as balanced", async () => {
    await page.locator('#today').waitFor();
    await expect(statValue('Transfer dompet')).resolves.toBe('2 · Rp30.000');
    await expect(statValue('Isi saldo')).resolves.toBe('1 · Rp20.000');
    await expect(statValue('Penjualan pulsa')).resolves.toBe('1 · Rp11.500');
    await expect(statValue('Margin pulsa')).resolves.toBe('Rp800');
    await expect(statValue('Reservasi baru')).resolves.toBe('1');
    // The top-up and the booking's checkout were both paid? Only the top-up: the booking is unpaid.
    await expect(statValue('Pembayaran diterima')).resolves.toBe('1 · Rp20.000');
    await expect(page.locator('#ledger-status').innerText()).resolves.toContain('Seimbang');
    // Fourteen days in the table, today first, and two charts drawn.
    await expect(page.locator('#days tbody tr').count()).resolves.toBe(14);
    await expect(page.locator('canvas').count()).resolves.toBe(2);
    expect(problems).toEqual([]);
    await screenshots(page, 'ringkasan');
  });

  it('counts what needs a person, and links to it', async () => {
    const attention = page.locator('section[aria-labelledby="attention"] .stat');
    await expect(attention.count()).resolves.toBe(3);
    await expect(
      attention.filter({ hasText: 'Pembayaran menunggu keputusan' }).locator('.value').innerText(),
    ).resolves.toBe('0');
    await expect(attention.filter({ hasText: 'Reservasi hari ini' }).locator('.value').innerText()).resolves.toBe('0');
  });

  it('shows the API error when the overview cannot be read, without breaking the page', async () => {
    await page.route('**/api/admin/overview*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'Basis data tidak tersedia',
          code: 'DATABASE_UNAVAILABLE',
        }),
      }),
    );
    await page.reload();
    await expect(page.getByRole('alert').first().innerText()).resolves.toContain('Basis data tidak tersedia');
    await page.unroute('**/api/admin/overview*');
  });
});
