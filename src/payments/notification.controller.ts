import { Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../common/auth/auth.decorators';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { NotificationAckResponse } from './dto/payments.responses';
import { Delivery, KEPT_HEADERS, NotificationService } from './notification.service';
import {
  AmountMismatchError,
  InvalidNotificationError,
  InvalidSignatureError,
  PaymentNotFoundError,
  PaymentsDisabledError,
  PaymentStatusUnavailableError,
} from './payments.errors';
import { PaymentsEnabledGuard } from './payments-enabled.guard';

/** Where Midtrans posts; the app's JSON parser leaves this route's body to deliveryOf. */
export const MIDTRANS_NOTIFICATION_PATH = '/api/payments/midtrans/notification';

/** The JSON parser's limit: a notification is a few kilobytes. */
const MAX_BODY_BYTES = 100 * 1024;

@ApiTags('payments')
@UseGuards(PaymentsEnabledGuard)
@ApiErrors(PaymentsDisabledError)
@Controller('payments/midtrans')
export class NotificationController {
  constructor(private readonly notifications: NotificationService) {}

  /**
   * Midtrans' payment notification. Public: Midtrans sends no credentials, so the signature_key
   * (and, with MIDTRANS_VERIFY_STATUS, a status re-read from Midtrans) is the only proof.
   * A repeat answers 200 and changes nothing.
   */
  @Public()
  @Post('notification')
  @HttpCode(200)
  @ApiErrors(
    InvalidNotificationError,
    InvalidSignatureError,
    PaymentNotFoundError,
    AmountMismatchError,
    PaymentStatusUnavailableError,
  )
  async notify(@Req() request: Request & { rawBody?: Buffer }): Promise<NotificationAckResponse> {
    return { outcome: await this.notifications.receive(await deliveryOf(request)) };
  }
}

/** The body as received, read here whatever its content type (see MIDTRANS_NOTIFICATION_PATH). */
async function deliveryOf(request: Request & { rawBody?: Buffer }): Promise<Delivery> {
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value.slice(0, 200);
  }
  if (Buffer.isBuffer(request.rawBody)) return { rawBody: request.rawBody, headers };
  if (!request.readable) return { rawBody: Buffer.alloc(0), headers };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new InvalidNotificationError('the body is too large');
    chunks.push(chunk);
  }
  return { rawBody: Buffer.concat(chunks), headers };
}
