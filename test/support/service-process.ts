import { ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import request from 'supertest';

const ROOT = resolve(__dirname, '..', '..');
const READY_WITHIN_MS = 60_000;

export interface Service {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm start` without the build: the real entry point, with its embedded PostgreSQL. */
export function startService(env: NodeJS.ProcessEnv): Service {
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

export async function waitUntilReady(service: Service): Promise<void> {
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

export async function stopWithCtrlC(service: Service): Promise<number | null> {
  service.child.kill('SIGINT');
  const timeout = new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), 20_000).unref());
  const code = await Promise.race([service.exited, timeout]);
  if (code === 'timeout') throw new Error(`The service did not stop within 20 s:\n${service.output()}`);
  return code;
}

/** After a failure: a clean stop if it still listens to one, else the whole process group. */
export async function forceStop(service: Service): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  await stopWithCtrlC(service).catch(() => process.kill(-service.child.pid!, 'SIGKILL'));
}

export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}
