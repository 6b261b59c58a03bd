import { Page } from 'playwright-core';
import { addDays, jakartaToday } from '../../src/common/time/jakarta-days';
import { LedgerService } from '../../src/ledger/ledger.service';
import { move, walletAccountCode } from '../../src/ledger/ledger.types';
import { PayMethod } from '../fakes/midtrans/fake-midtrans';
import { balanceOf, notify, payAndNotify, pendingTopup, PaymentsWorld } from '../payments/payments-harness';
import { TestUser } from '../support/factories';
import { createUser, dashboardInBrowser, screenshots } from './dashboard-harness';

describe('the dashboard: payments', () => {
  const w = dashboardInBrowser();
  let pw: PaymentsWorld;
  let ani: TestUser;
  let budi: TestUser;
  let aniPaid: string;
  let aniPending: string;
  let budiPaid: string;

  const paidTopup = async (owner: TestUser, amount: number, method: PayMethod = 'gopay') => {
    const orderId = await pendingTopup(w.t, owner, amount);
    expect((await payAndNotify(pw, orderId, method)).body).toEqual({ outcome: 'applied' });
    return orderId;
  };
  const paymentOf = async (orderId: string) =>
    (await w.t.http().get(`/api/admin/payments/${orderId}`).set(w.admin.auth).expect(200)).body;

  const statusNote = (page: Page) => page.getByRole('status');
  const heading = (page: Page) => page.getByRole('heading', { level: 1 });

  beforeAll(async () => {
    pw = { t: w.t, mt: w.mt, admin: w.admin, close: w.close };
    [ani, budi] = [await createUser(w.t), await createUser(w.t)];
    aniPaid = await paidTopup(ani, 40_000);
    budiPaid = await paidTopup(budi, 25_000);
    aniPending = await pendingTopup(w.t, ani, 30_000);
  });

  it('lists payments with filters kept in the URL', async () => {
    const { page, problems } = await w.signedIn('/pembayaran');
    const row = (orderId: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name: orderId }) });
    await row(aniPaid).waitFor();
    expect(await row(aniPaid).innerText()).toMatch(/Dibayar\s+Rp40\.000\s+Isi saldo dompet/);
    expect(await row(aniPending).innerText()).toContain('Menunggu');
    await screenshots(page, 'payments-list');

    await page.getByRole('combobox', { name: /^Status/ }).selectOption('pending');
    await page.waitForURL(/\/admin\/pembayaran\?status=pending$/);
    await row(aniPaid).waitFor({ state: 'detached' });
    expect(await row(aniPending).isVisible()).toBe(true);
    expect(await page.getByRole('navigation', { name: 'Halaman' }).innerText()).toContain('1–1 dari 1');

    // A reload keeps the filter; the payer filter narrows to one user's payments.
    await page.reload();
    await row(aniPending).waitFor();
    expect(await page.getByRole('combobox', { name: /^Status/ }).inputValue()).toBe('pending');
    await page.getByRole('button', { name: 'Hapus saringan' }).click();
    await row(budiPaid).waitFor();
    // Every row names its payer, who links to their payments only.
    expect(await row(budiPaid).innerText()).toContain(budi.username);
    await row(aniPaid).getByRole('link', { name: ani.username, exact: true }).click();
    await page.waitForURL(new RegExp(`\\?pembayar=${ani.username}$`));
    await row(budiPaid).waitFor({ state: 'detached' });
    expect(await row(aniPending).innerText()).toContain(ani.username);
    expect(await page.getByLabel('Pembayar (nama pengguna)').inputValue()).toBe(ani.username);
    await page.getByLabel('Pembayar (nama pengguna)').fill(budi.username);
    await page.getByRole('button', { name: 'Cari' }).click();
    await page.waitForURL(new RegExp(`pembayar=${budi.username}$`));
    await row(aniPaid).waitFor({ state: 'detached' });
    expect(await row(budiPaid).innerText()).toContain(budi.username);

    // Days are Jakarta days, the last one included: today finds it, up to yesterday does not.
    const today = jakartaToday();
    await page.getByLabel('Dibuat dari').fill(today);
    await page.waitForURL(/dari=/);
    await row(budiPaid).waitFor();
    await page.getByLabel('Sampai').fill(addDays(today, -1));
    await page.getByText('Tidak ada pembayaran yang cocok dengan saringan ini.').waitFor();
    expect(new URL(page.url()).searchParams.get('sampai')).toBe(addDays(today, -1));
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows a payment with its timeline and every stored notification as received, refused ones too', async () => {
    // A forged repeat of the settlement: stored, refused, and shown with why.
    expect((await notify(w.t, { ...w.mt.notification(budiPaid), signature_key: 'palsu' })).status).toBe(401);
    const { page, problems } = await w.signedIn(`/pembayaran/${budiPaid}`);
    await page.getByRole('heading', { name: /Notifikasi Midtrans \(2\)/ }).waitFor();
    expect(await heading(page).innerText()).toMatch(new RegExp(`${budiPaid}\\s+Dibayar`));
    const facts = await page.locator('dl.facts').first().innerText();
    expect(facts).toContain(budi.username);
    expect(facts).toMatch(/Jumlah\s+Rp25\.000/);
    expect(await page.locator('.payments-timeline').innerText()).toMatch(
      /Dibayar\s+Notifikasi Midtrans · Midtrans: settlement/,
    );

    const notifications = page.locator('article.payments-notification');
    const [accepted, refused] = [notifications.nth(0), notifications.nth(1)];
    expect(await accepted.innerText()).toContain('Diterima: status berubah');
    const raw = JSON.parse(await accepted.locator('pre.raw').innerText());
    expect(raw).toMatchObject({ order_id: budiPaid, transaction_status: 'settlement', gross_amount: '25000.00' });
    expect(await refused.innerText()).toContain('Ditolak (INVALID_SIGNATURE)');
    expect(await refused.locator('pre.raw').innerText()).toContain('"signature_key":"palsu"');
    const stored = (await paymentOf(budiPaid)).notifications;
    expect(stored.map((n: { outcome: string }) => n.outcome)).toEqual(['applied', 'invalid_signature']);
    await screenshots(page, 'payments-detail');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('refunds online through Midtrans after a confirmation, once, even when the first answer is lost', async () => {
    const { page, problems } = await w.signedIn(`/pembayaran/${aniPaid}`);
    await page.getByRole('heading', { name: 'Kembalikan dana' }).waitFor();
    await page.getByLabel('Alasan').fill('Pelanggan membatalkan');
    await page.getByRole('button', { name: 'Kembalikan dana…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/Kembalikan Rp40\.000\?[\s\S]*Midtrans akan mengembalikan/);
    expect(await dialog.innerText()).toContain(`saldo dompet ${ani.username}`);
    await screenshots(page, 'payments-refund');

    // Midtrans refunds but Loket never hears back: the API says so and keeps the amount held.
    w.mt.failNext('refund', { hang: true, applied: true });
    await dialog.getByRole('button', { name: 'Ya, kembalikan' }).click();
    await page.getByRole('alert').filter({ hasText: 'PAYMENT_PROVIDER_ERROR' }).waitFor();
    expect(await balanceOf(w.t, ani)).toMatchObject({ balance: '40000', held: '40000' });

    // Confirming the same refund again sends the same Idempotency-Key: the same refund_key, one refund.
    await page.getByRole('button', { name: 'Kembalikan dana…' }).click();
    await dialog.getByRole('button', { name: 'Ya, kembalikan' }).click();
    await statusNote(page).filter({ hasText: 'Rp40.000 dikembalikan lewat Midtrans' }).waitFor();
    expect(await statusNote(page).innerText()).toBe(
      'Rp40.000 dikembalikan lewat Midtrans. Status pembayaran: Dikembalikan.',
    );
    await heading(page).filter({ hasText: 'Dikembalikan' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Kembalikan dana' }).count()).toBe(0);
    expect(await page.getByRole('table').last().innerText()).toMatch(
      /Rp40\.000\s+Midtrans\s+Pelanggan membatalkan\s+Berhasil/,
    );

    const calls = w.mt.requestsTo('refund').map((r) => r.body as { refund_key: string; amount: number });
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual({ refund_key: calls[0].refund_key, amount: 40000, reason: 'Pelanggan membatalkan' });
    const payment = await paymentOf(aniPaid);
    expect(payment).toMatchObject({ status: 'refunded', refundedAmount: '40000' });
    expect(payment.refunds).toEqual([expect.objectContaining({ refundKey: calls[0].refund_key, status: 'succeeded' })]);
    expect(await balanceOf(w.t, ani)).toMatchObject({ balance: '0', held: '0' });
    // The lost answer is the only thing the browser complained about.
    expect(problems.filter((p) => !/status of 502/.test(p))).toEqual([]);
    await page.context().close();
  });

  it('records part of a payment as refunded offline, with its reference, without calling Midtrans', async () => {
    const before = w.mt.requestsTo('refund').length;
    const { page, problems } = await w.signedIn(`/pembayaran/${budiPaid}`);
    await page.getByRole('heading', { name: 'Kembalikan dana' }).waitFor();
    await page.getByLabel('Sebagian').check();
    await page.getByLabel('Jumlah (rupiah)').fill('30.000');
    expect(await page.getByText('Paling banyak Rp25.000.').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Kembalikan dana…' }).isDisabled()).toBe(true);
    await page.getByLabel('Jumlah (rupiah)').fill('10.000');
    await page.getByLabel('Offline', { exact: false }).check();
    await page.getByLabel('Alasan').fill('Kelebihan bayar, ditransfer balik');
    expect(await page.getByRole('button', { name: 'Kembalikan dana…' }).isDisabled()).toBe(true);
    await page.getByLabel('Referensi transfer atau kuitansi').fill('BCA-TRF-20261122-0042');
    await page.getByRole('button', { name: 'Kembalikan dana…' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.innerText()).toMatch(
      /Kembalikan Rp10\.000\?[\s\S]*referensi BCA-TRF-20261122-0042\); Midtrans tidak dihubungi/,
    );
    await dialog.getByRole('button', { name: 'Ya, kembalikan' }).click();
    await statusNote(page).waitFor();
    expect(await statusNote(page).innerText()).toBe(
      'Pengembalian Rp10.000 di luar Midtrans dicatat (referensi BCA-TRF-20261122-0042). Status pembayaran: Dikembalikan sebagian.',
    );
    await heading(page).filter({ hasText: 'Dikembalikan sebagian' }).waitFor();
    // What is left can still be refunded.
    await page.getByText('Bisa dikembalikan: Rp15.000').waitFor();
    expect(await page.getByRole('table').last().innerText()).toContain('Offline · BCA-TRF-20261122-0042');

    expect(w.mt.requestsTo('refund')).toHaveLength(before);
    expect(await paymentOf(budiPaid)).toMatchObject({ status: 'partially_refunded', refundedAmount: '10000' });
    expect(await balanceOf(w.t, budi)).toMatchObject({ balance: '15000', held: '0' });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('decides a payment in reversal_review after explaining both choices', async () => {
    // A top-up of 25.000, 20.000 of it spent, then reversed by the bank: 5.000 is held for review.
    const cici = await createUser(w.t);
    const orderId = await paidTopup(cici, 25_000, 'indomaret');
    await w.t.app.get(LedgerService).post({
      kind: 'transfer',
      legs: move(walletAccountCode(cici.id), walletAccountCode(ani.id), 20_000n),
    });
    expect((await notify(w.t, w.mt.setStatus(orderId, 'deny'))).body).toEqual({ outcome: 'applied' });

    const { page, problems } = await w.signedIn(`/pembayaran/${orderId}`);
    await page.getByRole('heading', { name: 'Perlu keputusan' }).waitFor();
    expect(await heading(page).innerText()).toContain('Perlu ditinjau');
    expect(await page.getByRole('heading', { name: 'Kembalikan dana' }).count()).toBe(0);
    await page.getByLabel('Batalkan pembayaran (pembatalan bank berlaku)').check();
    expect(
      await page
        .getByRole('group', { name: 'Keputusan' })
        .getByText(/sudah terpakai dicatat sebagai kerugian/)
        .isVisible(),
    ).toBe(true);
    await page.getByLabel('Alasan').fill('Chargeback dikonfirmasi bank');
    await page.getByRole('button', { name: 'Simpan keputusan…' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.innerText()).toContain('Alasan: Chargeback dikonfirmasi bank');
    await dialog.getByRole('button', { name: 'Ya, putuskan' }).click();
    await statusNote(page).waitFor();
    expect(await statusNote(page).innerText()).toBe(
      'Pembayaran dibatalkan: Rp5.000 diambil kembali, Rp20.000 dicatat sebagai kerugian.',
    );
    await heading(page).filter({ hasText: 'Dibatalkan bank' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Perlu keputusan' }).count()).toBe(0);
    expect(await page.locator('.payments-timeline li').last().innerText()).toContain('Chargeback dikonfirmasi bank');

    expect(await paymentOf(orderId)).toMatchObject({ status: 'reversed' });
    expect(await balanceOf(w.t, cici)).toMatchObject({ balance: '0', held: '0' });
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
