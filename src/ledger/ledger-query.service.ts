import { isUUID } from 'class-validator';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccountOwners } from './account-owners';
import { AccountNotFoundError, InvalidCursorError, JournalNotFoundError } from './ledger.errors';
import { AccountBalance } from './ledger.types';

export interface AccountView extends AccountBalance {
  id: string;
  ownerType: 'user' | 'system';
  ownerId: string | null;
  currency: 'IDR';
  allowNegative: boolean;
  createdAt: Date;
  /** The owning user's username; null for system accounts. */
  ownerUsername: string | null;
}

type StoredAccount = Omit<AccountView, 'ownerUsername'>;

export interface EntryView {
  id: string;
  journalId: string;
  kind: string;
  reference: string | null;
  amount: bigint;
  balanceAfter: bigint | null;
  /** The other accounts of the journal, e.g. the wallet money came from. */
  counterparties: string[];
  metadata: Record<string, unknown>;
  createdAt: Date;
}

export interface JournalView {
  id: string;
  kind: string;
  idempotencyScope: string;
  idempotencyKey: string | null;
  reference: string | null;
  metadata: Record<string, unknown>;
  reversesJournalId: string | null;
  reversedByJournalId: string | null;
  createdAt: Date;
  entries: { account: string; amount: bigint; balanceAfter: bigint | null }[];
}

export interface EntryPage {
  items: EntryView[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

interface AccountRow {
  id: string;
  code: string;
  owner_type: 'user' | 'system';
  owner_id: string | null;
  allow_negative: boolean;
  balance: string;
  held: string;
  created_at: Date;
}

// A hot account's balance is the sum of its entries; a wallet's is cached on its row.
const ACCOUNT_SELECT = `
  SELECT a.id, a.code, a.owner_type, a.owner_id, a.allow_negative, a.held, a.created_at,
         CASE WHEN a.allow_negative
              THEN (SELECT coalesce(sum(e.amount), 0) FROM ledger_entries e WHERE e.account_id = a.id)
              ELSE a.balance END AS balance
  FROM ledger_accounts a`;

/** Reads of the ledger: balances, entry history, journals. Never writes. */
@Injectable()
export class LedgerQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly owners: AccountOwners,
  ) {}

  /** One account with its owner's username. */
  async account(code: string): Promise<AccountView> {
    const [account] = await this.withOwners([await this.stored(code)]);
    return account;
  }

  async balance(code: string, manager?: EntityManager): Promise<AccountBalance> {
    const { balance, held, available } = await this.stored(code, manager);
    return { code, balance, held, available };
  }

  /** Balances of several accounts in one query, by code; codes with no account are left out. */
  async balances(codes: string[]): Promise<Map<string, AccountBalance>> {
    if (codes.length === 0) return new Map();
    const rows = await this.dataSource.query<AccountRow[]>(`${ACCOUNT_SELECT} WHERE a.code = ANY($1)`, [codes]);
    return new Map(
      rows.map(toAccount).map(({ code, balance, held, available }) => [code, { code, balance, held, available }]),
    );
  }

  async listAccounts(filter: { prefix?: string; limit: number; offset: number }) {
    const pattern = `${(filter.prefix ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const [rows, count] = await Promise.all([
      this.dataSource.query<AccountRow[]>(`${ACCOUNT_SELECT} WHERE a.code LIKE $1 ORDER BY a.code LIMIT $2 OFFSET $3`, [
        pattern,
        filter.limit,
        filter.offset,
      ]),
      this.dataSource.query<{ total: string }[]>('SELECT count(*) AS total FROM ledger_accounts WHERE code LIKE $1', [
        pattern,
      ]),
    ]);
    const items = await this.withOwners(rows.map(toAccount));
    return { items, total: Number(count[0].total), limit: filter.limit, offset: filter.offset };
  }

  /** An account's entries, newest first, `limit` at a time; `kinds` narrows to some journal kinds. */
  async entries(code: string, page: { limit: number; cursor?: string; kinds?: string[] }): Promise<EntryPage> {
    const account = await this.dataSource.query<{ id: string }[]>('SELECT id FROM ledger_accounts WHERE code = $1', [
      code,
    ]);
    if (account.length === 0) throw new AccountNotFoundError(code);
    const before = decodeCursor(page.cursor);
    const rows = await this.dataSource.query<
      {
        id: string;
        journal_id: string;
        kind: string;
        reference: string | null;
        amount: string;
        balance_after: string | null;
        counterparties: string[];
        metadata: Record<string, unknown>;
        created_at: Date;
      }[]
    >(
      `SELECT e.id, e.journal_id, j.kind, j.reference, e.amount, e.balance_after, j.metadata, e.created_at,
              ARRAY(SELECT a.code FROM ledger_entries o JOIN ledger_accounts a ON a.id = o.account_id
                     WHERE o.journal_id = e.journal_id AND o.account_id <> e.account_id ORDER BY o.id) AS counterparties
         FROM ledger_entries e JOIN ledger_journals j ON j.id = e.journal_id
        WHERE e.account_id = $1 AND ($2::bigint IS NULL OR e.id < $2::bigint)
          AND ($3::text[] IS NULL OR j.kind = ANY ($3::text[]))
        ORDER BY e.id DESC LIMIT $4`,
      [account[0].id, before, page.kinds ?? null, page.limit + 1],
    );
    const items = rows.slice(0, page.limit).map((r) => ({
      id: r.id,
      journalId: r.journal_id,
      kind: r.kind,
      reference: r.reference,
      amount: BigInt(r.amount),
      balanceAfter: r.balance_after === null ? null : BigInt(r.balance_after),
      counterparties: r.counterparties,
      metadata: r.metadata,
      createdAt: r.created_at,
    }));
    const nextCursor = rows.length > page.limit ? encodeCursor(items[items.length - 1].id) : null;
    return { items, nextCursor };
  }

  async journal(id: string): Promise<JournalView> {
    if (!isUUID(id)) throw new JournalNotFoundError(id);
    const rows = await this.dataSource.query<
      {
        id: string;
        kind: string;
        idempotency_scope: string;
        idempotency_key: string | null;
        reference: string | null;
        metadata: Record<string, unknown>;
        reverses_journal_id: string | null;
        reversed_by: string | null;
        created_at: Date;
        entries: { account: string; amount: string; balance_after: string | null }[];
      }[]
    >(
      `SELECT j.*, (SELECT r.id FROM ledger_journals r WHERE r.reverses_journal_id = j.id) AS reversed_by,
              (SELECT json_agg(json_build_object('account', a.code, 'amount', e.amount::text,
                                                 'balance_after', e.balance_after::text) ORDER BY e.id)
                 FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id WHERE e.journal_id = j.id) AS entries
         FROM ledger_journals j WHERE j.id = $1`,
      [id],
    );
    if (rows.length === 0) throw new JournalNotFoundError(id);
    const j = rows[0];
    return {
      id: j.id,
      kind: j.kind,
      idempotencyScope: j.idempotency_scope,
      idempotencyKey: j.idempotency_key,
      reference: j.reference,
      metadata: j.metadata,
      reversesJournalId: j.reverses_journal_id,
      reversedByJournalId: j.reversed_by,
      createdAt: j.created_at,
      entries: (j.entries ?? []).map((e) => ({
        account: e.account,
        amount: BigInt(e.amount),
        balanceAfter: e.balance_after === null ? null : BigInt(e.balance_after),
      })),
    };
  }

  private async stored(code: string, manager?: EntityManager): Promise<StoredAccount> {
    const rows = await (manager ?? this.dataSource).query<AccountRow[]>(`${ACCOUNT_SELECT} WHERE a.code = $1`, [code]);
    if (rows.length === 0) throw new AccountNotFoundError(code);
    return toAccount(rows[0]);
  }

  /** Owners' usernames for a page of accounts, in one lookup whatever the page's size. */
  private async withOwners(accounts: StoredAccount[]): Promise<AccountView[]> {
    const ids = accounts.flatMap((a) => (a.ownerId ? [a.ownerId] : []));
    const names = await this.owners.usernames(ids);
    return accounts.map((a) => ({ ...a, ownerUsername: names.get(a.ownerId ?? '') ?? null }));
  }
}

function toAccount(row: AccountRow): StoredAccount {
  const balance = BigInt(row.balance);
  const held = BigInt(row.held);
  return {
    id: row.id,
    code: row.code,
    ownerType: row.owner_type,
    ownerId: row.owner_id,
    currency: 'IDR',
    allowNegative: row.allow_negative,
    balance,
    held,
    available: balance - held,
    createdAt: row.created_at,
  };
}

// Cursors are opaque to clients: the id of the last entry they saw.
const MAX_ENTRY_ID = 2n ** 63n - 1n;

function encodeCursor(entryId: string): string {
  return Buffer.from(`e:${entryId}`).toString('base64url');
}

function decodeCursor(cursor?: string): string | null {
  if (!cursor) return null;
  const match = /^e:(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString());
  // Nineteen digits can still overflow the bigint id column.
  if (!match || BigInt(match[1]) > MAX_ENTRY_ID) throw new InvalidCursorError();
  return match[1];
}
