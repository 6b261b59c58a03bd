import { readdirSync, readFileSync } from 'node:fs';
import type { Client } from 'pg';

/** CPU seconds used so far by groups of processes (Linux /proc; empty elsewhere). */
export type CpuSample = Map<string, number>;

const TICKS_PER_SECOND = 100;

interface Stat {
  pid: number;
  ppid: number;
  comm: string;
  seconds: number;
}

function stats(): Stat[] {
  const result: Stat[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return result;
  }
  for (const entry of entries) {
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may itself contain spaces or parentheses.
      const close = text.lastIndexOf(')');
      const comm = text.slice(text.indexOf('(') + 1, close);
      const fields = text.slice(close + 2).split(' ');
      // After the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14), counting from 0.
      // Children it has reaped count too, so a backend that ends during the run is not lost.
      result.push({
        pid: Number(entry),
        ppid: Number(fields[1]),
        comm,
        seconds: (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND,
      });
    } catch {
      // The process ended while we looked.
    }
  }
  return result;
}

/**
 * CPU seconds per group: each named root pid with all its descendants, and every process named
 * `postgres` (the server, its backends and background workers) as "postgres".
 */
export function sampleCpu(roots: Record<string, number>): CpuSample {
  const all = stats();
  const children = new Map<number, Stat[]>();
  for (const s of all) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const sample: CpuSample = new Map();
  const add = (group: string, seconds: number) => sample.set(group, (sample.get(group) ?? 0) + seconds);
  for (const [group, root] of Object.entries(roots)) {
    const queue = all.filter((s) => s.pid === root);
    while (queue.length > 0) {
      const s = queue.pop()!;
      add(group, s.seconds);
      queue.push(...(children.get(s.pid) ?? []));
    }
  }
  for (const s of all) if (s.comm === 'postgres') add('postgres', s.seconds);
  return sample;
}

/** Milliseconds of one group's CPU per operation between two samples. */
export function groupCpuPerOperation(before: CpuSample, after: CpuSample, group: string, operations: number): number {
  return (((after.get(group) ?? 0) - (before.get(group) ?? 0)) * 1000) / operations;
}

/** "loket 1.10 ms, postgres 0.80 ms, ..." per operation between two samples. */
export function cpuPerOperation(before: CpuSample, after: CpuSample, operations: number): string {
  return [...after.keys()]
    .map((group) => `${group} ${groupCpuPerOperation(before, after, group, operations).toFixed(2)} ms`)
    .join(', ');
}

/**
 * CPU seconds of the given roots (Loket, its load generator, ...), of this benchmark's PostgreSQL
 * (its postmaster's tree, when known, as "postgres"), with `own` this process's CPU under that name
 * (e.g. the fake Midtrans it runs), and of everything else on the machine as "other processes":
 * other people's test suites on the same cores show up there rather than as a mystery in the latencies.
 */
export function benchCpu(
  roots: Record<string, number>,
  postmaster: number | undefined,
  options: { own?: string } = {},
): CpuSample {
  const sample = sampleCpu(postmaster ? { ...roots, server: postmaster } : roots);
  if (postmaster) sample.set('postgres', sample.get('server') ?? 0).delete('server');
  if (options.own) {
    const own = process.cpuUsage();
    sample.set(options.own, (own.user + own.system) / 1e6);
  }
  const busy = machineBusySeconds();
  if (busy !== undefined) sample.set('other processes', busy - [...sample.values()].reduce((a, b) => a + b, 0));
  return sample;
}

/**
 * The postmaster of the PostgreSQL `db` is on, when it runs on this machine: sampleCpu's
 * "postgres" group counts every PostgreSQL here, other people's test clusters included.
 */
export async function postmasterOf(db: Client): Promise<number | undefined> {
  const { rows } = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  try {
    const stat = readFileSync(`/proc/${rows[0].pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** CPU seconds the whole machine has been busy since boot (/proc/stat); undefined elsewhere. */
export function machineBusySeconds(): number | undefined {
  try {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return (user + nice + system + irq + softirq + steal) / 100;
  } catch {
    return undefined;
  }
}
