import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/auth.decorators';
import { IdempotencyKey } from '../common/http/idempotency-key.decorator';
import { User } from '../users/entities/user.entity';
import { CreateTransferDto, RequestOtpDto, TransactionsQuery } from './dto/wallet.dto';
import {
  HistoryItemResponse,
  HistoryPageResponse,
  OtpChallengeResponse,
  TransferResponse,
  WalletResponse,
} from './dto/wallet.responses';
import { HistoryService } from './history.service';
import { TransferService } from './transfer.service';
import { WalletService } from './wallet.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { IdempotencyConflictError, InsufficientFundsError, InvalidCursorError } from '../ledger/ledger.errors';
import { OTP_CONFIRMATION_ERRORS, OtpRateLimitedError } from '../otp/otp.errors';
import {
  AmountTooLargeError,
  BillNotFoundError,
  BillNotUnpaidError,
  OtpFieldsError,
  RecipientNotFoundError,
  SelfBillError,
  SelfTransferError,
} from './wallet.errors';

@ApiTags('wallet')
@Controller()
export class WalletController {
  constructor(
    private readonly wallet: WalletService,
    private readonly transfers: TransferService,
    private readonly history: HistoryService,
  ) {}

  /** Your balance, what is held by purchases in progress, and what you can spend. */
  @Get('wallet')
  async balance(@CurrentUser() user: User): Promise<WalletResponse> {
    return WalletResponse.of(await this.wallet.balance(user));
  }

  /** Asks for a one-time password bound to one action and its fields (recipient and amount, or bill code). */
  @ApiErrors(
    OtpRateLimitedError,
    OtpFieldsError,
    RecipientNotFoundError,
    SelfTransferError,
    SelfBillError,
    AmountTooLargeError,
    BillNotFoundError,
    BillNotUnpaidError,
  )
  @Post('otp')
  async requestOtp(@CurrentUser() user: User, @Body() body: RequestOtpDto): Promise<OtpChallengeResponse> {
    return OtpChallengeResponse.of(await this.wallet.requestOtp(user, body));
  }

  /** Sends money to another user, confirmed by a `transfer` code for this recipient and amount. */
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retries with the same key and body return the first result',
  })
  @ApiErrors(
    ...OTP_CONFIRMATION_ERRORS,
    RecipientNotFoundError,
    SelfTransferError,
    AmountTooLargeError,
    InsufficientFundsError,
    IdempotencyConflictError,
  )
  @Post('wallet/transfers')
  async transfer(
    @CurrentUser() user: User,
    @Body() body: CreateTransferDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<TransferResponse> {
    const { transfer } = await this.transfers.transfer(user, body, idempotencyKey);
    return TransferResponse.of(transfer);
  }

  /** Every movement of your wallet, newest first. */
  @ApiErrors(InvalidCursorError)
  @Get('wallet/transactions')
  async transactions(@CurrentUser() user: User, @Query() query: TransactionsQuery): Promise<HistoryPageResponse> {
    const page = await this.history.list(user, query);
    return { items: page.items.map((h) => HistoryItemResponse.of(h)), nextCursor: page.nextCursor };
  }
}
