import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:net';
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

const LISTENING = /Worker (\d+) listening on port/g;

function listeningWorkers(service: Service): number[] {
  return [...service.output().matchAll(LISTENING)].map((m) => Number(m[1]));
}

async function until(what: string, check: () => boolean, service: Service): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}:\n${service.output()}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

/** LOKET_WORKERS=2 through the real entry point: the primary owns the database, workers serve. */
describe('running as a cluster (LOKET_WORKERS)', () => {
  let dataDir: string;
  let running: Service | undefined;
  let blocker: Server | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'loket-cluster-'));
  });

  afterAll(async () => {
    if (running) await forceStop(running);
    blocker?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function environment(): Promise<NodeJS.ProcessEnv> {
    // With DATABASE_URL (the CI run against the machine's PostgreSQL) the workers share that server;
    // without it the primary starts the embedded one and stops it last.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      LOKET_WORKERS: '2',
      LOKET_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(await freePort()),
    };
    delete env.JWT_SECRET;
    return env;
  }

  it('serves from two workers sharing one port and one token secret, replaces a dead worker, stops on Ctrl-C', async () => {
    const env = await environment();
    running = startService(env);
    await waitUntilReady(running);
    await until('both workers listen', () => listeningWorkers(running!).length === 2, running);
    const [first, second] = listeningWorkers(running);
    expect(first).not.toBe(second);

    // A token signed by whichever worker answered the sign-in is accepted by every worker.
    const username = uniqueUsername('cluster');
    const password = 'dua-pekerja-satu-rahasia';
    await request(running.url).post('/api/auth/signup').send({ username, password, name: 'Cluster' }).expect(201);
    const signin = await request(running.url).post('/api/auth/signin').send({ username, password }).expect(200);
    const token = signin.body.accessToken as string;
    for (let i = 0; i < 10; i++) {
      await request(running.url).get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    }

    process.kill(first, 'SIGKILL');
    await until('a new worker listens', () => listeningWorkers(running!).length === 3, running);
    expect(running.output()).toContain(`Worker ${first} exited (SIGKILL); starting another`);
    const me = await request(running.url).get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body.username).toBe(username);

    expect(await stopWithCtrlC(running)).toBe(0);
    for (const pid of listeningWorkers(running)) expect(() => process.kill(pid, 0)).toThrow();
    if (!env.DATABASE_URL) expect(await acceptsConnections(Number(env.EMBEDDED_PG_PORT))).toBe(false);
  }, 180_000);

  it('stops with an error when a worker cannot start (the port is taken)', async () => {
    const env = await environment();
    blocker = createServer();
    await new Promise<void>((done) => blocker!.listen(Number(env.PORT), '0.0.0.0', done));
    running = startService(env);
    const code = await Promise.race([
      running.exited,
      new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), 90_000).unref()),
    ]);
    expect(code).toBe(1);
    expect(running.output()).toContain('A worker exited while starting');
    if (!env.DATABASE_URL) expect(await acceptsConnections(Number(env.EMBEDDED_PG_PORT))).toBe(false);
  }, 120_000);
});
