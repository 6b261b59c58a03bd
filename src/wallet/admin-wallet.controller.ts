import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/auth.decorators';
import { BillService } from './bill.service';
import { AdminBillsQuery, AdminTransfersQuery } from './dto/wallet.dto';
import { BillPageResponse, BillResponse, TransferPageResponse, TransferResponse } from './dto/wallet.responses';
import { TransferService } from './transfer.service';

@ApiTags('admin')
@Roles('admin')
@Controller('admin')
export class AdminWalletController {
  constructor(
    private readonly transfers: TransferService,
    private readonly bills: BillService,
  ) {}

  /** All wallet transfers, newest first, optionally of one user. */
  @Get('transfers')
  async listTransfers(@Query() query: AdminTransfersQuery): Promise<TransferPageResponse> {
    const page = await this.transfers.list(query);
    return { ...page, items: page.items.map((t) => TransferResponse.of(t)) };
  }

  /** All bills, newest first, optionally of one user or status. */
  @Get('bills')
  async listBills(@Query() query: AdminBillsQuery): Promise<BillPageResponse> {
    const page = await this.bills.listAll(query);
    return { ...page, items: page.items.map((b) => BillResponse.of(b)) };
  }
}
