import { ThrottlerStorage } from '@nestjs/throttler';
import { DataSource } from 'typeorm';

const SWEEP_MS = 10 * 60_000;

/**
 * Rate-limit counters in PostgreSQL, so the limits hold for the whole service, not per process:
 * with LOKET_WORKERS or several instances an in-memory count would multiply the allowed tries.
 * A fixed window per key: the first hit opens it, hits beyond the limit are refused until it ends.
 * One statement per counted request (only sign-in and sign-up are counted); now and then, in
 * passing, windows that ended long ago are deleted.
 */
export class DatabaseThrottlerStorage implements ThrottlerStorage {
  private lastSweep = Date.now();

  constructor(private readonly dataSource: DataSource) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
  ): Promise<Awaited<ReturnType<ThrottlerStorage['increment']>>> {
    const [row] = await this.dataSource.query<{ hits: number; seconds_left: number }[]>(
      `INSERT INTO rate_limit_counters AS c (key, hits, window_ends_at)
       VALUES ($1, 1, clock_timestamp() + make_interval(secs => $2))
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN c.window_ends_at <= clock_timestamp() THEN 1 ELSE c.hits + 1 END,
         window_ends_at = CASE WHEN c.window_ends_at <= clock_timestamp() THEN excluded.window_ends_at
                               ELSE c.window_ends_at END
       RETURNING hits, ceil(extract(epoch FROM window_ends_at - clock_timestamp()))::int AS seconds_left`,
      [key, ttl / 1000],
    );
    if (Date.now() - this.lastSweep > SWEEP_MS) {
      this.lastSweep = Date.now();
      void this.sweep();
    }
    const blocked = row.hits > limit;
    const secondsLeft = Math.max(1, row.seconds_left);
    return {
      totalHits: row.hits,
      timeToExpire: secondsLeft,
      isBlocked: blocked,
      timeToBlockExpire: blocked ? secondsLeft : 0,
    };
  }

  /** Windows that ended long ago hold nothing anyone will read again. */
  private async sweep(): Promise<void> {
    await this.dataSource
      .query(`DELETE FROM rate_limit_counters WHERE window_ends_at < now() - interval '1 hour'`)
      .catch(() => undefined);
  }
}
