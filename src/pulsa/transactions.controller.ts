import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import { IdempotencyKey } from '../common/http/idempotency-key.decorator';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { IdempotencyConflictError, InsufficientFundsError } from '../ledger/ledger.errors';
import { User } from '../users/entities/user.entity';
import { CreatePurchaseDto, TransactionsQuery } from './dto/pulsa.dto';
import { PurchaseResponse, TransactionPageResponse, TransactionResponse } from './dto/pulsa.responses';
import { PurchaseDispatcher } from './purchase-dispatcher.service';
import { PurchaseService } from './purchase.service';
import { PulsaTransactionsService } from './pulsa-transactions.service';
import {
  AgentLockedError,
  DuplicatePurchaseError,
  InvalidDestinationError,
  PinNotSetError,
  PinRequiredError,
  ProductInactiveError,
  ProductNotFoundError,
  PulsaTransactionNotFoundError,
  WrongOperatorError,
  WrongPinError,
} from './pulsa.errors';

@ApiTags('pulsa')
@Roles('agent')
@Controller('pulsa/transactions')
export class TransactionsController {
  constructor(
    private readonly purchases: PurchaseService,
    private readonly dispatcher: PurchaseDispatcher,
    private readonly transactions: PulsaTransactionsService,
  ) {}

  /**
   * Buys airtime: the price is held from your wallet and the purchase is pending (202) while the
   * supplier works; it ends `success` (with `sn`) or `failed` (the hold is released). The same
   * product to the same number again within PULSA_DUPLICATE_WINDOW needs a new `counter`.
   */
  @Post()
  @HttpCode(202)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retries with the same key and body return the first purchase',
  })
  @ApiErrors(
    ProductNotFoundError,
    ProductInactiveError,
    InvalidDestinationError,
    WrongOperatorError,
    PinRequiredError,
    PinNotSetError,
    WrongPinError,
    AgentLockedError,
    DuplicatePurchaseError,
    InsufficientFundsError,
    IdempotencyConflictError,
  )
  async buy(
    @CurrentUser() agent: User,
    @Body() body: CreatePurchaseDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<PurchaseResponse> {
    const placed = await this.purchases.place(agent.id, { ...body, channel: 'rest', idempotencyKey });
    this.dispatcher.dispatch(placed.transaction);
    return { ...TransactionResponse.of(placed.transaction), available: placed.available.toString() };
  }

  /** Your purchases, newest first. */
  @Get()
  async list(@CurrentUser() agent: User, @Query() query: TransactionsQuery): Promise<TransactionPageResponse> {
    const page = await this.transactions.listOwn(agent, query);
    return { ...page, items: page.items.map((t) => TransactionResponse.of(t)) };
  }

  /** One of your purchases, by id or short id (`T04829137`). */
  @Get(':id')
  @ApiErrors(PulsaTransactionNotFoundError)
  async get(@CurrentUser() agent: User, @Param('id') id: string): Promise<TransactionResponse> {
    return TransactionResponse.of(await this.transactions.getOwn(agent, id));
  }
}
