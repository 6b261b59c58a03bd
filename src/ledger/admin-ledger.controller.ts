import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import { IdempotencyKey } from '../common/http/idempotency-key.decorator';
import { CursorQuery } from '../common/pagination/page.dto';
import { User } from '../users/entities/user.entity';
import { AdjustmentService } from './adjustment.service';
import { CreateAdjustmentDto, ListAccountsQuery } from './dto/ledger.dto';
import {
  AccountPageResponse,
  AccountResponse,
  EntryPageResponse,
  JournalResponse,
  VerifyResponse,
} from './dto/ledger.responses';
import { LedgerQueryService } from './ledger-query.service';
import { LedgerVerifierService } from './ledger-verifier.service';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import {
  AccountNotFoundError,
  IdempotencyConflictError,
  InsufficientFundsError,
  InvalidAmountError,
  InvalidCursorError,
  JournalNotFoundError,
  UnbalancedJournalError,
} from './ledger.errors';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/ledger')
export class AdminLedgerController {
  constructor(
    private readonly queries: LedgerQueryService,
    private readonly verifier: LedgerVerifierService,
    private readonly adjustments: AdjustmentService,
  ) {}

  /** Ledger accounts by code, optionally those starting with `prefix`, with their owners' usernames. */
  @Get('accounts')
  async accounts(@Query() query: ListAccountsQuery): Promise<AccountPageResponse> {
    const page = await this.queries.listAccounts(query);
    return { ...page, items: page.items.map((a) => AccountResponse.of(a)) };
  }

  /** One account's balance, held and available amounts, and its owner's username. */
  @ApiErrors(AccountNotFoundError)
  @Get('accounts/:code')
  async account(@Param('code') code: string): Promise<AccountResponse> {
    return AccountResponse.of(await this.queries.account(code));
  }

  /** One account's entries, newest first. */
  @ApiErrors(AccountNotFoundError, InvalidCursorError)
  @Get('accounts/:code/entries')
  async entries(@Param('code') code: string, @Query() query: CursorQuery): Promise<EntryPageResponse> {
    return EntryPageResponse.of(await this.queries.entries(code, query));
  }

  @ApiErrors(JournalNotFoundError)
  @Get('journals/:id')
  async journal(@Param('id') id: string): Promise<JournalResponse> {
    return JournalResponse.of(await this.queries.journal(id));
  }

  /** Checks every ledger invariant; `ok: false` lists the problems. */
  @Get('verify')
  verify(): Promise<VerifyResponse> {
    return this.verifier.verify();
  }

  /** Credits (positive) or debits (negative) an account against system:cash, with a reason for the audit trail. */
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiErrors(
    AccountNotFoundError,
    InvalidAmountError,
    UnbalancedJournalError,
    InsufficientFundsError,
    IdempotencyConflictError,
  )
  @Post('adjustments')
  async adjust(
    @CurrentUser() admin: User,
    @Body() body: CreateAdjustmentDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<JournalResponse> {
    const posted = await this.adjustments.adjust(admin, { ...body, idempotencyKey });
    return JournalResponse.of(await this.queries.journal(posted.id));
  }
}
