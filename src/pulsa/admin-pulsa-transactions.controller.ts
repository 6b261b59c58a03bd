import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { Page, PageQuery } from '../common/pagination/page.dto';
import { User } from '../users/entities/user.entity';
import { AdminTransactionsQuery, DailyReportQuery, ResolveTransactionDto } from './dto/pulsa.dto';
import { AdminTransactionPageResponse, AdminTransactionResponse, DailyReportResponse } from './dto/pulsa.responses';
import { PulsaReportService } from './pulsa-report.service';
import { PulsaTransactionsService } from './pulsa-transactions.service';
import { InvalidReportRangeError, PulsaTransactionNotFoundError, TransactionNotPendingError } from './pulsa.errors';
import type { AgentTransaction } from './transactions.store';

const adminPage = (page: Page<AgentTransaction>): AdminTransactionPageResponse => ({
  ...page,
  items: page.items.map((t) => AdminTransactionResponse.ofAdmin(t)),
});

/** Every agent's purchases, stuck ones, their resolution and the daily report, for admins. */
@ApiTags('admin')
@Roles('admin')
@Controller('admin/pulsa')
export class AdminPulsaTransactionsController {
  constructor(
    private readonly transactions: PulsaTransactionsService,
    private readonly reports: PulsaReportService,
  ) {}

  /** Newest first, by status, agent, product and creation time. */
  @Get('transactions')
  async list(@Query() query: AdminTransactionsQuery): Promise<AdminTransactionPageResponse> {
    return adminPage(await this.transactions.list(query));
  }

  /** Pending longer than PULSA_STUCK_MINUTES: ask the supplier, then resolve them. */
  @Get('transactions/stuck')
  async stuck(@Query() query: PageQuery): Promise<AdminTransactionPageResponse> {
    return adminPage(await this.transactions.stuck(query.limit, query.offset));
  }

  /** By id or short id. */
  @Get('transactions/:id')
  @ApiErrors(PulsaTransactionNotFoundError)
  async get(@Param('id') id: string): Promise<AdminTransactionResponse> {
    return AdminTransactionResponse.ofAdmin(await this.transactions.get(id));
  }

  /**
   * Settles a pending purchase by hand: `success` commits the hold, `failed` releases it; the agent
   * is told. 409 when it is already final (whoever finalised it first).
   */
  @Post('transactions/:id/resolve')
  @HttpCode(200)
  @ApiErrors(PulsaTransactionNotFoundError, TransactionNotPendingError)
  async resolve(
    @CurrentUser() admin: User,
    @Param('id') id: string,
    @Body() body: ResolveTransactionDto,
  ): Promise<AdminTransactionResponse> {
    return AdminTransactionResponse.ofAdmin(await this.transactions.resolve(admin, id, body));
  }

  /** Successful sales, cost and margin per Asia/Jakarta day, product and operator. */
  @Get('reports/daily')
  @ApiErrors(InvalidReportRangeError)
  async daily(@Query() query: DailyReportQuery): Promise<DailyReportResponse> {
    return DailyReportResponse.of(await this.reports.daily(query));
  }
}
