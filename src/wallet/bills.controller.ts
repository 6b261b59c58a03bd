import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/auth.decorators';
import { User } from '../users/entities/user.entity';
import { BillService } from './bill.service';
import { CreateBillDto, ListBillsQuery, PayBillDto } from './dto/wallet.dto';
import { BillPageResponse, BillResponse } from './dto/wallet.responses';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { InsufficientFundsError } from '../ledger/ledger.errors';
import { OTP_CONFIRMATION_ERRORS } from '../otp/otp.errors';
import {
  AmountTooLargeError,
  BillNotFoundError,
  BillNotUnpaidError,
  RecipientNotFoundError,
  SelfBillError,
} from './wallet.errors';

@ApiTags('bills')
@Controller('bills')
export class BillsController {
  constructor(private readonly bills: BillService) {}

  /** Asks another user for money, confirmed by a `bill.create` code for this payer and amount. */
  @ApiErrors(...OTP_CONFIRMATION_ERRORS, RecipientNotFoundError, SelfBillError, AmountTooLargeError)
  @Post()
  async create(@CurrentUser() user: User, @Body() body: CreateBillDto): Promise<BillResponse> {
    return BillResponse.of(await this.bills.create(user, body));
  }

  /** Your bills: incoming (to pay), outgoing (sent), or both. */
  @Get()
  async list(@CurrentUser() user: User, @Query() query: ListBillsQuery): Promise<BillPageResponse> {
    const page = await this.bills.list(user, query);
    return { ...page, items: page.items.map((b) => BillResponse.of(b)) };
  }

  @ApiErrors(BillNotFoundError)
  @Get(':code')
  async get(@CurrentUser() user: User, @Param('code') code: string): Promise<BillResponse> {
    return BillResponse.of(await this.bills.get(user, code));
  }

  /** Pays a bill addressed to you, confirmed by a `bill.pay` code for it. */
  @HttpCode(200)
  @ApiErrors(...OTP_CONFIRMATION_ERRORS, BillNotFoundError, BillNotUnpaidError, InsufficientFundsError)
  @Post(':code/pay')
  async pay(@CurrentUser() user: User, @Param('code') code: string, @Body() body: PayBillDto): Promise<BillResponse> {
    return BillResponse.of(await this.bills.pay(user, code, body.otp));
  }

  /** Withdraws an unpaid bill you sent. */
  @ApiErrors(BillNotFoundError, BillNotUnpaidError)
  @Delete(':code')
  async cancel(@CurrentUser() user: User, @Param('code') code: string): Promise<BillResponse> {
    return BillResponse.of(await this.bills.cancel(user, code));
  }

  /** Refuses an unpaid bill addressed to you. */
  @HttpCode(200)
  @ApiErrors(BillNotFoundError, BillNotUnpaidError)
  @Post(':code/decline')
  async decline(@CurrentUser() user: User, @Param('code') code: string): Promise<BillResponse> {
    return BillResponse.of(await this.bills.decline(user, code));
  }
}
