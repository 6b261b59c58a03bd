import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager } from 'typeorm';
import type { ResolvedConfig } from '../config/loket.config';
import { OtpChatDelivery } from '../otp/otp.types';
import { OutboxService } from './outbox.service';

/** Sends one-time passwords to the user's linked chat, when the bot is on and there is one. */
@Injectable()
export class TelegramOtpDelivery implements OtpChatDelivery {
  private readonly enabled: boolean;

  constructor(
    private readonly outbox: OutboxService,
    config: ConfigService<ResolvedConfig, true>,
  ) {
    this.enabled = config.get('telegram', { infer: true }) !== undefined;
  }

  async send(userId: string, text: string, manager: EntityManager): Promise<boolean> {
    if (!this.enabled) return false;
    return this.outbox.notifyUser(manager, userId, { text });
  }
}
