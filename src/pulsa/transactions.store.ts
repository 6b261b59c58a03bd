import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { randomInt } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { Operator } from './operators';
import type {
  FinalisedBy,
  Product,
  PulsaTransaction,
  PurchaseChannel,
  SupplierName,
  TransactionStatus,
} from './pulsa.types';

export interface TransactionRow {
  id: string;
  short_id: string;
  ref_id: string;
  agent_id: string;
  product_code: string;
  operator: Operator;
  nominal: string;
  destination: string;
  counter: number;
  price: string;
  cost: string;
  supplier: SupplierName;
  supplier_sku: string;
  hold_id: string;
  status: TransactionStatus;
  sn: string | null;
  reason: string | null;
  supplier_rc: string | null;
  supplier_message: string | null;
  channel: PurchaseChannel;
  sent_at: Date | null;
  finalised_by: FinalisedBy | null;
  finalised_at: Date | null;
  created_at: Date;
}

export function toTransaction(row: TransactionRow): PulsaTransaction {
  return {
    id: row.id,
    shortId: row.short_id,
    refId: row.ref_id,
    agentId: row.agent_id,
    productCode: row.product_code,
    operator: row.operator,
    nominal: BigInt(row.nominal),
    destination: row.destination,
    counter: row.counter,
    price: BigInt(row.price),
    cost: BigInt(row.cost),
    supplier: row.supplier,
    supplierSku: row.supplier_sku,
    holdId: row.hold_id,
    status: row.status,
    sn: row.sn,
    reason: row.reason,
    supplierRc: row.supplier_rc,
    supplierMessage: row.supplier_message,
    channel: row.channel,
    sentAt: row.sent_at,
    finalisedBy: row.finalised_by,
    finalisedAt: row.finalised_at,
    createdAt: row.created_at,
  };
}

export interface TransactionFilter {
  agentId?: string;
  status?: TransactionStatus;
  productCode?: string;
  from?: Date;
  to?: Date;
  /** Pending and created before this. */
  pendingBefore?: Date;
  limit: number;
  offset: number;
}

const SHORT_ID = /^T\d{8}$/;

export interface NewTransaction {
  id: string;
  agentId: string;
  product: Product;
  destination: string;
  counter: number;
  holdId: string;
  channel: PurchaseChannel;
  idempotency?: { key: string; hash: string };
  firstCheckSeconds: number;
}

/** The SQL of pulsa_transactions rows; the rules that change them live in the services. */
@Injectable()
export class TransactionsStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Inserts a purchase under a fresh short id (trying another on the rare clash); its ref_id is
   * its id without dashes, and the product is copied as it is now.
   */
  async insert(manager: EntityManager, purchase: NewTransaction): Promise<TransactionRow> {
    const { product } = purchase;
    for (;;) {
      const shortId = `T${randomInt(0, 100_000_000).toString().padStart(8, '0')}`;
      const [row] = await manager.query<TransactionRow[]>(
        `INSERT INTO pulsa_transactions (id, short_id, ref_id, agent_id, product_code, operator, nominal, destination,
           counter, price, cost, supplier, supplier_sku, hold_id, idempotency_key, request_hash, channel, next_check_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                 now() + make_interval(secs => $18))
         ON CONFLICT (short_id) DO NOTHING RETURNING *`,
        [
          purchase.id,
          shortId,
          purchase.id.replace(/-/g, ''),
          purchase.agentId,
          product.code,
          product.operator,
          product.nominal.toString(),
          purchase.destination,
          purchase.counter,
          product.price.toString(),
          product.supplierCost.toString(),
          product.supplier,
          product.supplierSku,
          purchase.holdId,
          purchase.idempotency?.key ?? null,
          purchase.idempotency?.hash ?? null,
          purchase.channel,
          purchase.firstCheckSeconds,
        ],
      );
      if (row) return row;
    }
  }

  /** By id or short id (`T12345678`), optionally only one agent's. */
  async find(idOrShortId: string, agentId?: string, manager?: EntityManager): Promise<PulsaTransaction | null> {
    const column = SHORT_ID.test(idOrShortId) ? 'short_id' : isUUID(idOrShortId) ? 'id' : null;
    if (!column) return null;
    const [row] = await (manager ?? this.dataSource.manager).query<TransactionRow[]>(
      `SELECT * FROM pulsa_transactions WHERE ${column} = $1 AND ($2::uuid IS NULL OR agent_id = $2)`,
      [idOrShortId, agentId ?? null],
    );
    return row ? toTransaction(row) : null;
  }

  async findByRef(refId: string): Promise<PulsaTransaction | null> {
    const [row] = await this.dataSource.query<TransactionRow[]>('SELECT * FROM pulsa_transactions WHERE ref_id = $1', [
      refId,
    ]);
    return row ? toTransaction(row) : null;
  }

  async latestTo(agentId: string, destination: string): Promise<PulsaTransaction | null> {
    const [row] = await this.dataSource.query<TransactionRow[]>(
      `SELECT * FROM pulsa_transactions WHERE agent_id = $1 AND destination = $2 ORDER BY created_at DESC LIMIT 1`,
      [agentId, destination],
    );
    return row ? toTransaction(row) : null;
  }

  /** The newest non-failed purchase of this product to this number with this counter, inside the window. */
  async earlierPurchase(
    manager: EntityManager,
    key: { agentId: string; productCode: string; destination: string; counter: number },
    windowSeconds: number,
  ): Promise<string | null> {
    const [row] = await manager.query<{ short_id: string }[]>(
      `SELECT short_id FROM pulsa_transactions
        WHERE agent_id = $1 AND destination = $2 AND product_code = $3 AND counter = $4 AND status <> 'failed'
          AND created_at > now() - make_interval(secs => $5)
        ORDER BY created_at DESC LIMIT 1`,
      [key.agentId, key.destination, key.productCode, key.counter, windowSeconds],
    );
    return row?.short_id ?? null;
  }

  async byIdempotencyKey(manager: EntityManager, agentId: string, key: string) {
    const [row] = await manager.query<(TransactionRow & { request_hash: string })[]>(
      'SELECT * FROM pulsa_transactions WHERE agent_id = $1 AND idempotency_key = $2',
      [agentId, key],
    );
    return row ? { transaction: toTransaction(row), requestHash: row.request_hash } : null;
  }

  async list(filter: TransactionFilter): Promise<{ items: PulsaTransaction[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.agentId) add('agent_id = ?', filter.agentId);
    if (filter.status) add('status = ?', filter.status);
    if (filter.productCode) add('product_code = ?', filter.productCode);
    if (filter.from) add('created_at >= ?', filter.from);
    if (filter.to) add('created_at < ?', filter.to);
    if (filter.pendingBefore) add(`status = 'pending' AND created_at < ?`, filter.pendingBefore);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = await this.dataSource.query<(TransactionRow & { total: string })[]>(
      `SELECT *, count(*) OVER () AS total FROM pulsa_transactions ${clause}
        ORDER BY created_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { items: rows.map(toTransaction), total: rows.length ? Number(rows[0].total) : 0 };
  }

  /**
   * Marks a purchase as sent; false when it already was (the reconciler took it over). Committed
   * before the supplier is called, so a purchase is never sent twice as a new one.
   */
  async claimFirstSend(id: string): Promise<boolean> {
    const claimed = await this.dataSource.query<unknown[]>(
      `WITH claimed AS (UPDATE pulsa_transactions SET sent_at = now()
                         WHERE id = $1 AND sent_at IS NULL AND status = 'pending' RETURNING id)
       SELECT id FROM claimed`,
      [id],
    );
    return claimed.length > 0;
  }

  /** Keeps the supplier's last word on a purchase that is still pending. */
  async noteAnswer(id: string, rc: string | undefined, message: string | undefined): Promise<void> {
    await this.dataSource.query(
      `UPDATE pulsa_transactions SET supplier_rc = coalesce($2, supplier_rc), supplier_message = coalesce($3, supplier_message)
        WHERE id = $1 AND status = 'pending'`,
      [id, rc ?? null, message?.slice(0, 300) ?? null],
    );
  }
}
