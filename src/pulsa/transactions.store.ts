import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import type { Operator } from './operators';
import type { FinalisedBy, PulsaTransaction, PurchaseChannel, SupplierName, TransactionStatus } from './pulsa.types';

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

/** A purchase with who bought it, as admins read it. */
export interface AgentTransaction extends PulsaTransaction {
  agentUsername: string;
  agentName: string;
}

interface AgentColumns {
  agent_username: string;
  agent_name: string;
}

function toAgentTransaction(row: TransactionRow & AgentColumns): AgentTransaction {
  return { ...toTransaction(row), agentUsername: row.agent_username, agentName: row.agent_name };
}

// Admin reads join the buyer in the same query; an agent's own reads and the purchase path skip it.
interface RowSource {
  columns: string;
  from: string;
}
const PLAIN: RowSource = { columns: 't.*', from: 'pulsa_transactions t' };
const WITH_AGENT: RowSource = {
  columns: 't.*, u.username AS agent_username, u.name AS agent_name',
  from: 'pulsa_transactions t JOIN users u ON u.id = t.agent_id',
};

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

/** The SQL of pulsa_transactions rows; the rules that change them live in the services. */
@Injectable()
export class TransactionsStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** By id or short id (`T12345678`), optionally only one agent's. */
  async find(idOrShortId: string, agentId?: string, manager?: EntityManager): Promise<PulsaTransaction | null> {
    const [row] = await this.selectOne<TransactionRow>(PLAIN, idOrShortId, agentId, manager);
    return row ? toTransaction(row) : null;
  }

  /** By id or short id, with the agent's username and name. */
  async findWithAgent(idOrShortId: string): Promise<AgentTransaction | null> {
    const [row] = await this.selectOne<TransactionRow & AgentColumns>(WITH_AGENT, idOrShortId);
    return row ? toAgentTransaction(row) : null;
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

  async list(filter: TransactionFilter): Promise<{ items: PulsaTransaction[]; total: number }> {
    const { rows, total } = await this.select<TransactionRow>(PLAIN, filter);
    return { items: rows.map(toTransaction), total };
  }

  /** As `list`, each with the agent's username and name. */
  async listWithAgents(filter: TransactionFilter): Promise<{ items: AgentTransaction[]; total: number }> {
    const { rows, total } = await this.select<TransactionRow & AgentColumns>(WITH_AGENT, filter);
    return { items: rows.map(toAgentTransaction), total };
  }

  /**
   * Marks purchases as sent; returns those that were not yet (the others the reconciler took
   * over). Committed before the supplier is called, so a purchase is never sent twice as a new one.
   */
  async claimFirstSends(ids: string[]): Promise<Set<string>> {
    const claimed = await this.dataSource.query<{ id: string }[]>(
      `WITH claimed AS (UPDATE pulsa_transactions SET sent_at = now()
                         WHERE id = ANY ($1) AND sent_at IS NULL AND status = 'pending' RETURNING id)
       SELECT id FROM claimed`,
      [ids],
    );
    return new Set(claimed.map((row) => row.id));
  }

  /** Keeps the supplier's last word on a purchase that is still pending. */
  async noteAnswer(id: string, rc: string | undefined, message: string | undefined): Promise<void> {
    await this.dataSource.query(
      `UPDATE pulsa_transactions SET supplier_rc = coalesce($2, supplier_rc), supplier_message = coalesce($3, supplier_message)
        WHERE id = $1 AND status = 'pending'`,
      [id, rc ?? null, message?.slice(0, 300) ?? null],
    );
  }

  private async selectOne<R>(
    source: RowSource,
    idOrShortId: string,
    agentId?: string,
    manager?: EntityManager,
  ): Promise<R[]> {
    const column = SHORT_ID.test(idOrShortId) ? 'short_id' : isUUID(idOrShortId) ? 'id' : null;
    if (!column) return [];
    return (manager ?? this.dataSource.manager).query<R[]>(
      `SELECT ${source.columns} FROM ${source.from} WHERE t.${column} = $1 AND ($2::uuid IS NULL OR t.agent_id = $2)`,
      [idOrShortId, agentId ?? null],
    );
  }

  private async select<R>(source: RowSource, filter: TransactionFilter): Promise<{ rows: R[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.agentId) add('t.agent_id = ?', filter.agentId);
    if (filter.status) add('t.status = ?', filter.status);
    if (filter.productCode) add('t.product_code = ?', filter.productCode);
    if (filter.from) add('t.created_at >= ?', filter.from);
    if (filter.to) add('t.created_at < ?', filter.to);
    if (filter.pendingBefore) add(`t.status = 'pending' AND t.created_at < ?`, filter.pendingBefore);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = await this.dataSource.query<(R & { total: string })[]>(
      `SELECT ${source.columns}, count(*) OVER () AS total FROM ${source.from} ${clause}
        ORDER BY t.created_at DESC, t.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { rows, total: rows.length ? Number(rows[0].total) : 0 };
  }
}
