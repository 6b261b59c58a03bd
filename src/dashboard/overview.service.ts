import { Injectable } from '@nestjs/common';
import { DayRange, DayTally, daysOf, lastDays } from '../common/time/jakarta-days';
import { PaymentQueryService } from '../payments/payment-queries.service';
import { DailySales, PulsaReportService } from '../pulsa/pulsa-report.service';
import { PulsaTransactionsService } from '../pulsa/pulsa-transactions.service';
import { BookingsOfDay, ReservationQueries } from '../reservations/reservation-queries.service';
import { RESERVATION_STATUSES, ReservationStatus } from '../reservations/reservation.types';
import { WalletReportService } from '../wallet/wallet-report.service';

export type Tally = Omit<DayTally, 'day'>;

export interface OverviewDay {
  day: string;
  transfers: Tally;
  topups: Tally;
  pulsa: Omit<DailySales, 'day'>;
  /** Bookings made that day, and how many of them are in each status now. */
  bookings: { created: number; byStatus: Record<ReservationStatus, number> };
  payments: Tally;
}

export interface Overview {
  range: DayRange;
  days: OverviewDay[];
  attention: { paymentsInReview: number; stuckPulsaTransactions: number; bookingsToday: number };
  generatedAt: Date;
}

const NO_TALLY: Tally = { count: 0, amount: 0n };
const NO_SALES: Omit<DailySales, 'day'> = { count: 0, sales: 0n, cost: 0n };

/**
 * The admin's front page: each business's figures per Asia/Jakarta day, every day present (zero
 * when nothing happened), and what is waiting for an admin. Each module answers for its own
 * tables with a few GROUP BY day queries; this only lays their answers out side by side.
 */
@Injectable()
export class OverviewService {
  constructor(
    private readonly wallet: WalletReportService,
    private readonly pulsaReport: PulsaReportService,
    private readonly pulsaTransactions: PulsaTransactionsService,
    private readonly reservations: ReservationQueries,
    private readonly payments: PaymentQueryService,
  ) {}

  async overview(days: number, now = new Date()): Promise<Overview> {
    const range = lastDays(days, now);
    const [wallet, pulsa, bookings, received, paymentsInReview, stuckPulsaTransactions, bookingsToday] =
      await Promise.all([
        this.wallet.byDay(range),
        this.pulsaReport.salesByDay(range),
        this.reservations.bookingsByDay(range),
        this.payments.receivedByDay(range),
        this.payments.countInReview(),
        this.pulsaTransactions.countStuck(),
        this.reservations.countOpenToday(now),
      ]);
    const transfers = byDay(wallet.transfers);
    const topups = byDay(wallet.topups);
    const sales = byDay(pulsa);
    const payments = byDay(received);
    const bookingCounts = countsByDay(bookings);
    return {
      range,
      days: daysOf(range).map((day) => ({
        day,
        transfers: transfers.get(day) ?? NO_TALLY,
        topups: topups.get(day) ?? NO_TALLY,
        pulsa: sales.get(day) ?? NO_SALES,
        bookings: bookingsOf(bookingCounts.get(day)),
        payments: payments.get(day) ?? NO_TALLY,
      })),
      attention: { paymentsInReview, stuckPulsaTransactions, bookingsToday },
      generatedAt: now,
    };
  }
}

function byDay<T extends { day: string }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((row) => [row.day, row]));
}

const noBookings = () =>
  Object.fromEntries(RESERVATION_STATUSES.map((status) => [status, 0])) as Record<ReservationStatus, number>;

function bookingsOf(byStatus = noBookings()): OverviewDay['bookings'] {
  return { created: Object.values(byStatus).reduce((sum, n) => sum + n, 0), byStatus };
}

function countsByDay(rows: BookingsOfDay[]): Map<string, Record<ReservationStatus, number>> {
  const counts = new Map<string, Record<ReservationStatus, number>>();
  for (const row of rows) {
    const day = counts.get(row.day) ?? noBookings();
    day[row.status] = row.count;
    counts.set(row.day, day);
  }
  return counts;
}
