import { isUUID } from 'class-validator';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { requestHash } from '../common/hash/request-hash';
import { ResolvedConfig } from '../config/loket.config';
import {
  AlreadyReversedError,
  HoldNotFoundError,
  InvalidAmountError,
  JournalNotFoundError,
  UnbalancedJournalError,
} from './ledger.errors';
import { isRetryable, ledgerErrorFrom } from './ledger-sql';
import { Hold, HoldStatus, Idempotency, JournalKind, PlaceHold, PostedJournal, PostJournal } from './ledger.types';

interface JournalRow {
  journal_id: string;
  replayed: boolean;
  created_at: Date;
  account_code: string;
  amount: string;
  balance_after: string | null;
}

interface HoldRow {
  id: string;
  status: HoldStatus;
  amount: string;
  committed_amount: string | null;
  journal_id: string | null;
  reference: string | null;
  expires_at: Date | null;
  created_at: Date;
}

const MAX_ATTEMPTS = 5;

/**
 * The only write path for money. Every method is one call of a ledger_* SQL function (see the
 * CreateLedger migration), so it is atomic on its own; pass an EntityManager to make it part of
 * the caller's transaction, so a business row and its journal commit or roll back together.
 */
@Injectable()
export class LedgerService {
  private readonly logger = new Logger(LedgerService.name);
  private readonly maxAmount: bigint;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: ConfigService<ResolvedConfig, true>,
  ) {
    this.maxAmount = config.get('ledger', { infer: true }).maxAmount;
  }

  async post(request: PostJournal, manager?: EntityManager): Promise<PostedJournal> {
    this.checkLegs(request.legs);
    const hash = requestHash({
      kind: request.kind,
      legs: request.legs,
      reference: request.reference,
      metadata: request.metadata,
    });
    return this.postChecked(request, hash, null, manager);
  }

  /** Posts the opposite of a journal, linked to it; each journal can be reversed once. */
  async reverse(
    journalId: string,
    options: Idempotency & { kind?: JournalKind; reason?: string; metadata?: Record<string, unknown> } = {},
    manager?: EntityManager,
  ): Promise<PostedJournal> {
    if (!isUUID(journalId)) throw new JournalNotFoundError(journalId);
    const original = await this.run(manager, (m) =>
      m.query<{ code: string; amount: string; reference: string | null }[]>(
        `SELECT a.code, e.amount, j.reference FROM ledger_journals j
           JOIN ledger_entries e ON e.journal_id = j.id JOIN ledger_accounts a ON a.id = e.account_id
          WHERE j.id = $1 ORDER BY e.id`,
        [journalId],
      ),
    );
    if (original.length === 0) throw new JournalNotFoundError(journalId);
    const request: PostJournal = {
      ...options,
      kind: options.kind ?? 'reversal',
      legs: original.map((e) => ({ account: e.code, amount: -BigInt(e.amount) })),
      reference: original[0].reference ?? undefined,
      metadata: { ...options.metadata, reason: options.reason, reverses: journalId },
    };
    const hash = requestHash({ ...request, reverses: journalId });
    try {
      return await this.postChecked(request, hash, journalId, manager);
    } catch (error) {
      // The SQL error does not carry the journal id; name it here.
      if (error instanceof AlreadyReversedError) throw new AlreadyReversedError(journalId);
      throw error;
    }
  }

  /** Reserves funds on `from` (available = balance - held) until the hold is committed or voided. */
  async hold(request: PlaceHold, manager?: EntityManager): Promise<Hold> {
    this.checkAmount(request.amount);
    const hash = requestHash({ ...request, hold: true });
    const rows = await this.call<HoldRow>(
      manager,
      'SELECT * FROM ledger_hold($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
      [
        request.kind,
        request.scope ?? 'ledger',
        request.idempotencyKey ?? null,
        hash,
        request.from,
        request.to,
        request.amount.toString(),
        request.expiresAt ?? null,
        request.reference ?? null,
        request.metadata ?? {},
      ],
    );
    return toHold(rows[0]);
  }

  /** Posts all of a pending hold, or `amount` of it, and releases the rest. */
  async commitHold(holdId: string, amount?: bigint, manager?: EntityManager): Promise<Hold> {
    if (amount !== undefined) this.checkAmount(amount);
    return this.resolveHold(holdId, 'committed', amount, manager);
  }

  voidHold(holdId: string, manager?: EntityManager): Promise<Hold> {
    return this.resolveHold(holdId, 'voided', undefined, manager);
  }

  /** Releases pending holds past their expiry; returns how many. */
  async expireHolds(limit = 100): Promise<number> {
    const due = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM ledger_holds WHERE status = 'pending' AND expires_at <= now() ORDER BY expires_at LIMIT $1`,
      [limit],
    );
    let expired = 0;
    for (const { id } of due) {
      try {
        await this.resolveHold(id, 'expired');
        expired++;
      } catch (error) {
        // Committed or voided meanwhile: nothing to release.
        this.logger.debug(`Hold ${id} not expired: ${(error as Error).message}`);
      }
    }
    return expired;
  }

  /** Creates an account if it does not exist yet (wallets are opened at sign-up). */
  async openAccount(
    account: { code: string; ownerType: 'user' | 'system'; ownerId?: string; allowNegative?: boolean },
    manager?: EntityManager,
  ): Promise<void> {
    await this.run(manager, (m) =>
      m.query(
        `INSERT INTO ledger_accounts (code, owner_type, owner_id, allow_negative) VALUES ($1, $2, $3, $4)
         ON CONFLICT (code) DO NOTHING`,
        [account.code, account.ownerType, account.ownerId ?? null, account.allowNegative ?? false],
      ),
    );
  }

  /**
   * Runs `work` in one transaction, retrying the whole of it on a deadlock or serialization
   * failure, so callers that combine business rows with journals never see those errors.
   */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.retrying(() => this.dataSource.transaction(work));
  }

  private async postChecked(
    request: PostJournal,
    hash: string,
    reverses: string | null,
    manager?: EntityManager,
  ): Promise<PostedJournal> {
    const rows = await this.call<JournalRow>(manager, 'SELECT * FROM ledger_post($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
      request.kind,
      request.scope ?? 'ledger',
      request.idempotencyKey ?? null,
      hash,
      request.reference ?? null,
      request.metadata ?? {},
      reverses,
      request.legs.map((l) => l.account),
      request.legs.map((l) => l.amount.toString()),
    ]);
    return {
      id: rows[0].journal_id,
      createdAt: rows[0].created_at,
      replayed: rows[0].replayed,
      entries: rows.map((r) => ({
        account: r.account_code,
        amount: BigInt(r.amount),
        balanceAfter: r.balance_after === null ? null : BigInt(r.balance_after),
      })),
    };
  }

  private async resolveHold(
    holdId: string,
    outcome: 'committed' | 'voided' | 'expired',
    amount?: bigint,
    manager?: EntityManager,
  ): Promise<Hold> {
    if (!isUUID(holdId)) throw new HoldNotFoundError(holdId);
    const rows = await this.call<HoldRow>(manager, 'SELECT * FROM ledger_resolve_hold($1, $2, $3)', [
      holdId,
      outcome,
      outcome === 'committed' ? (amount?.toString() ?? null) : null,
    ]);
    return toHold(rows[0]);
  }

  private checkLegs(legs: PostJournal['legs']): void {
    if (legs.length < 2) throw new UnbalancedJournalError('A journal needs at least two legs');
    const accounts = new Set(legs.map((l) => l.account));
    if (accounts.size !== legs.length) throw new UnbalancedJournalError('Each account may appear once in a journal');
    for (const leg of legs) {
      if (typeof leg.amount !== 'bigint' || leg.amount === 0n) {
        throw new InvalidAmountError('Every leg needs a non-zero whole rupiah amount');
      }
      this.checkAmount(leg.amount < 0n ? -leg.amount : leg.amount);
    }
    const sum = legs.reduce((total, leg) => total + leg.amount, 0n);
    if (sum !== 0n) throw new UnbalancedJournalError(`Legs must sum to zero, not ${sum}`);
  }

  private checkAmount(amount: bigint): void {
    if (typeof amount !== 'bigint' || amount <= 0n)
      throw new InvalidAmountError('Amount must be a positive whole number of rupiah');
    if (amount > this.maxAmount) throw new InvalidAmountError(`Amount must be at most ${this.maxAmount} rupiah`);
  }

  /**
   * Runs another module's SQL function that posts through ledger_post (e.g. wallet_transfer), with
   * the ledger's typed errors, and its deadlock retries when no manager is given.
   */
  execute<T>(sql: string, params: unknown[], manager?: EntityManager): Promise<T[]> {
    return this.call<T>(manager, sql, params);
  }

  /** One ledger function call, mapped to typed errors, retried on deadlock when we own the transaction. */
  private call<T>(manager: EntityManager | undefined, sql: string, params: unknown[]): Promise<T[]> {
    return this.run(manager, async (m) => {
      try {
        return await m.query<T[]>(sql, params);
      } catch (error) {
        throw ledgerErrorFrom(error);
      }
    });
  }

  private run<T>(manager: EntityManager | undefined, work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (manager) return work(manager);
    return this.retrying(() => work(this.dataSource.manager));
  }

  private async retrying<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (!isRetryable(error) || attempt >= MAX_ATTEMPTS) throw error;
        const delay = Math.random() * 10 * 2 ** attempt;
        this.logger.warn(`Retrying after a deadlock or serialization failure (attempt ${attempt})`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}

function toHold(row: HoldRow): Hold {
  return {
    id: row.id,
    status: row.status,
    amount: BigInt(row.amount),
    committedAmount: row.committed_amount === null ? null : BigInt(row.committed_amount),
    journalId: row.journal_id,
    reference: row.reference,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
  };
}
