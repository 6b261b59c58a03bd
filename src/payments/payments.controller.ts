import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/auth.decorators';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { PageQuery } from '../common/pagination/page.dto';
import { User } from '../users/entities/user.entity';
import { PaymentPageResponse, PaymentResponse } from './dto/payments.responses';
import { PaymentQueryService } from './payment-queries.service';
import { PaymentNotFoundError, PaymentsDisabledError } from './payments.errors';
import { PaymentsEnabledGuard } from './payments-enabled.guard';

@ApiTags('payments')
@ApiBearerAuth()
@UseGuards(PaymentsEnabledGuard)
@ApiErrors(PaymentsDisabledError)
@Controller('payments')
export class PaymentsController {
  constructor(private readonly queries: PaymentQueryService) {}

  /** Your payments, newest first. */
  @Get()
  async list(@CurrentUser() user: User, @Query() query: PageQuery): Promise<PaymentPageResponse> {
    return PaymentPageResponse.of(await this.queries.listOwn(user, query));
  }

  /** One of your payments (admins: anyone's), with what happened to it. */
  @Get(':orderId')
  @ApiErrors(PaymentNotFoundError)
  async get(@CurrentUser() user: User, @Param('orderId') orderId: string): Promise<PaymentResponse> {
    return PaymentResponse.ofView(await this.queries.forViewer(user, orderId));
  }
}
