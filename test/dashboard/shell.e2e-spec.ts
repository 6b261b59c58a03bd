import { readFileSync } from 'node:fs';
import { apiTypesFor, API_TYPES_FILE } from '../../scripts/api-types';
import { DASHBOARD_CSP } from '../../src/dashboard/dashboard-static';
import { createTestApp } from '../support/test-app';
import { createUser, dashboardInBrowser, openPage, screenshots, signIn } from './dashboard-harness';

describe('the admin dashboard: serving, sign-in and sign-out', () => {
  const w = dashboardInBrowser();

  it('serves the app under /admin with a strict policy, and itself for any page path so reloads work', async () => {
    const index = await w.t.http().get('/admin/').expect(200);
    expect(index.headers['content-security-policy']).toBe(DASHBOARD_CSP);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.text).toContain('<div id="root">');
    expect(index.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    const deep = await w.t.http().get('/admin/pulsa/agen').expect(200);
    expect(deep.text).toBe(index.text);
    const bare = await w.t.http().get('/admin?dari=menu').expect(200);
    expect(bare.headers['content-security-policy']).toBe(DASHBOARD_CSP);
    expect(bare.text).toBe(index.text);
    const script = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(index.text)![1];
    const asset = await w.t.http().get(script).expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    await w.t.http().get('/admin/assets/nothing-here.js').expect(404);
  });

  it("serves the Swagger UI under helmet's policy: the API drawn, nothing refused", async () => {
    const { page, problems } = await openPage(w.browser);
    await page.goto(`${w.base}/api/docs`);
    await page.locator('.swagger-ui .info .title').waitFor();
    await page.locator('.opblock-tag', { hasText: 'wallet' }).first().waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('lets an admin in, shows who is signed in, and drops the token on sign-out', async () => {
    const { page, problems } = await openPage(w.browser);
    await signIn(page, w.base, w.admin);
    await page.getByRole('heading', { name: 'Ringkasan' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('loket.admin.token'))).toMatch(/^ey/);
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByRole('button', { name: 'Masuk' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('refuses a customer with the reason, keeping no token', async () => {
    const customer = await createUser(w.t);
    const { page, problems } = await openPage(w.browser);
    await page.goto(`${w.base}/admin/`);
    await page.getByLabel('Nama pengguna').fill(customer.username);
    await page.getByLabel('Kata sandi').fill(customer.password);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('bukan admin');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("shows the API's message for a wrong password", async () => {
    const { page } = await openPage(w.browser);
    await page.goto(`${w.base}/admin/`);
    await page.getByLabel('Nama pengguna').fill(w.admin.username);
    await page.getByLabel('Kata sandi').fill('bukan-sandinya');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/INVALID_CREDENTIALS/);
    await screenshots(page, 'masuk');
    await page.context().close();
  });

  it('ends the session when the API stops accepting the token (the admin lost the role)', async () => {
    const boss = await createUser(w.t, { role: 'admin' });
    const { page } = await openPage(w.browser);
    await signIn(page, w.base, boss);
    await w.t
      .http()
      .patch(`/api/admin/users/${boss.username}`)
      .set(w.admin.auth)
      .send({ role: 'customer' })
      .expect(200);
    // The overview's next load meets the role guard's FORBIDDEN.
    await page.reload();
    await page.getByRole('button', { name: 'Masuk' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await page.context().close();
  });
});

describe('the dashboard without a build', () => {
  it('answers /admin with a 404 that says to build it', async () => {
    const t = await createTestApp({ LOKET_DASHBOARD_DIR: '/nonexistent/loket-admin' });
    try {
      const answer = await t.http().get('/admin/').expect(404);
      expect(answer.body).toMatchObject({ statusCode: 404, code: 'DASHBOARD_NOT_BUILT' });
    } finally {
      await t.close();
    }
  });
});

describe("the dashboard's API types", () => {
  it('match the document the API publishes (npm run api:types regenerates them)', async () => {
    const t = await createTestApp();
    try {
      const document = (await t.http().get('/api/docs-json').expect(200)).body;
      expect(apiTypesFor(document) === readFileSync(API_TYPES_FILE, 'utf8')).toBe(true);
    } finally {
      await t.close();
    }
  });
});
