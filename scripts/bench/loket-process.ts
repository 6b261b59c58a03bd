import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../test/support/free-port';

export interface LoketProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const ROOT = join(__dirname, '..', '..');

/**
 * Loket as it runs in production: built, then `node dist/src/main.js` in a process of its own,
 * configured only by environment variables, so a benchmark measures the service and not ts-node
 * or its own load generator sharing the event loop.
 */
export async function startLoketProcess(env: Record<string, string>): Promise<LoketProcess> {
  const build = spawnSync('npx', ['nest', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`nest build failed:\n${build.stdout}${build.stderr}`);

  const port = env.PORT ? Number(env.PORT) : await freePort();
  const url = `http://127.0.0.1:${port}`;
  // BENCH_CPU_PROFILE=<folder>: each Loket process writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_CPU_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`]
    : [];
  const child = spawn(process.execPath, [...profile, join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  const deadline = Date.now() + 60_000;
  while (!(await ready(url))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Loket did not start:\n${output}`);
    }
    await sleep(200);
  }
  return { url, pid: child.pid!, stop: () => stopChild(child) };
}

async function ready(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health/ready`)).ok;
  } catch {
    return false;
  }
}

/** SIGTERM, then the exit; nothing if it has already exited. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
