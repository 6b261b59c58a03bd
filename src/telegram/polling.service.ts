import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectBot } from 'nestjs-telegraf';
import { Client } from 'pg';
import { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { ResolvedConfig, TelegramConfig } from '../config/loket.config';
import { InboxService } from './inbox.service';
import { UpdateProcessorService } from './update-processor.service';
import { ALLOWED_UPDATES, TELEGRAM_CONFIG } from './telegram.tokens';

// Session-level advisory lock held by the one instance that polls; others wait and take over if it dies.
const POLLER_LOCK = 7_204_563;
const ELECTION_RETRY_MS = 3000;

/**
 * Long polling with offsets. Updates are stored in the inbox before the next getUpdates confirms
 * them to Telegram, so a crash loses nothing and a repeat is ignored by update_id.
 */
@Injectable()
export class PollingService {
  private readonly logger = new Logger(PollingService.name);
  private abort = new AbortController();
  private stopped = false;
  private loop?: Promise<void>;

  constructor(
    @InjectBot() private readonly bot: Telegraf,
    private readonly inbox: InboxService,
    private readonly processor: UpdateProcessorService,
    private readonly config: ConfigService<ResolvedConfig, true>,
    @Inject(TELEGRAM_CONFIG) private readonly telegram: TelegramConfig,
  ) {}

  start(): void {
    this.loop = this.run().catch((error: unknown) => this.logger.error({ err: error }, 'Polling stopped'));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const lock = new Client({ connectionString: this.config.get('database', { infer: true }).url });
      let lost = false;
      lock.on('error', () => {
        lost = true;
        this.abort.abort();
      });
      try {
        await lock.connect();
        const [{ leader }] = (
          await lock.query<{ leader: boolean }>('SELECT pg_try_advisory_lock($1) AS leader', [POLLER_LOCK])
        ).rows;
        if (leader) {
          this.logger.log('This instance polls Telegram');
          await this.poll(() => lost);
        }
      } catch (error) {
        if (!this.stopped) this.logger.warn(`Poller election failed: ${(error as Error).message}`);
      } finally {
        await lock.end().catch(() => undefined);
      }
      if (!this.stopped) await this.sleep(ELECTION_RETRY_MS);
    }
  }

  private async poll(lost: () => boolean): Promise<void> {
    await this.bot.telegram.deleteWebhook({ drop_pending_updates: false });
    let offset = await this.inbox.nextOffset();
    let failures = 0;
    while (!this.stopped && !lost()) {
      let updates: Update[];
      try {
        updates = await this.bot.telegram.callApi(
          'getUpdates',
          { offset, limit: 100, timeout: this.telegram.pollTimeoutSeconds, allowed_updates: [...ALLOWED_UPDATES] },
          { signal: this.abort.signal as never },
        );
        failures = 0;
      } catch (error) {
        if (this.stopped || lost()) return;
        failures++;
        this.logger.warn(`getUpdates failed (${(error as Error).message}); retrying`);
        await this.sleep(Math.min(30_000, 500 * 2 ** failures));
        continue;
      }
      for (const update of updates) {
        const stored = await this.inbox.store(update);
        offset = update.update_id + 1;
        if (stored.isNew && stored.chatId !== null) void this.processor.schedule(stored.chatId);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.abort.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    }).then(() => {
      // A lost lock connection aborted the signal; make a fresh one for the next term.
      if (!this.stopped && this.abort.signal.aborted) this.abort = new AbortController();
    });
  }
}
