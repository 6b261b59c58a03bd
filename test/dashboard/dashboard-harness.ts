import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { Browser, ConsoleMessage, Page } from 'playwright-core';
import { FakeMidtrans } from '../fakes/midtrans/fake-midtrans';
import { FakeTelegramApi } from '../fakes/telegram/fake-telegram-api';
import { SERVER_KEY } from '../payments/payments-harness';
import { PULSA_TEST_ENV } from '../pulsa/pulsa-harness';
import { launchChromium as launchDebianChromium } from '../support/chromium';
import { createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { startFakeTelegram, TOKEN } from '../telegram/telegram-harness';

const ROOT = join(__dirname, '../..');
const WEB = join(ROOT, 'src/dashboard/web');
export const SHOTS = join(ROOT, 'test-results/dashboard');
export const LAPTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : [path];
  });
}

/**
 * The dashboard built from the current source with the project's Vite, once per version of the
 * source (jest workers share the result): the tests always drive what `npm run build` would serve.
 */
export function builtDashboard(): string {
  const hash = createHash('sha256');
  for (const file of sourceFiles(WEB).sort()) hash.update(relative(WEB, file)).update(readFileSync(file));
  const dir = join(ROOT, 'node_modules/.cache/loket-dashboard', hash.digest('hex').slice(0, 16));
  if (existsSync(join(dir, 'index.html'))) return dir;
  const building = `${dir}.${process.pid}`;
  execFileSync(
    process.execPath,
    [
      join(dirname(require.resolve('vite/package.json')), 'bin/vite.js'),
      'build',
      '--config',
      join(WEB, 'vite.config.mts'),
      '--logLevel',
      'warn',
    ],
    {
      env: { ...process.env, DASHBOARD_OUT_DIR: building },
      stdio: 'pipe',
    },
  );
  try {
    renameSync(building, dir);
  } catch {
    // Another worker built the same source first.
    rmSync(building, { recursive: true, force: true });
  }
  return dir;
}

export interface DashboardWorld {
  t: TestApp;
  mt: FakeMidtrans;
  tg: FakeTelegramApi;
  admin: TestUser;
  /** http://127.0.0.1:port of the running Loket. */
  base: string;
  close(): Promise<void>;
}

/**
 * Loket on a real database serving the built dashboard, with payments against a fake Midtrans,
 * the bot polling a fake Telegram, and pulsa on the simulator; every API answer is contract-checked.
 */
export async function startDashboardWorld(env: Record<string, string> = {}): Promise<DashboardWorld> {
  const dir = builtDashboard();
  const mt = await FakeMidtrans.start({ serverKey: SERVER_KEY });
  const tg = await startFakeTelegram();
  const t = await createTestApp({
    LOKET_DASHBOARD_DIR: dir,
    MIDTRANS_SERVER_KEY: SERVER_KEY,
    MIDTRANS_SNAP_URL: mt.snapUrl,
    MIDTRANS_API_URL: mt.apiUrl,
    MIDTRANS_TIMEOUT_MS: '2000',
    PAYMENT_RECONCILE_SECONDS: '3600',
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: tg.apiRoot,
    TELEGRAM_MODE: 'polling',
    TELEGRAM_POLL_TIMEOUT: '1',
    RESERVATION_RATE_LIMIT: '10000',
    PUBLIC_URL: 'https://servis.example',
    ...PULSA_TEST_ENV,
    ...env,
  });
  await t.app.listen(0, '127.0.0.1');
  const admin = await createUser(t, { role: 'admin' });
  return {
    t,
    mt,
    tg,
    admin,
    base: `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`,
    close: async () => {
      await t.close();
      await tg.stop();
      await mt.close();
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return launchDebianChromium();
}

/** A page that records what the browser refused or failed on: CSP violations and uncaught errors fail tests. */
export async function openPage(browser: Browser, viewport = LAPTOP): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (
      message.type() === 'error' &&
      !/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())
    )
      problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { page, problems };
}

/** Signs in through the dashboard's own form and waits for the section list. */
export async function signIn(page: Page, base: string, user: Pick<TestUser, 'username' | 'password'>): Promise<void> {
  await page.goto(`${base}/admin/`);
  await page.getByLabel('Nama pengguna').fill(user.username);
  await page.getByLabel('Kata sandi').fill(user.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('navigation', { name: 'Bagian' }).waitFor({ state: 'attached' });
}

/** A DashboardWorld with a Chromium to drive it, for the tests of one describe block. */
export interface BrowserWorld extends DashboardWorld {
  browser: Browser;
  /** A new page signed in as the admin, at `path` under /admin when given; its `problems` must stay empty. */
  signedIn(path?: string): Promise<{ page: Page; problems: string[] }>;
}

/**
 * Starts Chromium and a DashboardWorld before the describe block's tests and closes both after them.
 * Call it in the block before its own beforeAll, which then finds the world started.
 */
export function dashboardInBrowser(env: Record<string, string> = {}): BrowserWorld {
  // Filled in by beforeAll: the tests only run once it did.
  const w = {
    signedIn: async (path?: string) => {
      const opened = await openPage(w.browser);
      await signIn(opened.page, w.base, w.admin);
      if (path) await opened.page.goto(`${w.base}/admin${path}`);
      return opened;
    },
  } as BrowserWorld;
  beforeAll(async () => {
    w.browser = await launchChromium();
    Object.assign(w, await startDashboardWorld(env));
  });
  afterAll(async () => {
    await w.browser?.close();
    await w.close?.();
  });
  return w;
}

/** Screenshots of the page as it is now, at laptop and phone width, under test-results/dashboard. */
export async function screenshots(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize() ?? LAPTOP;
  for (const [width, size] of [
    ['laptop', LAPTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(size);
    // From the top, so the sticky bar is drawn where a person sees it.
    await page.evaluate('window.scrollTo(0, 0)');
    // Two frames, so charts have redrawn at the new width before the picture is taken.
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(viewport);
}

export { createUser };
