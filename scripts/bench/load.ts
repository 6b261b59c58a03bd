import { spawnSync } from 'node:child_process';

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
  const url = new URL(serverUrl);
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  const common = ['-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username || 'postgres')];
  const has = spawnSync('pgbench', ['--version'], { env });
  if (has.error) return null;
  const init = spawnSync('pgbench', [...common, '-i', '-q', '-s', '10', database], { env, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`pgbench -i failed: ${init.stderr}`);
  const run = spawnSync(
    'pgbench',
    [...common, '-M', 'prepared', '-c', String(clients), '-j', '2', '-T', String(seconds), database],
    { env, encoding: 'utf8' },
  );
  const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(run.stdout);
  if (!match) throw new Error(`pgbench gave no tps: ${run.stdout} ${run.stderr}`);
  return Number(match[1]);
}

export const fmt = (n: number) => Math.round(n).toString();
export const ms = (n: number) => `${n.toFixed(2)} ms`;
