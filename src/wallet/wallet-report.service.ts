import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DayRange, DayTally, jakartaDaySql } from '../common/time/jakarta-days';
import { PaymentQueryService } from '../payments/payment-queries.service';
import { TOPUP_PURPOSE } from './topup.purpose';

export interface WalletDays {
  /** Transfers between wallets, per day they were made. */
  transfers: DayTally[];
  /** Top-ups whose money arrived, per day it arrived. */
  topups: DayTally[];
}

/** The wallet's figures per Asia/Jakarta day, for the admin overview; days without any are left out. */
@Injectable()
export class WalletReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly payments: PaymentQueryService,
  ) {}

  async byDay(range: DayRange): Promise<WalletDays> {
    const [transfers, topups] = await Promise.all([
      this.transfersByDay(range),
      this.payments.receivedByDay(range, TOPUP_PURPOSE),
    ]);
    return { transfers, topups };
  }

  private async transfersByDay(range: DayRange): Promise<DayTally[]> {
    const { day, within } = jakartaDaySql('created_at', '$1', '$2');
    const rows = await this.dataSource.query<{ day: string; count: number; amount: string }[]>(
      `SELECT ${day} AS day, count(*)::int AS count, sum(amount)::text AS amount FROM wallet_transfers
        WHERE ${within} GROUP BY 1 ORDER BY 1`,
      [range.from, range.to],
    );
    return rows.map((r) => ({ day: r.day, count: r.count, amount: BigInt(r.amount) }));
  }
}
