import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface LoadResult {
  operations: number;
  failures: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** Runs `operation` from `concurrency` callers in a loop for `seconds`, timing each call. */
export async function runLoad(
  concurrency: number,
  seconds: number,
  operation: (worker: number, i: number) => Promise<unknown>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const t0 = performance.now();
        try {
          await operation(worker, i);
          latencies.push(performance.now() - t0);
        } catch {
          failures++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    operations: latencies.length,
    failures,
    seconds: elapsed,
    perSecond: latencies.length / elapsed,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}

/**
 * pgbench's TPC-B-like run (`-M prepared -c 8`, scale 10) on the same server, as the yardstick
 * the issues compare against. Null when pgbench is not installed (apt-get install postgresql-client).
 */
export function pgbenchTps(serverUrl: string, database: string, seconds: number, clients = 8): number | null {
  const pgbench = pgbenchOn(serverUrl);
  if (!pgbench) return null;
  pgbench(['-i', '-q', '-s', '10', database]);
  return tps(pgbench(['-M', 'prepared', '-c', String(clients), '-j', '2', '-T', String(seconds), database]));
}

/** pgbench running a custom script (pgbench -f syntax) instead of TPC-B; null without pgbench. */
export function pgbenchScriptTps(
  serverUrl: string,
  database: string,
  seconds: number,
  script: string,
  clients = 8,
): number | null {
  const pgbench = pgbenchOn(serverUrl);
  if (!pgbench) return null;
  const file = join(mkdtempSync(join(tmpdir(), 'loket-pgbench-')), 'script.sql');
  writeFileSync(file, script);
  try {
    return tps(
      pgbench(['-n', '-M', 'prepared', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', file, database]),
    );
  } finally {
    rmSync(dirname(file), { recursive: true, force: true });
  }
}

function pgbenchOn(serverUrl: string): ((args: string[]) => string) | null {
  const url = new URL(serverUrl);
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  const common = ['-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username || 'postgres')];
  if (spawnSync('pgbench', ['--version'], { env }).error) return null;
  return (args) => {
    const run = spawnSync('pgbench', [...common, ...args], { env, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`pgbench ${args.join(' ')} failed: ${run.stdout} ${run.stderr}`);
    return run.stdout;
  };
}

function tps(output: string): number {
  const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(output);
  if (!match) throw new Error(`pgbench gave no tps: ${output}`);
  return Number(match[1]);
}

export const fmt = (n: number) => Math.round(n).toString();
export const ms = (n: number) => `${n.toFixed(2)} ms`;
