import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ResolvedConfig } from '../config/loket.config';
import { OtpChatDelivery } from '../otp/otp.types';
import { OutboxService } from './outbox.service';

/** One-time passwords go to the user's linked chat when the bot is on and there is one (otp_issue queues them). */
@Injectable()
export class TelegramOtpDelivery implements OtpChatDelivery {
  readonly enabled: boolean;

  constructor(
    private readonly outbox: OutboxService,
    config: ConfigService<ResolvedConfig, true>,
  ) {
    this.enabled = config.get('telegram', { infer: true }) !== undefined;
  }

  queued(): void {
    this.outbox.wake();
  }
}
