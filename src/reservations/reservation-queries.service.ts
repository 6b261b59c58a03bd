import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DayRange, jakartaDaySql, jakartaToday } from '../common/time/jakarta-days';
import { PaymentQueryService } from '../payments/payment-queries.service';
import {
  ReservationPaymentEventResponse,
  ReservationDetailResponse,
  ReservationResponse,
  ReservationScheduleResponse,
} from './dto/reservations.responses';
import { isoDate } from './booking-dates';
import { movesFrom } from './reservation-moves';
import { RESERVATION_PURPOSE, ReservationStatus } from './reservation.types';
import { BookingDateError, ReservationNotFoundError } from './reservations.errors';
import { ReservationFilter, ReservationsStore } from './reservations.store';
import { StatusLinks } from './status-links';

/** Bookings not yet cancelled, expired or finished: the shop still has work to do for them. */
const OPEN_STATUSES: ReservationStatus[] = ['awaiting_payment', 'confirmed', 'in_progress'];

export interface BookingsOfDay {
  /** The Asia/Jakarta day the bookings were made. */
  day: string;
  /** Their status now. */
  status: ReservationStatus;
  count: number;
}

/**
 * What the admin dashboard reads: lists, one booking with its history, payment events, the moves it
 * may make and its status link, a day's schedule.
 */
@Injectable()
export class ReservationQueries {
  constructor(
    private readonly store: ReservationsStore,
    private readonly payments: PaymentQueryService,
    private readonly links: StatusLinks,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async list(filter: ReservationFilter) {
    const { items, total } = await this.store.list(filter);
    return { items: items.map((r) => ReservationResponse.of(r)), total, limit: filter.limit, offset: filter.offset };
  }

  async detail(code: string): Promise<ReservationDetailResponse> {
    const booking = await this.store.findByCode(code);
    if (!booking) throw new ReservationNotFoundError(code);
    const history = await this.store.history(booking.id);
    return {
      ...ReservationResponse.of(booking),
      allowedMoves: movesFrom(booking.status, 'admin'),
      statusUrl: this.links.url(booking),
      history: history.map((h) => ({ ...h })),
      paymentEvents: await this.paymentEvents(code),
    };
  }

  async schedule(day: string): Promise<ReservationScheduleResponse> {
    if (!isoDate(day)) throw new BookingDateError(`${day} is not a date (YYYY-MM-DD)`, 'Tanggal itu tidak ada.');
    const [slots, bookings, closed] = await Promise.all([
      this.db.query<{ code: string; label: string; start: string; end: string; capacity: number; left: number }[]>(
        `SELECT s.code, s.label, to_char(s.starts_at, 'HH24:MI') AS start, to_char(s.ends_at, 'HH24:MI') AS "end",
                s.capacity, GREATEST(0, coalesce(d.capacity, s.capacity) - coalesce(d.taken, 0))::int AS left
           FROM reservation_slots s
           LEFT JOIN reservation_slot_days d ON d.slot_code = s.code AND d.day = $1
          WHERE s.active OR d.taken > 0 ORDER BY s.starts_at, s.code`,
        [day],
      ),
      this.store.onDay(day),
      this.db.query<unknown[]>('SELECT 1 FROM reservation_closed_dates WHERE day = $1', [day]),
    ]);
    return {
      date: day,
      closed: closed.length > 0,
      slots: slots.map((s) => ({
        ...s,
        bookings: bookings.filter((b) => b.slotCode === s.code).map((b) => ReservationResponse.of(b)),
      })),
    };
  }

  /** Bookings made per Asia/Jakarta day, by their status now; days without any are left out. */
  async bookingsByDay(range: DayRange): Promise<BookingsOfDay[]> {
    const { day, within } = jakartaDaySql('created_at', '$1', '$2');
    return this.db.query<BookingsOfDay[]>(
      `SELECT ${day} AS day, status, count(*)::int AS count FROM reservations
        WHERE ${within} GROUP BY 1, 2 ORDER BY 1, 2`,
      [range.from, range.to],
    );
  }

  /** Bookings for today (Asia/Jakarta) still to be served: paid or not, not cancelled or finished. */
  async countOpenToday(now = new Date()): Promise<number> {
    const [row] = await this.db.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM reservations WHERE day = $1 AND status = ANY($2)',
      [jakartaToday(now), OPEN_STATUSES],
    );
    return row.n;
  }

  /** Every payment attempt's events for the booking (its code is the payments' reference). */
  private async paymentEvents(code: string): Promise<ReservationPaymentEventResponse[]> {
    const events = await this.payments.eventsOf(RESERVATION_PURPOSE, code);
    return events.map((e) => ({
      orderId: e.orderId,
      status: e.status,
      source: e.source,
      providerStatus: e.providerStatus,
      applied: e.applied,
      detail: e.detail,
      at: e.at,
    }));
  }
}
