import QRCode from 'qrcode';
import { Page } from 'playwright-core';
import { jakartaToday } from '../../src/common/time/jakarta-days';
import { addDemoCatalogue, buy, createAgent, expectLedgerOk, finalOf, SIM, wallet } from '../pulsa/pulsa-harness';
import { chatWith } from '../reservations/bot-harness';
import { TestUser } from '../support/factories';
import { dashboardInBrowser, screenshots } from './dashboard-harness';

describe('the pulsa pages of the admin dashboard', () => {
  // The simulator's later answers wait ten minutes, so its pending numbers stay pending for the test.
  const w = dashboardInBrowser({ PULSA_SIMULATOR_DELAY_MS: '600000' });
  let page: Page;
  let problems: string[];

  const admin = (path: string) => w.t.http().get(path).set(w.admin.auth).expect(200);
  const agentState = async (username: string) =>
    (await admin(`/api/admin/pulsa/agents?q=${username}`)).body.items.find(
      (a: { username: string }) => a.username === username,
    );
  /** Confirms the open <dialog> of a ConfirmButton. */
  const confirm = (label: string) => page.getByRole('dialog').getByRole('button', { name: label }).click();
  /** What the page said it did, once it says `text`. */
  const says = (text: string) => page.getByRole('status').filter({ hasText: text }).innerText();

  beforeAll(() => addDemoCatalogue(w.t));
  beforeEach(async () => {
    ({ page, problems } = await w.signedIn());
  });
  afterEach(async () => {
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('finds a stuck purchase, fails it with a confirmation, and the agent gets the held money back', async () => {
    const agent = await createAgent(w.t, w.admin, { balance: 50_000 });
    const sold = await buy(w.t, agent, { productCode: 'XL10', destination: SIM.success }).expect(202);
    expect((await finalOf(w.t, agent, sold.body.id)).status).toBe('success');
    const held = (await buy(w.t, agent, { productCode: 'XL5', destination: SIM.pendingFailed }).expect(202)).body;
    expect(held.status).toBe('pending');
    await w.t.db.query(`UPDATE pulsa_transactions SET created_at = now() - interval '2 hours' WHERE id = $1`, [
      held.id,
    ]);
    expect(await wallet(w.t, agent)).toMatchObject({ balance: '38500', held: '6500', available: '32000' });

    await page.getByRole('navigation', { name: 'Bagian' }).getByRole('link', { name: 'Pulsa' }).click();
    await page.waitForURL(/\/admin\/pulsa\/transaksi$/);
    await page.getByLabel('Agen (username)').fill(agent.username);
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await page.waitForURL(new RegExp(`agen=${agent.username}`));
    await page.getByText('2 transaksi').waitFor();
    await page.getByRole('button', { name: /^Macet/ }).click();
    const row = page.getByRole('row').filter({ hasText: held.shortId });
    // The agent column names the buyer (no uuid).
    await expect(row.innerText()).resolves.toMatch(
      new RegExp(`${agent.username}[\\s\\S]*XL5[\\s\\S]*087800001234[\\s\\S]*Rp6\\.500[\\s\\S]*Diproses`),
    );
    await screenshots(page, 'pulsa-transactions');

    await row.getByRole('link', { name: 'Selesaikan' }).click();
    await page.getByRole('heading', { name: `Transaksi ${held.shortId}` }).waitFor();
    await page.getByRole('radio', { name: 'Gagal' }).check();
    await page.getByLabel('Alasan (wajib)').fill('Dicek di dasbor supplier: gagal');
    await page.getByRole('button', { name: 'Selesaikan…' }).click();
    await expect(page.getByRole('dialog').innerText()).resolves.toContain('Rp6.500 dikembalikan');
    await confirm('Ya, tandai gagal');
    await says(`${held.shortId} ditandai GAGAL`);
    await page.getByRole('heading', { name: `Transaksi ${held.shortId} Gagal` }).waitFor();
    await expect(page.getByRole('button', { name: 'Selesaikan…' }).count()).resolves.toBe(0);
    await screenshots(page, 'pulsa-transaction-detail');
    // The detail names the agent too; their name leads to all their purchases.
    await page.getByRole('link', { name: agent.username, exact: true }).click();
    await page.waitForURL(new RegExp(`/admin/pulsa/transaksi\\?agen=${agent.username}$`));
    await page.getByText('2 transaksi').waitFor();

    await page.goto(`${w.base}/admin/pulsa/transaksi?agen=${agent.username}&status=failed`);
    await expect(page.getByRole('row').filter({ hasText: held.shortId }).innerText()).resolves.toContain('Gagal');
    await expect(page.getByLabel('Status').inputValue()).resolves.toBe('failed'); // the filter came from the URL

    expect((await admin(`/api/admin/pulsa/transactions/${held.id}`)).body).toMatchObject({
      status: 'failed',
      reason: 'Dicek di dasbor supplier: gagal',
      finalisedBy: 'admin',
      agentUsername: agent.username,
    });
    expect(await wallet(w.t, agent)).toMatchObject({ balance: '38500', held: '0', available: '38500' });
    expect(await agentState(agent.username)).toMatchObject({ balance: '38500', available: '38500' });
    await expectLedgerOk(w.t, w.admin);
  });

  it('registers an agent and shows their Telegram link and a QR code of it that links their chat', async () => {
    const username = `agen_qr_${Date.now() % 100000}`;
    await page.goto(`${w.base}/admin/pulsa/agen`);
    await page.getByRole('button', { name: 'Daftarkan agen' }).click();
    const form = page.getByRole('form', { name: 'Daftarkan agen' });
    await form.getByLabel('Username').fill(username);
    await form.getByLabel('Nama').fill('Sinar Cell');
    await form.getByLabel('Nomor HP').fill('081298765432');
    await form.getByLabel(/PIN awal/).fill('4826');
    await form.getByRole('button', { name: 'Daftarkan' }).click();
    expect(await says(`Agen ${username} didaftarkan`)).toBe(
      `Agen ${username} didaftarkan (dengan PIN). Kirimkan tautan Telegram di bawah kepadanya.`,
    );

    const card = page.getByRole('region', { name: `Tautan Telegram ${username}` });
    const href = await card.getByRole('link').getAttribute('href');
    expect(href).toMatch(/^https:\/\/t\.me\/\w+\?start=[\w-]+$/);
    // The canvas carries exactly the QR code of that link: sample each module's centre.
    const qr = QRCode.create(href!, {});
    const size = qr.modules.size;
    const canvas = card.getByRole('img', { name: `Kode QR tautan Telegram ${username}` });
    await page.waitForFunction(
      (c) => !!c && (c as HTMLCanvasElement).width > 0 && (c as HTMLCanvasElement).width !== 300,
      await canvas.elementHandle(),
    );
    const drawn = await canvas.evaluate((c: HTMLCanvasElement, n: number) => {
      const scale = c.width / (n + 4); // margin 2 on each side
      const pixels = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const dark: number[] = [];
      for (let row = 0; row < n; row++)
        for (let col = 0; col < n; col++) {
          const x = Math.floor((col + 2.5) * scale);
          const y = Math.floor((row + 2.5) * scale);
          dark.push(pixels[(y * c.width + x) * 4] < 128 ? 1 : 0);
        }
      return dark;
    }, size);
    expect(drawn).toEqual(Array.from(qr.modules.data, (bit) => (bit ? 1 : 0)));
    await expect(page.getByRole('row').filter({ hasText: username }).innerText()).resolves.toMatch(
      /Sinar Cell[\s\S]*Ada/,
    );
    await screenshots(page, 'pulsa-agents');

    expect(await agentState(username)).toMatchObject({ name: 'Sinar Cell', hasPin: true, telegramLinked: false });
    const code = new URL(href!).searchParams.get('start')!;
    await chatWith(w.tg, { id: 77_001, first_name: 'Sinar' }).say(`/start ${code}`);
    expect(await agentState(username)).toMatchObject({ telegramLinked: true });
  });

  it('unlocks an agent locked by five wrong PINs and sets a new PIN they can buy with', async () => {
    const agent = await createAgent(w.t, w.admin, { balance: 50_000, pin: '1234' });
    for (let i = 0; i < 5; i++) {
      expect(
        (await buy(w.t, agent, { productCode: 'XL5', destination: SIM.success, pin: '9999' }).expect(401)).body.code,
      ).toBe('WRONG_PIN');
    }
    expect(
      (await buy(w.t, agent, { productCode: 'XL5', destination: SIM.success, pin: '1234' }).expect(403)).body.code,
    ).toBe('AGENT_LOCKED');

    await page.goto(`${w.base}/admin/pulsa/agen`);
    await page.getByRole('searchbox', { name: 'Cari agen' }).fill(agent.username);
    await page.getByRole('button', { name: 'Cari' }).click();
    const row = page.getByRole('row').filter({ hasText: agent.username });
    await expect(row.innerText()).resolves.toContain('Terkunci');
    await row.getByRole('button', { name: `Kelola ${agent.username}` }).click();
    const panel = page.getByRole('region', { name: `Kelola ${agent.username}` });
    await panel.getByText('5 salah berturut-turut').waitFor();

    await panel.getByRole('button', { name: 'Buka kunci' }).click();
    await confirm('Ya, buka kunci');
    expect(await says('dibuka')).toBe(`${agent.username} dibuka: agen bisa membeli lagi.`);
    await panel.locator('button:disabled', { hasText: 'Buka kunci' }).waitFor(); // no longer locked

    await panel.getByLabel('PIN baru (4–6 angka)').fill('5678');
    await panel.getByRole('button', { name: 'Setel PIN' }).click();
    await confirm('Ya, setel PIN');
    await says(`PIN ${agent.username} disetel`);
    await row.filter({ hasText: 'Ada' }).waitFor();

    expect(await agentState(agent.username)).toMatchObject({ locked: false, pinFailures: 0, hasPin: true });
    expect(
      (await buy(w.t, agent, { productCode: 'XL5', destination: SIM.success, pin: '1234' }).expect(401)).body.code,
    ).toBe('WRONG_PIN');
    await buy(w.t, agent, { productCode: 'XL5', destination: SIM.success, pin: '5678' }).expect(202);
  });

  it('changes a price, adds a product and switches one off, and agents see the catalogue change', async () => {
    const agent: TestUser = await createAgent(w.t, w.admin, { balance: 0 });
    const forSale = async () =>
      (await w.t.http().get('/api/pulsa/products').set(agent.auth).expect(200)).body as {
        code: string;
        price: string;
      }[];
    expect((await forSale()).find((p) => p.code === 'T10')?.price).toBe('11500');

    await page.goto(`${w.base}/admin/pulsa/produk`);
    await page.getByLabel('Operator').selectOption('telkomsel');
    await page.getByRole('button', { name: 'Ubah T10', exact: true }).click();
    const form = page.getByRole('form', { name: 'Ubah produk T10' });
    await expect(form.getByLabel('Harga agen').inputValue()).resolves.toBe('11.500');
    await form.getByLabel('Harga agen').fill('12.250');
    await expect(form.innerText()).resolves.toContain('Margin per transaksi: Rp1.550');
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    expect(await says('T10 disimpan')).toBe('Produk T10 disimpan: harga Rp12.250, modal Rp10.700, aktif.');
    await page.getByRole('row').filter({ hasText: 'Telkomsel 10.000' }).filter({ hasText: 'Rp12.250' }).waitFor();
    expect((await forSale()).find((p) => p.code === 'T10')?.price).toBe('12250');

    await page.getByRole('button', { name: 'Nonaktifkan T5', exact: true }).click();
    expect(await says('T5 dinonaktifkan')).toBe('Produk T5 dinonaktifkan: agen tidak bisa membelinya.');
    expect((await forSale()).map((p) => p.code)).not.toContain('T5');

    await page.getByRole('button', { name: 'Tambah produk' }).click();
    const fresh = page.getByRole('form', { name: 'Produk baru' });
    await fresh.getByLabel('Kode').fill('t15');
    await fresh.getByLabel('Nama').fill('Telkomsel 15.000');
    await fresh.getByLabel('Nominal').fill('15.000');
    await fresh.getByLabel('Harga agen').fill('16500');
    await fresh.getByLabel('Modal supplier').fill('Rp 15.700');
    await fresh.getByLabel('SKU supplier').fill('t15');
    await fresh.getByRole('button', { name: 'Tambah produk' }).click();
    expect(await says('T15 ditambahkan')).toBe('Produk T15 ditambahkan: harga Rp16.500, modal Rp15.700.');
    expect((await forSale()).find((p) => p.code === 'T15')).toMatchObject({ price: '16500', operator: 'telkomsel' });
    await screenshots(page, 'pulsa-products');

    // The API's refusal is shown as it is.
    await page.getByRole('button', { name: 'Tambah produk' }).click();
    const again = page.getByRole('form', { name: 'Produk baru' });
    await again.getByLabel('Kode').fill('T15');
    await again.getByLabel('Nama').fill('Dobel');
    for (const label of ['Nominal', 'Harga agen', 'Modal supplier']) await again.getByLabel(label).fill('1000');
    await again.getByLabel('SKU supplier').fill('t15b');
    await again.getByRole('button', { name: 'Tambah produk' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('PRODUCT_EXISTS');
  });

  it("shows today's sales in the daily report with its chart, per product and operator", async () => {
    const agent = await createAgent(w.t, w.admin, { balance: 50_000 });
    const sold = await buy(w.t, agent, { productCode: 'XL25', destination: SIM.success }).expect(202);
    expect((await finalOf(w.t, agent, sold.body.id)).status).toBe('success');
    const today = jakartaToday();
    const report = (await admin(`/api/admin/pulsa/reports/daily?from=${today}&to=${today}`)).body;

    await page.goto(`${w.base}/admin/pulsa/laporan`);
    await page.getByRole('img', { name: 'Grafik penjualan dan margin pulsa per hari' }).waitFor();
    const days = page.getByRole('table', { name: 'Laporan per hari' }).getByRole('row');
    await expect(days.count()).resolves.toBe(15); // a header and 14 days
    const rupiah = (v: string) => `Rp${v.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
    const { count, sales, cost, margin } = report.totals;
    expect(count).toBeGreaterThanOrEqual(1);
    const figures = [String(count), rupiah(sales), rupiah(cost), rupiah(margin)];
    const newest = await days.nth(1).locator('td').allInnerTexts(); // newest first
    expect(newest[0]).toMatch(/^\d{1,2} \w{3} \d{4}$/);
    expect(newest.slice(1)).toEqual(figures);
    const cells = (table: string, key: string) =>
      page.getByRole('table', { name: table }).getByRole('row').filter({ hasText: key }).locator('td').allInnerTexts();
    await expect(cells('Laporan per produk', 'XL25')).resolves.toEqual(['XL25', '1', 'Rp26.500', 'Rp25.700', 'Rp800']);
    // Every sale in this world is an XL number (the simulator's test numbers are XL's).
    await expect(cells('Laporan per operator', 'XL')).resolves.toEqual(['XL', ...figures]);
    await expect(page.locator('.stat').filter({ hasText: 'Penjualan' }).innerText()).resolves.toContain(rupiah(sales));
    await screenshots(page, 'pulsa-report');

    // A range chosen in the form lands in the URL and asks the API for it.
    await page.getByLabel('Dari tanggal').fill(today);
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    await page.waitForURL(new RegExp(`dari=${today}`));
    await days.nth(2).waitFor({ state: 'detached' });
    await expect(days.count()).resolves.toBe(2);
  });
});
