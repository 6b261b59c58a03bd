import { Body, Controller, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/auth.decorators';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { PaymentProviderError, PaymentsDisabledError, TooManyPendingPaymentsError } from '../payments/payments.errors';
import { PaymentsEnabledGuard } from '../payments/payments-enabled.guard';
import { User } from '../users/entities/user.entity';
import { CreateTopupDto, TopupResponse } from './dto/topup.dto';
import { TopupService } from './topup.service';
import { AmountTooLargeError, TopupTooSmallError } from './wallet.errors';

@ApiTags('wallet')
@ApiBearerAuth()
@UseGuards(PaymentsEnabledGuard)
@Controller('wallet/topups')
export class TopupsController {
  constructor(private readonly topups: TopupService) {}

  /**
   * Starts adding money to your wallet through Midtrans: pay at `redirectUrl`; the wallet is
   * credited when Midtrans confirms the payment. At most 5 top-ups may wait at once.
   */
  @Post()
  @ApiErrors(
    TopupTooSmallError,
    AmountTooLargeError,
    TooManyPendingPaymentsError,
    PaymentProviderError,
    PaymentsDisabledError,
  )
  async create(@CurrentUser() user: User, @Body() body: CreateTopupDto): Promise<TopupResponse> {
    return TopupResponse.of(await this.topups.start(user, body.amount));
  }
}
