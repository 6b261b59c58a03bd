import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectBot } from 'nestjs-telegraf';
import { Telegraf } from 'telegraf';
import type { TelegramConfig } from '../config/loket.config';
import { BotIdentity } from './bot-identity';
import { BotMenu } from './bot/bot-menu';
import { InboxService } from './inbox.service';
import { PollingService } from './polling.service';
import { UpdateProcessorService } from './update-processor.service';
import { ALLOWED_UPDATES, TELEGRAM_CONFIG } from './telegram.tokens';

const BACKLOG_SWEEP_MS = 2000;

/**
 * Starts the bot in the configured mode without holding up the REST API: getMe (retried until
 * Telegram answers), then setWebhook or the poller and the default command menu, plus a sweep for
 * updates nobody handled.
 */
@Injectable()
export class TelegramLauncherService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TelegramLauncherService.name);
  private sweeper?: NodeJS.Timeout;
  private stopped = false;
  private starting?: Promise<void>;

  constructor(
    @InjectBot() private readonly bot: Telegraf,
    @Inject(TELEGRAM_CONFIG) private readonly config: TelegramConfig,
    private readonly identity: BotIdentity,
    private readonly polling: PollingService,
    private readonly inbox: InboxService,
    private readonly processor: UpdateProcessorService,
    private readonly menu: BotMenu,
  ) {
    // nestjs-telegraf stops the bot on shutdown, which throws for a bot that was never launched:
    // Loket polls and serves the webhook itself, so there is nothing of telegraf's to stop.
    this.bot.stop = () => undefined;
  }

  onApplicationBootstrap(): void {
    this.starting = this.start();
    this.sweeper = setInterval(() => void this.sweep(), BACKLOG_SWEEP_MS);
    this.sweeper.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.sweeper);
    await this.starting;
    await this.polling.stop();
  }

  private async start(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        this.bot.botInfo = await this.bot.telegram.getMe();
        this.identity.username = this.bot.botInfo.username;
        break;
      } catch (error) {
        this.logger.warn(`Telegram getMe failed (${(error as Error).message}); retrying`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 500 * 2 ** attempt)));
      }
    }
    if (this.stopped) return;
    if (this.config.mode === 'webhook') {
      const url = `${this.config.webhookUrl}/api/telegram/webhook`;
      await this.bot.telegram.setWebhook(url, {
        secret_token: this.config.webhookSecret,
        allowed_updates: [...ALLOWED_UPDATES],
        drop_pending_updates: false,
      });
      this.logger.log(`Telegram bot @${this.identity.username} receives updates at ${url}`);
    } else {
      this.polling.start();
      this.logger.log(`Telegram bot @${this.identity.username} uses long polling`);
    }
    await this.setDefaultMenu();
  }

  /**
   * The guests' command menu, once per start and outside any transaction. Every instance sends
   * the same one, so a second is harmless; a failure leaves the last menu set, and the bot works without.
   */
  private async setDefaultMenu(): Promise<void> {
    const { commands, scope } = this.menu.defaultMenu();
    try {
      await this.bot.telegram.setMyCommands(commands, { scope });
    } catch (error) {
      this.logger.warn(`Telegram setMyCommands failed (${(error as Error).message}); the last menu stays`);
    }
  }

  private async sweep(): Promise<void> {
    try {
      for (const chatId of await this.inbox.chatsWithBacklog()) void this.processor.schedule(chatId);
    } catch (error) {
      this.logger.warn(`Inbox sweep failed: ${(error as Error).message}`);
    }
  }
}
