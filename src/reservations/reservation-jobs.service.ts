import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ResolvedConfig } from '../config/loket.config';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import { LedgerService } from '../ledger/ledger.service';
import { addDays, jakartaToday } from '../common/time/jakarta-days';
import { jakartaHour } from './booking-dates';
import { ReservationMovesService } from './reservation-moves.service';
import { ReservationNotifier } from './reservation-notifier';
import { ReservationsStore } from './reservations.store';

/** Reminders go out the day before, from this hour (WIB), not in the middle of the night. */
export const REMINDER_FROM_HOUR = 8;
const BATCH = 100;
// A booking whose attempt is still open at Midtrans waits for the payments reconciler this long.
const OPEN_ATTEMPT_GRACE = '30 minutes';

/**
 * Background work, safe with several instances (rows are claimed with SKIP LOCKED): unpaid
 * bookings past their hold expire and give their place back; confirmed bookings get their reminder
 * the day before, once (reminded_at is set in the transaction that queues the message).
 */
@Injectable()
export class ReservationJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReservationJobs.name);
  private readonly sweepMs: number;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly ledger: LedgerService,
    private readonly store: ReservationsStore,
    private readonly moves: ReservationMovesService,
    private readonly notifier: ReservationNotifier,
    config: ConfigService<ResolvedConfig, true>,
  ) {
    this.sweepMs = config.get('reservations', { infer: true }).sweepSeconds * 1000;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.sweepMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.runOnce()
      .then(() => undefined)
      .catch((error: unknown) => {
        if (isDatabaseUnavailable(error)) return;
        this.logger.error({ err: error }, 'Reservation jobs failed');
      })
      .finally(() => (this.running = undefined));
    await this.running;
  }

  async runOnce(now = new Date()): Promise<{ expired: number; reminded: number }> {
    return { expired: await this.expireUnpaid(), reminded: await this.remind(now) };
  }

  expireUnpaid(): Promise<number> {
    return this.ledger.transaction(async (manager) => {
      const due = await manager.query<{ code: string }[]>(
        `SELECT code FROM reservations
          WHERE status = 'awaiting_payment' AND hold_expires_at < now()
            AND (payment_status <> 'pending' OR hold_expires_at < now() - interval '${OPEN_ATTEMPT_GRACE}')
          ORDER BY hold_expires_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      for (const { code } of due) {
        const booking = (await this.store.lockByCode(manager, code))!;
        await this.moves.move(manager, booking, 'expired', 'system', 'Tidak dibayar sampai batas waktu');
      }
      return due.length;
    });
  }

  remind(now: Date): Promise<number> {
    if (jakartaHour(now) < REMINDER_FROM_HOUR) return Promise.resolve(0);
    return this.ledger.transaction(async (manager) => {
      const [claimed] = await manager.query<[{ code: string }[], number]>(
        `UPDATE reservations SET reminded_at = now()
          WHERE id IN (SELECT id FROM reservations
                        WHERE status = 'confirmed' AND reminded_at IS NULL AND day = $1
                        LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
          RETURNING code`,
        [addDays(jakartaToday(now), 1)],
      );
      for (const { code } of claimed) {
        await this.notifier.reminder(manager, (await this.store.findByCode(code, manager))!);
      }
      return claimed.length;
    });
  }
}
