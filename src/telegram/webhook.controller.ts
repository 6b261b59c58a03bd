import {
  BadRequestException,
  Body,
  Controller,
  Headers,
  HttpCode,
  Inject,
  NotFoundException,
  Post,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { timingSafeEqual } from 'node:crypto';
import type { Update } from 'telegraf/types';
import { Public } from '../common/auth/auth.decorators';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { CommonErrors } from '../common/openapi/common-errors';
import { WebhookAckResponse } from './dto/webhook-ack.response';
import type { TelegramConfig } from '../config/loket.config';
import { InboxService } from './inbox.service';
import { UpdateProcessorService } from './update-processor.service';
import { TELEGRAM_CONFIG } from './telegram.tokens';

/** Where Telegram posts updates in webhook mode. It answers as soon as the update is stored. */
@ApiTags('telegram')
@Public()
@Controller('telegram/webhook')
export class WebhookController {
  private readonly secret: Buffer;

  constructor(
    private readonly inbox: InboxService,
    private readonly processor: UpdateProcessorService,
    @Inject(TELEGRAM_CONFIG) private readonly config: TelegramConfig,
  ) {
    this.secret = Buffer.from(config.webhookSecret ?? '');
  }

  /** Telegram's delivery of one update (webhook mode only; 404 while polling). */
  @Post()
  @HttpCode(200)
  @ApiErrors(CommonErrors.unauthorized, CommonErrors.notFound)
  async receive(
    @Headers('x-telegram-bot-api-secret-token') token: string | undefined,
    @Body() update: Update,
  ): Promise<WebhookAckResponse> {
    if (this.config.mode !== 'webhook') throw new NotFoundException('The bot is in polling mode');
    const given = Buffer.from(token ?? '');
    if (given.length !== this.secret.length || !timingSafeEqual(given, this.secret)) {
      throw new UnauthorizedException('Wrong or missing X-Telegram-Bot-Api-Secret-Token');
    }
    if (!Number.isSafeInteger(update?.update_id)) throw new BadRequestException('Not a Telegram update');
    const stored = await this.inbox.store(update);
    // Handled after the answer, so a slow handler never makes Telegram send the update again.
    if (stored.isNew && stored.chatId !== null) setImmediate(() => void this.processor.schedule(stored.chatId!));
    return { ok: true };
  }
}
