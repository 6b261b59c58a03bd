import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { uniqueUsername } from './support/factories';
import { freePort } from './support/free-port';
import {
  acceptsConnections,
  forceStop,
  Service,
  startService,
  stopWithCtrlC,
  waitUntilReady,
} from './support/service-process';

// This suite is about the embedded PostgreSQL; the run against another server skips it.
const describeEmbedded = process.env.DATABASE_URL ? describe.skip : describe;

async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
}

describeEmbedded('restarting the service (embedded PostgreSQL)', () => {
  let dataDir: string;
  let running: Service | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'loket-restart-'));
  });

  afterAll(async () => {
    if (running) await forceStop(running);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps accounts, passwords and tokens across a Ctrl-C and a new start', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      LOKET_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(await freePort()),
    };
    delete env.DATABASE_URL;
    delete env.JWT_SECRET;
    const pgPort = Number(env.EMBEDDED_PG_PORT);
    const username = uniqueUsername('restart');
    const password = 'tetap-ada-setelah-restart';

    running = startService(env);
    await waitUntilReady(running);
    await request(running.url).post('/api/auth/signup').send({ username, password, name: 'Restart Test' }).expect(201);
    const first = await request(running.url).post('/api/auth/signin').send({ username, password }).expect(200);
    const token = first.body.accessToken as string;

    const code = await stopWithCtrlC(running);
    expect({ code, output: code === 0 ? '' : running.output() }).toEqual({ code: 0, output: '' });
    expect(await acceptsConnections(pgPort)).toBe(false);

    running = startService(env);
    await waitUntilReady(running);
    const again = await request(running.url).post('/api/auth/signin').send({ username, password }).expect(200);
    expect(again.body.user.id).toBe(first.body.user.id);
    const me = await request(running.url).get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body).toMatchObject({ id: first.body.user.id, username, name: 'Restart Test', role: 'customer' });

    // One compact JSON line per request: the caller's request id, method, path, status and time,
    // never a header or a body (the password and the token above must not appear).
    await request(running.url).get('/api/me').set('Authorization', `Bearer ${token}`).set('X-Request-Id', 'trace-me-1');
    await request(running.url).get('/api/me').set('X-Request-Id', 'trace-me-2').expect(401);
    const lines = () =>
      running!
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map(
          (line) => JSON.parse(line) as { msg: string; req?: { id: string }; res?: unknown; responseTime?: unknown },
        );
    await waitFor(() => lines().some((line) => line.req?.id === 'trace-me-2'));
    const traced = lines().filter((line) => line.req?.id?.startsWith('trace-me-'));
    expect(traced).toEqual([
      expect.objectContaining({
        msg: 'request completed',
        req: { id: 'trace-me-1', method: 'GET', url: '/api/me' },
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
      }),
      expect.objectContaining({ req: { id: 'trace-me-2', method: 'GET', url: '/api/me' }, res: { statusCode: 401 } }),
    ]);
    expect(lines()).toContainEqual(
      expect.objectContaining({ req: expect.objectContaining({ url: '/api/auth/signin' }), res: { statusCode: 200 } }),
    );
    expect(running.output()).not.toContain(password);
    expect(running.output()).not.toContain(token);

    expect(await stopWithCtrlC(running)).toBe(0);
    expect(await acceptsConnections(pgPort)).toBe(false);
  }, 120_000);
});
