import { Module } from '@nestjs/common';
import { OTP_CHAT_DELIVERY } from '../otp/otp.types';
import { BotIdentity } from './bot-identity';
import { BotMenu } from './bot/bot-menu';
import { BotRegistry } from './bot/bot-registry';
import { CoreCommands } from './bot/core-commands';
import { OutboxService } from './outbox.service';
import { TelegramLinkController } from './telegram-link.controller';
import { TelegramLinksService } from './telegram-links.service';
import { TelegramOtpDelivery } from './telegram-otp.delivery';

/**
 * What other modules use whether or not the bot runs: the outbox, the command registry, account
 * links and OTP delivery. The bot itself (TelegramBotModule) is only loaded with a token.
 */
@Module({
  controllers: [TelegramLinkController],
  providers: [
    OutboxService,
    BotRegistry,
    BotMenu,
    BotIdentity,
    TelegramLinksService,
    CoreCommands,
    TelegramOtpDelivery,
    { provide: OTP_CHAT_DELIVERY, useExisting: TelegramOtpDelivery },
  ],
  exports: [OutboxService, BotRegistry, BotMenu, BotIdentity, TelegramLinksService, OTP_CHAT_DELIVERY],
})
export class TelegramCoreModule {}
