import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DayRange, JAKARTA_TIME_ZONE, jakartaDaySql, jakartaToday } from '../common/time/jakarta-days';
import type { Operator } from './operators';
import { InvalidReportRangeError } from './pulsa.errors';

/** A report covers at most this many days. */
const MAX_DAYS = 366;

export interface DailyReportRow {
  day: string;
  productCode: string;
  operator: Operator;
  count: number;
  sales: bigint;
  cost: bigint;
}

/** One day's successful sales, all products together. */
export interface DailySales {
  day: string;
  count: number;
  sales: bigint;
  cost: bigint;
}

export interface DailyReport {
  from: string;
  to: string;
  timeZone: string;
  rows: DailyReportRow[];
}

/** Successful sales by Asia/Jakarta day, product and operator, from the purchases' price snapshots. */
@Injectable()
export class PulsaReportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async daily(range: { from?: string; to?: string }): Promise<DailyReport> {
    const from = range.from ?? jakartaToday();
    const to = range.to ?? from;
    const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
    if (!isDay(from) || !isDay(to)) throw new InvalidReportRangeError('from and to must be real dates, YYYY-MM-DD');
    if (days < 0) throw new InvalidReportRangeError('to must not be before from');
    if (days >= MAX_DAYS) throw new InvalidReportRangeError(`A report covers at most ${MAX_DAYS} days`);
    const { day, within } = jakartaDaySql('created_at', '$1', '$2');
    const rows = await this.dataSource.query<
      { day: string; product_code: string; operator: Operator; count: number; sales: string; cost: string }[]
    >(
      `SELECT ${day} AS day, product_code, operator,
              count(*)::int AS count, sum(price)::text AS sales, sum(cost)::text AS cost
         FROM pulsa_transactions
        WHERE status = 'success' AND ${within}
        GROUP BY 1, 2, 3 ORDER BY 1, 3, 2`,
      [from, to],
    );
    return {
      from,
      to,
      timeZone: JAKARTA_TIME_ZONE,
      rows: rows.map((r) => ({
        day: r.day,
        productCode: r.product_code,
        operator: r.operator,
        count: r.count,
        sales: BigInt(r.sales),
        cost: BigInt(r.cost),
      })),
    };
  }

  /** The daily report's days with their products added up; days without a sale are left out. */
  async salesByDay(range: DayRange): Promise<DailySales[]> {
    const byDay = new Map<string, DailySales>();
    for (const row of (await this.daily(range)).rows) {
      const total = byDay.get(row.day) ?? { day: row.day, count: 0, sales: 0n, cost: 0n };
      byDay.set(row.day, {
        day: row.day,
        count: total.count + row.count,
        sales: total.sales + row.sales,
        cost: total.cost + row.cost,
      });
    }
    return [...byDay.values()];
  }
}

function isDay(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
