import { Page } from 'playwright-core';
import { TestUser } from '../support/factories';
import { fund, sendTransfer } from '../wallet/wallet-helpers';
import { createUser, dashboardInBrowser, screenshots } from './dashboard-harness';

// Pengguna & buku besar in Chromium: roles changed, balances read, adjustments posted, the ledger checked.
describe('Pengguna & buku besar in the browser', () => {
  const w = dashboardInBrowser();
  let page: Page;
  let problems: string[];

  const roleOf = async (user: Pick<TestUser, 'username'>) => {
    const res = await w.t
      .http()
      .get('/api/admin/users')
      .query({ username: user.username })
      .set(w.admin.auth)
      .expect(200);
    return (res.body.items as { username: string; role: string }[]).find((u) => u.username === user.username)?.role;
  };
  const userRow = (username: string) => page.getByRole('row').filter({ hasText: username });
  const legs = () => page.locator('.card table tbody tr');
  /** A journal leg's amount (or its balance after) as shown. */
  const leg = (account: string, column: 'amount' | 'balanceAfter') =>
    legs()
      .filter({ hasText: account })
      .locator('td')
      .nth(column === 'amount' ? 1 : 2)
      .innerText();

  /** Picks a new role in the user's row and confirms it in the dialog. */
  async function changeRole(username: string, role: string) {
    await page.goto(`${w.base}/admin/pengguna?cari=${username}`);
    await page.getByLabel(`Peran baru untuk ${username}`).selectOption({ label: role });
    await userRow(username).getByRole('button', { name: 'Ubah' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.innerText()).resolves.toContain(`menjadi ${role}`);
    await dialog.getByRole('button', { name: 'Ya, ubah peran' }).click();
  }

  beforeAll(async () => {
    ({ page, problems } = await w.signedIn());
  });

  it("changes a user's role after a confirmation, and shows the API's refusal of the admin's own", async () => {
    const siti = await createUser(w.t);
    await changeRole(siti.username, 'Agen');
    await expect(page.getByRole('status').innerText()).resolves.toBe(`Peran ${siti.username} sekarang Agen.`);
    await expect(userRow(siti.username).locator('.badge').first().innerText()).resolves.toBe('Agen');
    await expect(roleOf(siti)).resolves.toBe('agent');

    await changeRole(w.admin.username, 'Pelanggan');
    const alert = await page.getByRole('alert').innerText();
    expect(alert).toContain('Admins cannot change their own role');
    expect(alert).toContain('OWN_ROLE_CHANGE');
    await expect(roleOf(w.admin)).resolves.toBe('admin');

    // The role filter keeps to the URL, and each user links to their wallet's account.
    await page.goto(`${w.base}/admin/pengguna?peran=agent`);
    await userRow(siti.username).waitFor();
    await expect(page.getByRole('row').filter({ hasText: w.admin.username }).count()).resolves.toBe(0);
    await expect(page.getByRole('search').locator('select').inputValue()).resolves.toBe('agent');
    await page.goto(`${w.base}/admin/pengguna`);
    await userRow(siti.username).waitFor();
    await screenshots(page, 'ledger-users');
    await page.getByRole('link', { name: `Dompet ${siti.username}` }).click();
    await page.getByRole('heading', { name: `wallet:${siti.id}` }).waitFor();
    expect(problems).toEqual([]);
  });

  it("lists a wallet's balance after funding and a transfer made through the API, down to the journal's legs", async () => {
    const [ani, budi] = [await createUser(w.t), await createUser(w.t)];
    await fund(w.t, w.admin, ani, 100_000);
    expect((await sendTransfer(w.t, ani, budi, 30_000, { description: 'Bayar makan' })).status).toBe(201);

    await page.goto(`${w.base}/admin/pengguna/akun`);
    await page.getByLabel('Jenis').selectOption({ label: 'Dompet pengguna' });
    const aniRow = page.getByRole('row').filter({ hasText: `wallet:${ani.id}` });
    const budiRow = page.getByRole('row').filter({ hasText: `wallet:${budi.id}` });
    await expect(aniRow.locator('td').nth(2).innerText()).resolves.toBe(ani.username);
    await expect(aniRow.locator('td').nth(3).innerText()).resolves.toBe('Rp70.000');
    await expect(budiRow.locator('td').nth(2).innerText()).resolves.toBe(budi.username);
    await expect(budiRow.locator('td').nth(5).innerText()).resolves.toBe('Rp30.000');
    // Kas paid the funding out, so it stands at minus what was deposited.
    await page.getByLabel('Jenis').selectOption({ label: 'Akun sistem' });
    const cashRow = page.getByRole('row').filter({ hasText: 'system:cash' });
    await expect(cashRow.locator('td').nth(2).innerText()).resolves.toBe('Sistem');
    await expect(cashRow.locator('td').nth(3).innerText()).resolves.toBe('-Rp100.000');
    await page.getByLabel('Jenis').selectOption({ label: 'Dompet pengguna' });
    await aniRow.waitFor();
    await screenshots(page, 'ledger-accounts');

    await aniRow.getByRole('link', { name: `wallet:${ani.id}` }).click();
    await expect(page.locator('.stat .value').first().innerText()).resolves.toBe('Rp70.000');
    await expect(page.locator('.ledger-facts').innerText()).resolves.toMatch(new RegExp(`Pemilik\\s+${ani.username}`));
    const transfer = page.getByRole('row').filter({ hasText: 'Transfer' });
    await expect(transfer.locator('td').nth(2).innerText()).resolves.toBe('-Rp30.000');
    await expect(transfer.locator('td').nth(3).innerText()).resolves.toBe('Rp70.000');
    await expect(transfer.locator('td').nth(4).innerText()).resolves.toBe(`wallet:${budi.id}`);
    await screenshots(page, 'ledger-account');

    await transfer.getByRole('link', { name: 'Lihat jurnal' }).click();
    await legs().first().waitFor();
    await expect(legs().count()).resolves.toBe(2);
    await expect(leg(`wallet:${ani.id}`, 'amount')).resolves.toBe('-Rp30.000');
    await expect(leg(`wallet:${budi.id}`, 'balanceAfter')).resolves.toBe('Rp30.000');
    await expect(page.locator('tfoot').innerText()).resolves.toContain('Rp0');
    const id = page.url().split('/').pop()!;
    const journal = await w.t.http().get(`/api/admin/ledger/journals/${id}`).set(w.admin.auth).expect(200);
    expect(journal.body.kind).toBe('transfer');
    await screenshots(page, 'ledger-journal');

    // The owner links to them in the users list.
    await page.goBack();
    await page.getByRole('link', { name: ani.username, exact: true }).click();
    await page.waitForURL(new RegExp(`/admin/pengguna\\?cari=${ani.username}$`));
    await userRow(ani.username).waitFor();
    const account = await w.t.http().get(`/api/admin/ledger/accounts/wallet:${ani.id}`).set(w.admin.auth).expect(200);
    expect(account.body).toMatchObject({ ownerId: ani.id, ownerUsername: ani.username });
    expect(problems).toEqual([]);
  });

  it('posts an adjustment with a reason after a check, showing the new balance and the journal', async () => {
    const cici = await createUser(w.t);
    await fund(w.t, w.admin, cici, 10_000);
    await page.goto(`${w.base}/admin/pengguna/penyesuaian`);
    await page.getByLabel('Nama pengguna atau kode akun').fill(cici.username);
    await page.getByLabel('Jumlah (Rp)').fill('25.000');
    await page.getByLabel('Alasan').fill('Setoran tunai di loket');
    await page.getByRole('button', { name: 'Periksa' }).click();

    const check = page.locator('.card', { hasText: 'Periksa sebelum memposting' });
    await expect(check.innerText()).resolves.toMatch(/Saldo sekarang\s+Rp10\.000/);
    await expect(check.innerText()).resolves.toMatch(/Saldo sesudahnya\s+Rp35\.000/);
    await screenshots(page, 'ledger-adjustment');
    // Nothing moves before the confirmation.
    await expect(balance(cici)).resolves.toBe('10000');

    await page.getByRole('button', { name: 'Ya, posting penyesuaian' }).click();
    await expect(page.getByRole('status').innerText()).resolves.toBe(
      `Penyesuaian diposting. Saldo wallet:${cici.id} sekarang Rp35.000.`,
    );
    const shown = await page.locator('.card').innerText();
    expect(shown).toContain('Setoran tunai di loket');
    expect(shown).toContain(w.admin.username);
    await expect(leg('system:cash', 'amount')).resolves.toBe('-Rp25.000');
    await expect(leg(`wallet:${cici.id}`, 'balanceAfter')).resolves.toBe('Rp35.000');
    await screenshots(page, 'ledger-adjustment-done');
    await expect(balance(cici)).resolves.toBe('35000');

    await page.getByRole('link', { name: 'Buka jurnal' }).click();
    const id = page.url().split('/').pop()!;
    const journal = await w.t.http().get(`/api/admin/ledger/journals/${id}`).set(w.admin.auth).expect(200);
    expect(journal.body).toMatchObject({
      kind: 'adjustment',
      metadata: { reason: 'Setoran tunai di loket', adminUsername: w.admin.username },
    });

    // A debit past the balance: the API refuses, and the page says why.
    await page.goto(`${w.base}/admin/pengguna/penyesuaian?akun=wallet:${cici.id}`);
    await page.getByLabel('Arah').selectOption({ label: 'Kurangi saldo (debit)' });
    await page.getByLabel('Jumlah (Rp)').fill('50000');
    await page.getByLabel('Alasan').fill('Koreksi salah catat');
    await page.getByRole('button', { name: 'Periksa' }).click();
    await page.getByText('Saldo tidak cukup').waitFor();
    await page.getByRole('button', { name: 'Ya, posting penyesuaian' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('INSUFFICIENT_FUNDS');
    await expect(balance(cici)).resolves.toBe('35000');
    expect(problems).toEqual([]);
  });

  it('says the ledger is OK, and checks again on request', async () => {
    await page.goto(`${w.base}/admin/pengguna/verifikasi`);
    const verdict = page.locator('.ledger-verdict');
    await expect(verdict.innerText()).resolves.toBe('Buku besar seimbang: semua pemeriksaan lolos.');
    const report = await w.t.http().get('/api/admin/ledger/verify').set(w.admin.auth).expect(200);
    expect(report.body.ok).toBe(true);
    await expect(page.locator('.stat', { hasText: 'Jurnal' }).locator('.value').innerText()).resolves.toBe(
      String(report.body.journals),
    );

    await page.getByRole('button', { name: 'Periksa lagi' }).click();
    await expect(verdict.innerText()).resolves.toContain('seimbang');
    await screenshots(page, 'ledger-verify');
    expect(problems).toEqual([]);
  });

  async function balance(user: TestUser): Promise<string> {
    return (await w.t.http().get('/api/wallet').set(user.auth).expect(200)).body.balance;
  }
});
