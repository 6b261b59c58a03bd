import { Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/auth.decorators';
import { receivedCallback, type RawBodyRequest } from '../common/http/request-body';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { NotificationAckResponse } from './dto/payments.responses';
import { KEPT_HEADERS, NotificationService } from './notification.service';
import {
  AmountMismatchError,
  InvalidNotificationError,
  InvalidSignatureError,
  PaymentNotFoundError,
  PaymentsDisabledError,
  PaymentStatusUnavailableError,
} from './payments.errors';
import { PaymentsEnabledGuard } from './payments-enabled.guard';

/** Where Midtrans posts; the app's body parser keeps this route's bytes as received (`rawBody`). */
export const MIDTRANS_NOTIFICATION_PATH = '/api/payments/midtrans/notification';

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
  async notify(@Req() request: RawBodyRequest): Promise<NotificationAckResponse> {
    return { outcome: await this.notifications.receive(receivedCallback(request, KEPT_HEADERS)) };
  }
}
