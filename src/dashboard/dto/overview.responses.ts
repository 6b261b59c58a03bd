import { ApiProperty } from '@nestjs/swagger';
import { RupiahProperty } from '../../common/money/rupiah';
import { JAKARTA_TIME_ZONE } from '../../common/time/jakarta-days';
import { RESERVATION_STATUSES, ReservationStatus } from '../../reservations/reservation.types';
import type { Overview, OverviewDay, Tally } from '../overview.service';

// Amounts are strings of whole rupiah: JSON numbers cannot carry every bigint.

export class OverviewTallyResponse {
  count!: number;
  @RupiahProperty()
  amount!: string;

  static of(t: Tally): OverviewTallyResponse {
    return { count: t.count, amount: t.amount.toString() };
  }
}

export class OverviewPulsaResponse {
  /** Successful purchases. */
  count!: number;
  @RupiahProperty({ description: 'What agents paid' })
  sales!: string;
  @RupiahProperty({ description: 'sales - cost (negative when sold below cost)' })
  margin!: string;
}

export class OverviewBookingsResponse {
  /** Bookings made that day. */
  created!: number;
  @ApiProperty({
    description: 'The bookings made that day, by their status now; every status is present',
    type: 'object',
    properties: Object.fromEntries(RESERVATION_STATUSES.map((s) => [s, { type: 'integer', minimum: 0 }])),
    required: [...RESERVATION_STATUSES],
    additionalProperties: false,
    selfRequired: true,
  })
  byStatus!: Record<ReservationStatus, number>;
}

export class OverviewDayResponse {
  /** An Asia/Jakarta day. @example "2026-11-22" */
  day!: string;
  /** Transfers between wallets made that day. */
  transfers!: OverviewTallyResponse;
  /** Wallet top-ups whose money arrived that day. */
  topups!: OverviewTallyResponse;
  /** Successful pulsa purchases made that day. */
  pulsa!: OverviewPulsaResponse;
  bookings!: OverviewBookingsResponse;
  /** Payments of every purpose whose money arrived that day (later refunds do not take them out). */
  payments!: OverviewTallyResponse;

  static of(d: OverviewDay): OverviewDayResponse {
    return {
      day: d.day,
      transfers: OverviewTallyResponse.of(d.transfers),
      topups: OverviewTallyResponse.of(d.topups),
      pulsa: {
        count: d.pulsa.count,
        sales: d.pulsa.sales.toString(),
        margin: (d.pulsa.sales - d.pulsa.cost).toString(),
      },
      bookings: d.bookings,
      payments: OverviewTallyResponse.of(d.payments),
    };
  }
}

export class OverviewAttentionResponse {
  /** Payments in reversal_review: decide them with POST /api/admin/payments/{orderId}/review. */
  paymentsInReview!: number;
  /** Pulsa purchases pending past PULSA_STUCK_MINUTES, as GET /api/admin/pulsa/transactions/stuck lists them. */
  stuckPulsaTransactions!: number;
  /** Bookings for today (Asia/Jakarta) not cancelled, expired or finished. */
  bookingsToday!: number;
}

export class OverviewResponse {
  /** The first day shown. @example "2026-11-09" */
  from!: string;
  /** Today. @example "2026-11-22" */
  to!: string;
  /** @example "Asia/Jakarta" */
  timeZone!: string;
  /** Every day from `from` to `to`, oldest first. */
  days!: OverviewDayResponse[];
  attention!: OverviewAttentionResponse;
  /** When these figures were read. */
  generatedAt!: Date;

  static of(o: Overview): OverviewResponse {
    return {
      from: o.range.from,
      to: o.range.to,
      timeZone: JAKARTA_TIME_ZONE,
      days: o.days.map((d) => OverviewDayResponse.of(d)),
      attention: o.attention,
      generatedAt: o.generatedAt,
    };
  }
}
