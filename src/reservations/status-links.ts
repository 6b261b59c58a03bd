import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ResolvedConfig } from '../config/loket.config';

/**
 * The `t` of a status page link: an HMAC of the booking's random id under the service secret, so
 * it cannot be guessed from the code, is bound to one booking, needs no storage (the bot can send
 * the link again) and is compared in constant time.
 */
@Injectable()
export class StatusLinks {
  private readonly secret: Buffer;
  private readonly baseUrl: string;

  constructor(config: ConfigService<ResolvedConfig, true>) {
    this.secret = Buffer.from(`reservation-status|${config.get('auth', { infer: true }).jwtSecret}`);
    this.baseUrl =
      config.get('payments', { infer: true }).publicUrl ?? `http://localhost:${config.get('port', { infer: true })}`;
  }

  token(booking: { id: string }): string {
    return createHmac('sha256', this.secret).update(booking.id).digest('base64url').slice(0, 32);
  }

  url(booking: { id: string; code: string }): string {
    return `${this.baseUrl}/orders/${booking.code}?t=${this.token(booking)}`;
  }

  /** The home page, for links in the chat. */
  home(): string {
    return `${this.baseUrl}/`;
  }

  matches(booking: { id: string }, given: unknown): boolean {
    if (typeof given !== 'string') return false;
    const expected = Buffer.from(this.token(booking));
    const actual = Buffer.from(given);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
}
