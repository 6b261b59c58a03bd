import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Page } from '../common/pagination/page.dto';
import { DayRange, DayTally, jakartaDaySql } from '../common/time/jakarta-days';
import type { User } from '../users/entities/user.entity';
import { AttemptEvent, Payment, PaymentEvent } from './payment.types';
import { PaymentNotFoundError } from './payments.errors';
import { ListedPayment, PaymentFilter, PaymentsStore } from './payments.store';
import { Refund, RefundsStore } from './refunds.store';

export interface StoredNotification {
  id: string;
  receivedAt: Date;
  outcome: string;
  detail: string | null;
  headers: Record<string, string>;
  /** The body as received, decoded as UTF-8. */
  body: string;
}

export type AdminPaymentFilter = Omit<PaymentFilter, 'ownerId' | 'ownerUsername'> & { owner?: string };

export interface PaymentView {
  payment: Payment;
  events: PaymentEvent[];
}

export interface AdminPaymentView extends PaymentView {
  ownerUsername: string;
  notifications: StoredNotification[];
  refunds: Refund[];
}

/** Reads of payments for their owners, for admins, and for the businesses that registered a purpose. */
@Injectable()
export class PaymentQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: PaymentsStore,
    private readonly refunds: RefundsStore,
  ) {}

  /** Its owner or an admin sees it; to anyone else it does not exist. */
  async forViewer(viewer: User, orderId: string): Promise<PaymentView> {
    const payment = await this.find(orderId);
    if (payment.ownerId !== viewer.id && viewer.role !== 'admin') throw new PaymentNotFoundError(orderId);
    return { payment, events: await this.store.events(payment.id) };
  }

  listOwn(owner: User, page: { limit: number; offset: number }): Promise<Page<Payment>> {
    return this.store.list({ ownerId: owner.id, ...page });
  }

  /** Every payment that matches, each with its payer's username. */
  listAll(filter: AdminPaymentFilter): Promise<Page<ListedPayment>> {
    const { owner, ...rest } = filter;
    return this.store.list({ ...rest, ownerUsername: owner });
  }

  async forAdmin(orderId: string): Promise<AdminPaymentView> {
    const payment = await this.find(orderId);
    const [events, notifications, refunds, [owner]] = await Promise.all([
      this.store.events(payment.id),
      this.notifications(payment.orderId),
      this.refunds.ofPayment(payment.id),
      this.dataSource.query<{ username: string }[]>('SELECT username FROM users WHERE id = $1', [payment.ownerId]),
    ]);
    return { payment, events, notifications, refunds, ownerUsername: owner.username };
  }

  /**
   * Every attempt's events for one thing a purpose sells (a booking code…), oldest first, each
   * with its attempt's order id; empty when it was never checked out.
   */
  eventsOf(purpose: string, referenceId: string): Promise<AttemptEvent[]> {
    return this.store.eventsOfReference(purpose, referenceId);
  }

  /**
   * Payments whose money arrived, per Asia/Jakarta day of its arrival (later refunds and reversals
   * do not take them out), of one purpose or all; days without one are left out.
   */
  async receivedByDay(range: DayRange, purpose?: string): Promise<DayTally[]> {
    const { day, within } = jakartaDaySql('paid_at', '$1', '$2');
    const rows = await this.dataSource.query<{ day: string; count: number; amount: string }[]>(
      `SELECT ${day} AS day, count(*)::int AS count, sum(amount)::text AS amount FROM payments
        WHERE ${within} AND ($3::text IS NULL OR purpose = $3) GROUP BY 1 ORDER BY 1`,
      [range.from, range.to, purpose ?? null],
    );
    return rows.map((r) => ({ day: r.day, count: r.count, amount: BigInt(r.amount) }));
  }

  /** Payments waiting in reversal_review for an admin's decision. */
  async countInReview(): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM payments WHERE status = 'reversal_review'`,
    );
    return row.n;
  }

  private async find(orderId: string): Promise<Payment> {
    const payment = /^[A-Za-z0-9._~-]{1,50}$/.test(orderId) ? await this.store.findByOrderId(orderId) : null;
    if (!payment) throw new PaymentNotFoundError(orderId);
    return payment;
  }

  /** Every delivery naming the order, refused ones included. */
  private async notifications(orderId: string): Promise<StoredNotification[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        received_at: Date;
        outcome: string;
        detail: string | null;
        headers: Record<string, string>;
        raw_body: Buffer;
      }[]
    >(
      `SELECT id, received_at, outcome, detail, headers, raw_body FROM payment_notifications
        WHERE order_id = $1 ORDER BY id`,
      [orderId],
    );
    return rows.map((r) => ({
      id: r.id,
      receivedAt: r.received_at,
      outcome: r.outcome,
      detail: r.detail,
      headers: r.headers,
      body: r.raw_body.toString('utf8'),
    }));
  }
}
