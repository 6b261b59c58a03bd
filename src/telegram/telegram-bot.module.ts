import { DynamicModule, Module } from '@nestjs/common';
import { TelegrafModule } from 'nestjs-telegraf';
import type { TelegramConfig } from '../config/loket.config';
import { BotDispatcherService } from './bot/bot-dispatcher.service';
import { BotUpdate } from './bot/bot.update';
import { InboxService } from './inbox.service';
import { OutboxDispatcherService } from './outbox-dispatcher.service';
import { PollingService } from './polling.service';
import { TelegramCoreModule } from './telegram-core.module';
import { TelegramLauncherService } from './telegram-launcher.service';
import { TELEGRAM_CONFIG } from './telegram.tokens';
import { UpdateProcessorService } from './update-processor.service';
import { WebhookController } from './webhook.controller';

/** The running bot: receives updates (polling or webhook), handles them, sends the outbox. */
@Module({})
export class TelegramBotModule {
  static forRoot(config: TelegramConfig): DynamicModule {
    return {
      module: TelegramBotModule,
      imports: [
        TelegramCoreModule,
        TelegrafModule.forRoot({
          token: config.token,
          // Loket polls and serves the webhook itself, with its inbox in between.
          launchOptions: false,
          options: { telegram: { apiRoot: config.apiRoot, webhookReply: false } },
        }),
      ],
      controllers: [WebhookController],
      providers: [
        { provide: TELEGRAM_CONFIG, useValue: config },
        BotUpdate,
        BotDispatcherService,
        InboxService,
        UpdateProcessorService,
        OutboxDispatcherService,
        PollingService,
        TelegramLauncherService,
      ],
    };
  }
}
