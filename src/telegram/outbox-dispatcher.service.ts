import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InjectBot } from 'nestjs-telegraf';
import { Telegraf, TelegramError } from 'telegraf';
import { DataSource } from 'typeorm';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import type { TelegramConfig } from '../config/loket.config';
import { OutboxService } from './outbox.service';
import { TELEGRAM_CONFIG } from './telegram.tokens';

interface Claimed {
  id: string;
  chat_id: string;
  method: string;
  payload: Record<string, unknown>;
  attempts: number;
}

const POLL_MS = 250;
const MAX_ATTEMPTS = 6;
const STALE_CHECK_MS = 10_000;
const QUEUE_BATCH_MS = 10;
// A row left in 'sending' this long belongs to an instance that died mid-send: it may have gone out.
const STALE_SENDING = '2 minutes';

/**
 * Sends the outbox: at most TELEGRAM_CHAT_RATE messages a second per chat and TELEGRAM_GLOBAL_RATE
 * overall, oldest first per chat. Safe in several instances (rows are claimed with SKIP LOCKED).
 * 429 waits retry_after; 5xx and refused connections retry with backoff; 403 marks the chat
 * blocked; a timed-out send is marked unknown rather than sent twice.
 */
@Injectable()
export class OutboxDispatcherService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxDispatcherService.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private lastStaleCheck = 0;
  private databaseDown = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly wake = () => void this.tick();
  private wakeSoon?: NodeJS.Timeout;
  /** Many messages queued at once make one pass, not one pass each. */
  private readonly onQueued = () => {
    this.wakeSoon ??= setTimeout(() => {
      this.wakeSoon = undefined;
      this.wake();
    }, QUEUE_BATCH_MS);
  };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectBot() private readonly bot: Telegraf,
    private readonly outbox: OutboxService,
    @Inject(TELEGRAM_CONFIG) private readonly config: TelegramConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.outbox.events.on('queued', this.onQueued);
    this.timer = setInterval(this.wake, POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.outbox.events.off('queued', this.onQueued);
    clearInterval(this.timer);
    clearTimeout(this.wakeSoon);
    await this.running;
    await Promise.all(this.inFlight);
  }

  /** One pass at a time; a wake-up during a pass makes another pass right after it. */
  tick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.pass().then(
          () => this.databaseBack(),
          (error: unknown) => this.passFailed(error),
        );
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** During an outage every pass fails: that is said once, and again when the database is back. */
  private passFailed(error: unknown): void {
    if (!isDatabaseUnavailable(error)) {
      this.logger.error({ err: error }, 'Outbox pass failed');
      return;
    }
    if (!this.databaseDown) this.logger.warn(`Outbox waits for the database: ${(error as Error).message}`);
    this.databaseDown = true;
  }

  private databaseBack(): void {
    if (!this.databaseDown) return;
    this.databaseDown = false;
    this.logger.log('Outbox sends again: the database is back');
  }

  private async pass(): Promise<void> {
    if (Date.now() - this.lastStaleCheck > STALE_CHECK_MS) {
      this.lastStaleCheck = Date.now();
      await this.dataSource.query(
        `UPDATE telegram_outbox SET status = 'unknown', last_error = 'instance stopped while sending'
          WHERE status = 'sending' AND claimed_at < now() - interval '${STALE_SENDING}'`,
      );
    }
    const batch = await this.claim();
    for (const row of batch) {
      // Each send runs on its own: a slow one holds back only its own chat, not the next pass.
      const sending: Promise<void> = this.send(row)
        .catch((error: unknown) => this.logger.error({ err: error }, `Outbox ${row.id} failed`))
        .finally(() => {
          this.inFlight.delete(sending);
          this.wake();
        });
      this.inFlight.add(sending);
    }
    if (batch.length > 0) this.again = true;
  }

  /**
   * Claims the oldest open message of each chat that may send now, within what is left of the
   * global budget for this second (sends still in flight count against it). One call; the
   * function serializes claims across instances (TelegramOutboxClaim migration).
   */
  private claim(): Promise<Claimed[]> {
    return this.dataSource.query<Claimed[]>('SELECT * FROM telegram_outbox_claim($1, $2)', [
      1 / this.config.chatRate,
      this.config.globalRate,
    ]);
  }

  private async send(row: Claimed): Promise<void> {
    let result: unknown;
    try {
      result = await this.bot.telegram.callApi(row.method as 'sendMessage', row.payload as never, {
        // telegraf types its signal with the abort-controller shim; node-fetch takes the native one.
        signal: AbortSignal.timeout(this.config.sendTimeoutMs) as never,
      });
    } catch (error) {
      return this.failed(row, error);
    }
    const messageId = typeof result === 'object' && result && 'message_id' in result ? Number(result.message_id) : null;
    await this.finish(row, 'sent', null, { messageId });
  }

  private async failed(row: Claimed, error: unknown): Promise<void> {
    const reason = String(error instanceof Error ? error.message : error).slice(0, 500);
    if (error instanceof TelegramError) {
      if (error.code === 429) {
        const wait = Number(error.parameters?.retry_after ?? 1);
        return this.finish(row, 'pending', reason, { retryInSeconds: wait, attemptFree: true });
      }
      if (error.code === 403) return this.finish(row, 'blocked', reason);
      if (error.code >= 500) return this.retry(row, reason);
      return this.finish(row, 'failed', reason);
    }
    const code = (error as { code?: string; type?: string; name?: string }) ?? {};
    // Refused or reset before anything was sent: safe to try again. A timeout may have been delivered.
    if (code.code === 'ECONNREFUSED' || code.code === 'ENOTFOUND' || code.code === 'EAI_AGAIN')
      return this.retry(row, reason);
    this.logger.warn(`Outbox ${row.id} to chat ${row.chat_id}: outcome unknown (${reason}); not re-sent`);
    return this.finish(row, 'unknown', reason);
  }

  private retry(row: Claimed, reason: string): Promise<void> {
    if (row.attempts >= MAX_ATTEMPTS) return this.finish(row, 'failed', reason);
    return this.finish(row, 'pending', reason, { retryInSeconds: Math.min(60, 2 ** row.attempts) });
  }

  private async finish(
    row: Claimed,
    status: 'sent' | 'pending' | 'failed' | 'blocked' | 'unknown',
    error: string | null,
    options: { messageId?: number | null; retryInSeconds?: number; attemptFree?: boolean } = {},
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE telegram_outbox SET status = $2::varchar, last_error = $3, message_id = $4,
              sent_at = CASE WHEN $2::varchar = 'sent' THEN clock_timestamp() END,
              next_attempt_at = now() + make_interval(secs => $5::double precision),
              attempts = attempts - CASE WHEN $6::boolean THEN 1 ELSE 0 END
        WHERE id = $1`,
      [row.id, status, error, options.messageId ?? null, options.retryInSeconds ?? 0, options.attemptFree ?? false],
    );
    if (status === 'blocked') this.logger.warn(`Chat ${row.chat_id} blocked the bot; outbox ${row.id} not delivered`);
  }
}
