import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import { IdempotencyKey } from '../common/http/idempotency-key.decorator';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { InsufficientFundsError } from '../ledger/ledger.errors';
import { User } from '../users/entities/user.entity';
import { AdminPaymentsQuery, RefundDto, ReviewPaymentDto } from './dto/payments.dto';
import {
  AdminPaymentPageResponse,
  AdminPaymentResponse,
  PaymentReviewResponse,
  RefundResultResponse,
} from './dto/payments.responses';
import { PaymentQueryService } from './payment-queries.service';
import { PaymentReviewService } from './payment-review.service';
import {
  PaymentNotFoundError,
  PaymentNotInReviewError,
  PaymentNotRefundableError,
  PaymentProviderError,
  PaymentsDisabledError,
  RefundAmountError,
  RefundKeyConflictError,
  RefundRefusedError,
} from './payments.errors';
import { PaymentsEnabledGuard } from './payments-enabled.guard';
import { RefundService } from './refund.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@UseGuards(PaymentsEnabledGuard)
@ApiErrors(PaymentsDisabledError)
@Controller('admin/payments')
export class AdminPaymentsController {
  constructor(
    private readonly queries: PaymentQueryService,
    private readonly refunds: RefundService,
    private readonly reviews: PaymentReviewService,
  ) {}

  /** Every payment, newest first, by status, purpose, payer and creation date. */
  @Get()
  async list(@Query() query: AdminPaymentsQuery): Promise<AdminPaymentPageResponse> {
    return AdminPaymentPageResponse.of(await this.queries.listAll(query));
  }

  /** One payment with its events, every notification naming it (refused ones too) and its refunds. */
  @Get(':orderId')
  @ApiErrors(PaymentNotFoundError)
  async get(@Param('orderId') orderId: string): Promise<AdminPaymentResponse> {
    return AdminPaymentResponse.ofView(await this.queries.forAdmin(orderId));
  }

  /**
   * Refunds all or part of a paid payment: held in the account first, then refunded by Midtrans,
   * or recorded as returned outside Loket with `offline: true`. The same request again (or the
   * same Idempotency-Key) never refunds twice.
   */
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key refund once' })
  @Post(':orderId/refund')
  @ApiErrors(
    PaymentNotFoundError,
    PaymentNotRefundableError,
    RefundAmountError,
    InsufficientFundsError,
    RefundRefusedError,
    RefundKeyConflictError,
    PaymentProviderError,
  )
  async refund(
    @CurrentUser() admin: User,
    @Param('orderId') orderId: string,
    @Body() body: RefundDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<RefundResultResponse> {
    return RefundResultResponse.ofResult(await this.refunds.refund(admin.id, orderId, body, idempotencyKey));
  }

  /**
   * Decides a payment in reversal_review (a bank reversal its account could not cover), once:
   * `reverse` takes what the review held and writes off what was already spent (the payment is
   * reversed); `keep` releases the hold (the payment is paid again). The decision, the admin and
   * the reason are kept as a payment event. 409 when it is not, or no longer, in review.
   */
  @Post(':orderId/review')
  @HttpCode(200)
  @ApiErrors(PaymentNotFoundError, PaymentNotInReviewError)
  async review(
    @CurrentUser() admin: User,
    @Param('orderId') orderId: string,
    @Body() body: ReviewPaymentDto,
  ): Promise<PaymentReviewResponse> {
    return PaymentReviewResponse.of(await this.reviews.decide(admin, orderId, body));
  }
}
