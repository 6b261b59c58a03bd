import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { uniqueUsername } from './support/factories';
import { freePort } from './support/free-port';

const ROOT = resolve(__dirname, '..');
const READY_WITHIN_MS = 60_000;

interface Service {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm start` without the build: the real entry point, with its embedded PostgreSQL. */
function startService(env: NodeJS.ProcessEnv): Service {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a failed test can take the embedded PostgreSQL down with it.
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, url: `http://127.0.0.1:${env.PORT}`, output: () => output, exited };
}

async function waitUntilReady(service: Service): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) {
      throw new Error(`The service exited with ${service.child.exitCode}:\n${service.output()}`);
    }
    const ready = await request(service.url)
      .get('/health/ready')
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ready) return;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`The service was not ready within ${READY_WITHIN_MS} ms:\n${service.output()}`);
}

async function stopWithCtrlC(service: Service): Promise<number | null> {
  service.child.kill('SIGINT');
  const timeout = new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), 20_000).unref());
  const code = await Promise.race([service.exited, timeout]);
  if (code === 'timeout') throw new Error(`The service did not stop within 20 s:\n${service.output()}`);
  return code;
}

/** After a failure: a clean stop if it still listens to one, else the whole process group. */
async function forceStop(service: Service): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  await stopWithCtrlC(service).catch(() => process.kill(-service.child.pid!, 'SIGKILL'));
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

// This suite is about the embedded PostgreSQL; the run against another server skips it.
const describeEmbedded = process.env.DATABASE_URL ? describe.skip : describe;

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

    expect(await stopWithCtrlC(running)).toBe(0);
    expect(await acceptsConnections(pgPort)).toBe(false);
  }, 120_000);
});
