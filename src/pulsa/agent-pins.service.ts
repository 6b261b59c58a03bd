import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import type { ResolvedConfig } from '../config/loket.config';
import { LedgerService } from '../ledger/ledger.service';
import { AgentLockedError, InvalidPinError, PinNotSetError, PinRequiredError, WrongPinError } from './pulsa.errors';

/** Wrong PINs in a row that lock purchases until an admin unlocks them. */
export const MAX_PIN_FAILURES = 5;
const PIN = /^\d{4,6}$/;

export interface PinCheck {
  refusal?: DomainError;
  /** The PIN was right and wrong ones came before it: call clearFailures once the work is done. */
  rightAfterWrong: boolean;
}

interface AgentPinRow {
  pin_hash: string | null;
  pin_failures: number;
  locked_at: Date | null;
}

/**
 * Agents' PINs. A PIN is 4-6 digits, so no hash makes guessing it slow; what protects it is the
 * lock after five wrong tries and a keyed hash (HMAC with a key derived from the server secret,
 * never stored), which a copy of the database alone cannot test guesses against. Keyed hashing
 * is also fast enough to check under the agent's row lock, so concurrent guesses are all counted.
 */
@Injectable()
export class AgentPinsService {
  private readonly logger = new Logger(AgentPinsService.name);
  private readonly key: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    config: ConfigService<ResolvedConfig, true>,
  ) {
    const secret = config.get('auth', { infer: true }).jwtSecret;
    this.key = Buffer.from(hkdfSync('sha256', secret, 'loket', 'pulsa-pin-hash', 32));
  }

  /**
   * Checks `pin` under the agent's row lock in the caller's transaction and returns the refusal,
   * if any, instead of throwing it: a wrong PIN's count must commit with that transaction even
   * though the request fails, so the caller commits first and throws after. A right PIN after
   * wrong ones is reported, not reset here: the caller's transaction may still roll back (no
   * funds, a duplicate), and the reset must hold anyway (see clearFailures).
   */
  async check(manager: EntityManager, agentId: string, pin: string | undefined): Promise<PinCheck> {
    const [row] = await manager.query<AgentPinRow[]>(
      'SELECT pin_hash, pin_failures, locked_at FROM pulsa_agents WHERE user_id = $1 FOR UPDATE',
      [agentId],
    );
    if (row?.locked_at) return { refusal: new AgentLockedError(), rightAfterWrong: false };
    if (!row?.pin_hash)
      return { refusal: pin === undefined ? undefined : new PinNotSetError(), rightAfterWrong: false };
    if (pin === undefined) return { refusal: new PinRequiredError(), rightAfterWrong: false };
    if (this.matches(agentId, pin, row.pin_hash)) return { rightAfterWrong: row.pin_failures > 0 };
    const failures = row.pin_failures + 1;
    const locks = failures >= MAX_PIN_FAILURES;
    await manager.query(
      `UPDATE pulsa_agents SET pin_failures = $2, locked_at = CASE WHEN $3 THEN now() END, updated_at = now()
        WHERE user_id = $1`,
      [agentId, failures, locks],
    );
    if (locks) this.logger.warn(`Agent ${agentId} locked after ${failures} wrong PINs`);
    return { refusal: new WrongPinError(MAX_PIN_FAILURES - failures), rightAfterWrong: false };
  }

  /** A right PIN resets the count of wrong ones (unless a lock came in between). */
  async clearFailures(agentId: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE pulsa_agents SET pin_failures = 0 WHERE user_id = $1 AND locked_at IS NULL AND pin_failures > 0',
      [agentId],
    );
  }

  /** `check` in a transaction of its own, throwing the refusal once the count is committed. */
  async verify(agentId: string, pin: string | undefined): Promise<void> {
    const { refusal, rightAfterWrong } = await this.ledger.transaction((manager) => this.check(manager, agentId, pin));
    if (rightAfterWrong) await this.clearFailures(agentId);
    if (refusal) throw refusal;
  }

  /** Sets (or replaces) the PIN; the wrong-PIN count starts again. Also makes the agent's row. */
  async set(agentId: string, pin: string, manager?: EntityManager): Promise<void> {
    if (!PIN.test(pin)) throw new InvalidPinError();
    await (manager ?? this.dataSource.manager).query(
      `INSERT INTO pulsa_agents (user_id, pin_hash) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET pin_hash = $2, pin_failures = 0, updated_at = now()`,
      [agentId, this.hash(agentId, pin)],
    );
  }

  /** Lifts a lock and clears the count; true when the agent was locked. */
  async unlock(agentId: string): Promise<boolean> {
    const rows = await this.dataSource.query<{ was_locked: boolean }[]>(
      `WITH old AS (SELECT locked_at FROM pulsa_agents WHERE user_id = $1 FOR UPDATE),
            done AS (UPDATE pulsa_agents SET locked_at = NULL, pin_failures = 0, updated_at = now() WHERE user_id = $1)
       SELECT locked_at IS NOT NULL AS was_locked FROM old`,
      [agentId],
    );
    return rows[0]?.was_locked ?? false;
  }

  async state(agentId: string): Promise<{ hasPin: boolean; locked: boolean }> {
    const [row] = await this.dataSource.query<AgentPinRow[]>(
      'SELECT pin_hash, pin_failures, locked_at FROM pulsa_agents WHERE user_id = $1',
      [agentId],
    );
    return { hasPin: Boolean(row?.pin_hash), locked: Boolean(row?.locked_at) };
  }

  /** The PIN as stored; pulsa_place compares it in the call that makes a purchase. */
  hash(agentId: string, pin: string): string {
    return createHmac('sha256', this.key).update(`${agentId}:${pin}`).digest('hex');
  }

  private matches(agentId: string, pin: string, stored: string): boolean {
    return timingSafeEqual(Buffer.from(this.hash(agentId, pin), 'hex'), Buffer.from(stored, 'hex'));
  }
}
