import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Page } from '../common/pagination/page.dto';
import { AttemptEvent, EventSource, Payment, PaymentEvent, PaymentStatus } from './payment.types';

export interface PaymentRow {
  id: string;
  order_id: string;
  purpose: string;
  reference_id: string;
  owner_id: string;
  amount: string;
  status: PaymentStatus;
  snap_token: string | null;
  redirect_url: string | null;
  payment_type: string | null;
  va_number: string | null;
  provider_error: string | null;
  paid_journal_id: string | null;
  review_hold_id: string | null;
  refunded_amount: string;
  expires_at: Date;
  paid_at: Date | null;
  last_notification_at: Date | null;
  created_at: Date;
}

interface EventRow {
  status: PaymentStatus;
  source: EventSource;
  provider_status: string | null;
  applied: boolean;
  detail: string | null;
  created_at: Date;
}

export interface NewPayment {
  orderId: string;
  purpose: string;
  referenceId: string;
  ownerId: string;
  amount: bigint;
  expiresAt: Date;
}

/** Columns a status change may set along with the status (snake_case, as in the table). */
export type PaymentChanges = Partial<
  Record<'payment_type' | 'va_number' | 'review_hold_id' | 'provider_error', string | null> &
    Record<'refunded_amount', bigint> &
    Record<'paid_at', Date>
>;

/** Columns that change without a change of state. */
export type PaymentFields = Partial<
  Record<'snap_token' | 'redirect_url' | 'provider_error' | 'payment_type' | 'va_number', string | null> &
    Record<'last_notification_at' | 'next_check_at', Date>
>;

export interface PaymentFilter {
  status?: PaymentStatus;
  purpose?: string;
  ownerId?: string;
  ownerUsername?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** A payment with its payer's username, as lists show it. */
export interface ListedPayment extends Payment {
  ownerUsername: string;
}

/** The payments tables in SQL: every state change is one conditional UPDATE … RETURNING. */
@Injectable()
export class PaymentsStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, payment: NewPayment): Promise<Payment> {
    const rows = await manager.query<PaymentRow[]>(
      `INSERT INTO payments (order_id, purpose, reference_id, owner_id, amount, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [
        payment.orderId,
        payment.purpose,
        payment.referenceId,
        payment.ownerId,
        payment.amount.toString(),
        payment.expiresAt,
      ],
    );
    return toPayment(rows[0]);
  }

  async findByOrderId(orderId: string, manager?: EntityManager): Promise<Payment | null> {
    const rows = await (manager ?? this.dataSource).query<PaymentRow[]>('SELECT * FROM payments WHERE order_id = $1', [
      orderId,
    ]);
    return rows.length ? toPayment(rows[0]) : null;
  }

  /** The row, locked until the transaction ends: refunds and reversals of one payment go one at a time. */
  async lock(manager: EntityManager, id: string): Promise<Payment> {
    const rows = await manager.query<PaymentRow[]>('SELECT * FROM payments WHERE id = $1 FOR UPDATE', [id]);
    return toPayment(rows[0]);
  }

  /**
   * Moves the payment to `status` only if it is in one of `from`; null when it was not (someone
   * else moved it first, or it is past this state). The one way a payment changes state.
   */
  async transition(
    manager: EntityManager,
    id: string,
    from: PaymentStatus[],
    status: PaymentStatus,
    changes: PaymentChanges = {},
  ): Promise<Payment | null> {
    const columns = Object.keys(changes) as (keyof PaymentChanges)[];
    const values = columns.map((c) => {
      const value = changes[c];
      return typeof value === 'bigint' ? value.toString() : value;
    });
    const sets = columns.map((c, i) => `${c} = $${i + 4}`);
    const rows = await manager.query<[PaymentRow[], number]>(
      `UPDATE payments SET status = $3, updated_at = now()${sets.map((s) => `, ${s}`).join('')}
        WHERE id = $1 AND status = ANY($2) RETURNING *`,
      [id, from, status, ...values],
    );
    const updated = rows[0];
    return updated.length ? toPayment(updated[0]) : null;
  }

  /** Fields that change without a change of state (a VA number once chosen, a checkout's answer). */
  async update(manager: EntityManager | undefined, id: string, fields: PaymentFields): Promise<void> {
    const columns = Object.keys(fields);
    const values = Object.values(fields) as unknown[];
    await (manager ?? this.dataSource).query(
      `UPDATE payments SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
      [id, ...values],
    );
  }

  async addEvent(
    manager: EntityManager | undefined,
    paymentId: string,
    event: { status: PaymentStatus; source: EventSource; providerStatus?: string; applied: boolean; detail?: string },
  ): Promise<void> {
    await (manager ?? this.dataSource).query(
      `INSERT INTO payment_events (payment_id, status, source, provider_status, applied, detail)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        paymentId,
        event.status,
        event.source,
        event.providerStatus ?? null,
        event.applied,
        event.detail?.slice(0, 500) ?? null,
      ],
    );
  }

  async events(paymentId: string): Promise<PaymentEvent[]> {
    const rows = await this.dataSource.query<EventRow[]>(
      `SELECT status, source, provider_status, applied, detail, created_at FROM payment_events
        WHERE payment_id = $1 ORDER BY id`,
      [paymentId],
    );
    return rows.map(toEvent);
  }

  /** The events of every attempt at paying one reference, oldest first, each with its attempt's order id. */
  async eventsOfReference(purpose: string, referenceId: string): Promise<AttemptEvent[]> {
    const rows = await this.dataSource.query<(EventRow & { order_id: string })[]>(
      `SELECT p.order_id, e.status, e.source, e.provider_status, e.applied, e.detail, e.created_at
         FROM payments p JOIN payment_events e ON e.payment_id = p.id
        WHERE p.purpose = $1 AND p.reference_id = $2 ORDER BY e.id`,
      [purpose, referenceId],
    );
    return rows.map((r) => ({ orderId: r.order_id, ...toEvent(r) }));
  }

  /** How many times the payment went to reversal_review so far. */
  async countReviews(manager: EntityManager, paymentId: string): Promise<number> {
    const [row] = await manager.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM payment_events WHERE payment_id = $1 AND status = 'reversal_review' AND applied`,
      [paymentId],
    );
    return row.n;
  }

  /** Pending payments of one purpose the owner has; call after locking the owner (see CheckoutService). */
  async countPending(manager: EntityManager, purpose: string, ownerId: string): Promise<number> {
    const [row] = await manager.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM payments WHERE owner_id = $1 AND purpose = $2 AND status = 'pending'`,
      [ownerId, purpose],
    );
    return row.n;
  }

  /** Attempts so far at paying one reference; only for purposes that number their order ids by attempt. */
  async countAttempts(manager: EntityManager, purpose: string, referenceId: string): Promise<number> {
    const [row] = await manager.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM payments WHERE purpose = $1 AND reference_id = $2',
      [purpose, referenceId],
    );
    return row.n;
  }

  async list(filter: PaymentFilter): Promise<Page<ListedPayment>> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const where = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.status) where('p.status = ?', filter.status);
    if (filter.purpose) where('p.purpose = ?', filter.purpose);
    if (filter.ownerId) where('p.owner_id = ?', filter.ownerId);
    if (filter.ownerUsername) where('p.owner_id = (SELECT id FROM users WHERE username = ?)', filter.ownerUsername);
    if (filter.from) where('p.created_at >= ?', filter.from);
    if (filter.to) where('p.created_at < ?', filter.to);
    const clause = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const [rows, [count]] = await Promise.all([
      this.dataSource.query<(PaymentRow & { owner_username: string })[]>(
        `SELECT p.*, u.username AS owner_username FROM payments p JOIN users u ON u.id = p.owner_id ${clause}
          ORDER BY p.created_at DESC, p.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, filter.limit, filter.offset],
      ),
      this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM payments p ${clause}`, params),
    ]);
    const items = rows.map((row) => ({ ...toPayment(row), ownerUsername: row.owner_username }));
    return { items, total: count.total, limit: filter.limit, offset: filter.offset };
  }
}

function toEvent(row: EventRow): PaymentEvent {
  return {
    status: row.status,
    source: row.source,
    providerStatus: row.provider_status,
    applied: row.applied,
    detail: row.detail,
    at: row.created_at,
  };
}

export function toPayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    orderId: row.order_id,
    purpose: row.purpose,
    referenceId: row.reference_id,
    ownerId: row.owner_id,
    amount: BigInt(row.amount),
    status: row.status,
    snapToken: row.snap_token,
    redirectUrl: row.redirect_url,
    paymentType: row.payment_type,
    vaNumber: row.va_number,
    providerError: row.provider_error,
    paidJournalId: row.paid_journal_id,
    reviewHoldId: row.review_hold_id,
    refundedAmount: BigInt(row.refunded_amount),
    expiresAt: row.expires_at,
    paidAt: row.paid_at,
    lastNotificationAt: row.last_notification_at,
    createdAt: row.created_at,
  };
}
