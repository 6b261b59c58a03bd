import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface RefundRequest {
  /** The rest of the payment when absent. */
  amount?: bigint;
  reason: string;
  /** The money was returned outside Loket (bank transfer, cash): Midtrans is not called. */
  offline?: boolean;
  /** Required offline: the transfer's reference. */
  reference?: string;
}

export type RefundStatus = 'pending' | 'succeeded' | 'refused';

export interface Refund {
  id: string;
  paymentId: string;
  refundKey: string;
  amount: bigint;
  reason: string;
  offline: boolean;
  reference: string | null;
  status: RefundStatus;
  holdId: string | null;
  journalId: string | null;
  providerReason: string | null;
  requestedBy: string;
  createdAt: Date;
  resolvedAt: Date | null;
}

interface RefundRow {
  id: string;
  payment_id: string;
  refund_key: string;
  amount: string;
  reason: string;
  offline: boolean;
  reference: string | null;
  status: RefundStatus;
  hold_id: string | null;
  journal_id: string | null;
  provider_reason: string | null;
  requested_by: string;
  created_at: Date;
  resolved_at: Date | null;
}

/** payment_refunds in SQL: one row per refund_key, written with its hold before Midtrans is called. */
@Injectable()
export class RefundsStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findByKey(manager: EntityManager, refundKey: string): Promise<Refund | null> {
    const rows = await manager.query<RefundRow[]>('SELECT * FROM payment_refunds WHERE refund_key = $1', [refundKey]);
    return rows.length ? toRefund(rows[0]) : null;
  }

  async lock(manager: EntityManager, id: string): Promise<Refund> {
    const rows = await manager.query<RefundRow[]>('SELECT * FROM payment_refunds WHERE id = $1 FOR UPDATE', [id]);
    return toRefund(rows[0]);
  }

  /** What refunds still waiting on Midtrans have held of the payment. */
  async pendingTotal(manager: EntityManager, paymentId: string): Promise<bigint> {
    const [{ total }] = await manager.query<{ total: string }[]>(
      `SELECT coalesce(sum(amount), 0) AS total FROM payment_refunds WHERE payment_id = $1 AND status = 'pending'`,
      [paymentId],
    );
    return BigInt(total);
  }

  async insert(
    manager: EntityManager,
    refund: {
      paymentId: string;
      refundKey: string;
      amount: bigint;
      request: RefundRequest;
      holdId: string;
      adminId: string;
    },
  ): Promise<Refund> {
    const rows = await manager.query<RefundRow[]>(
      `INSERT INTO payment_refunds (payment_id, refund_key, amount, reason, offline, reference, hold_id, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [
        refund.paymentId,
        refund.refundKey,
        refund.amount.toString(),
        refund.request.reason,
        !!refund.request.offline,
        refund.request.reference ?? null,
        refund.holdId,
        refund.adminId,
      ],
    );
    return toRefund(rows[0]);
  }

  async resolve(
    manager: EntityManager,
    id: string,
    status: 'succeeded' | 'refused',
    result: { journalId?: string; providerReason?: string },
  ): Promise<Refund> {
    const [rows] = await manager.query<[RefundRow[], number]>(
      `UPDATE payment_refunds SET status = $2, journal_id = $3, provider_reason = $4, resolved_at = now()
        WHERE id = $1 RETURNING *`,
      [id, status, result.journalId ?? null, result.providerReason?.slice(0, 500) ?? null],
    );
    return toRefund(rows[0]);
  }

  async ofPayment(paymentId: string): Promise<Refund[]> {
    const rows = await this.dataSource.query<RefundRow[]>(
      'SELECT * FROM payment_refunds WHERE payment_id = $1 ORDER BY created_at, id',
      [paymentId],
    );
    return rows.map(toRefund);
  }
}

function toRefund(row: RefundRow): Refund {
  return {
    id: row.id,
    paymentId: row.payment_id,
    refundKey: row.refund_key,
    amount: BigInt(row.amount),
    reason: row.reason,
    offline: row.offline,
    reference: row.reference,
    status: row.status,
    holdId: row.hold_id,
    journalId: row.journal_id,
    providerReason: row.provider_reason,
    requestedBy: row.requested_by,
    createdAt: row.created_at,
    resolvedAt: row.resolved_at,
  };
}
