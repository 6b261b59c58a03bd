import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Page } from '../common/pagination/page.dto';
import { LedgerQueryService } from '../ledger/ledger-query.service';
import { walletAccountCode } from '../ledger/ledger.types';
import { TelegramLinksService } from '../telegram/telegram-links.service';

export interface AgentSummary {
  id: string;
  username: string;
  name: string;
  phone: string | null;
  hasPin: boolean;
  locked: boolean;
  pinFailures: number;
  balance: bigint;
  available: bigint;
  telegramLinked: boolean;
  createdAt: Date;
}

interface AgentRow {
  id: string;
  username: string;
  name: string;
  phone: string | null;
  has_pin: boolean;
  locked: boolean;
  pin_failures: number;
  created_at: Date;
}

/** The agents as admins look them up: their PIN state, wallet and Telegram link. */
@Injectable()
export class AgentQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly balances: LedgerQueryService,
    private readonly links: TelegramLinksService,
  ) {}

  /** By username; `q` keeps those whose username, name or phone contains it (case does not matter). */
  async list(filter: { q?: string; limit: number; offset: number }): Promise<Page<AgentSummary>> {
    const params = [...searchPatterns(filter.q)];
    const where = `u.role = 'agent' AND ($1::text IS NULL OR u.username ILIKE $1 OR u.name ILIKE $1
                   OR u.phone LIKE ANY ($2::text[]))`;
    const [rows, [count]] = await Promise.all([
      this.dataSource.query<AgentRow[]>(
        `SELECT u.id, u.username, u.name, u.phone, u.created_at, a.pin_hash IS NOT NULL AS has_pin,
                a.locked_at IS NOT NULL AS locked, coalesce(a.pin_failures, 0) AS pin_failures
           FROM users u LEFT JOIN pulsa_agents a ON a.user_id = u.id
          WHERE ${where} ORDER BY u.username LIMIT $3 OFFSET $4`,
        [...params, filter.limit, filter.offset],
      ),
      this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM users u WHERE ${where}`, params),
    ]);
    const [wallets, linked] = await Promise.all([
      this.balances.balances(rows.map((r) => walletAccountCode(r.id))),
      this.links.linkedAmong(rows.map((r) => r.id)),
    ]);
    const items = rows.map((r) => {
      // A user made an agent before their wallet was ever opened has nothing in it.
      const wallet = wallets.get(walletAccountCode(r.id)) ?? { balance: 0n, available: 0n };
      return {
        id: r.id,
        username: r.username,
        name: r.name,
        phone: r.phone,
        hasPin: r.has_pin,
        locked: r.locked,
        pinFailures: r.pin_failures,
        balance: wallet.balance,
        available: wallet.available,
        telegramLinked: linked.has(r.id),
        createdAt: r.created_at,
      };
    });
    return { items, total: count.total, limit: filter.limit, offset: filter.offset };
  }
}

/**
 * LIKE patterns for `q` (its own % and _ taken literally): one for names, and for phones, which are
 * stored as 628…, also the 62 form of a number typed the local way (0812…).
 */
function searchPatterns(q?: string): [string | null, string[]] {
  if (!q) return [null, []];
  const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const phones = [contains(q)];
  if (/^0\d+$/.test(q)) phones.push(contains(`62${q.slice(1)}`));
  return [contains(q), phones];
}
