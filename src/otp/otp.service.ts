import { isUUID } from 'class-validator';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomInt, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ResolvedConfig } from '../config/loket.config';
import { LedgerService } from '../ledger/ledger.service';
import { otpCodeHash, otpCodeKey, otpPayloadHash } from './otp-proof';
import { OtpInvalidError, OtpRateLimitedError, OtpSpendOutcome, otpSpendError } from './otp.errors';
import {
  IssuedOtp,
  OTP_CHAT_DELIVERY,
  OtpAction,
  OtpChannel,
  OtpChatDelivery,
  OtpConfirmation,
  OtpPayload,
  OtpProof,
} from './otp.types';

/** What the otp_issue SQL function answers (OtpIssueFunction migration). */
interface IssueRow {
  outcome: 'ok' | 'recipient_not_found' | 'rate_limited';
  channel: OtpChannel;
  expires_at: Date;
}

interface SpendOutcome {
  outcome: OtpSpendOutcome;
  tries_left: number | null;
}

/**
 * Six-digit one-time passwords bound to one user, one action and its fields. Only a keyed hash of
 * the code is stored; a code is used once, dies after five wrong tries or OTP_TTL. Those rules are
 * the otp_spend SQL function (WalletTransferFunction migration), so SQL functions can spend a code too.
 */
@Injectable()
export class OtpService {
  private readonly logger = new Logger(OtpService.name);
  private readonly key: Buffer;
  private readonly settings: ResolvedConfig['otp'];

  constructor(
    private readonly ledger: LedgerService,
    config: ConfigService<ResolvedConfig, true>,
    @Optional() @Inject(OTP_CHAT_DELIVERY) private readonly chat?: OtpChatDelivery,
  ) {
    this.settings = config.get('otp', { infer: true });
    this.key = otpCodeKey(config.get('auth', { infer: true }).jwtSecret);
  }

  /** A code for `action` on `payload`, sent by the user's chat or OTP_DELIVERY. */
  async issue(userId: string, action: OtpAction, payload: OtpPayload): Promise<IssuedOtp> {
    return (await this.place(userId, action, payload, null))!;
  }

  /**
   * The same for an action toward another user, checked to exist in the same call: null when no
   * user is named `recipient` (as stored, lower case).
   */
  issueToward(userId: string, action: OtpAction, payload: OtpPayload, recipient: string): Promise<IssuedOtp | null> {
    return this.place(userId, action, payload, recipient);
  }

  private async place(
    userId: string,
    action: OtpAction,
    payload: OtpPayload,
    recipient: string | null,
  ): Promise<IssuedOtp | null> {
    const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
    const id = randomUUID();
    const minutes = Math.max(1, Math.round(this.settings.ttlSeconds / 60));
    const text = `Kode OTP Loket: ${code}. Berlaku ${minutes} menit. Jangan berikan kepada siapa pun.`;
    const [row] = await this.ledger.execute<IssueRow>(
      'SELECT * FROM otp_issue($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
      [
        id,
        userId,
        action,
        recipient,
        otpPayloadHash(action, payload),
        otpCodeHash(this.key, id, code),
        this.settings.delivery,
        this.chat?.enabled ? { text } : null,
        this.settings.ttlSeconds,
        this.settings.maxPerMinute,
      ],
    );
    if (row.outcome === 'recipient_not_found') return null;
    if (row.outcome === 'rate_limited') throw new OtpRateLimitedError(this.settings.maxPerMinute);
    if (row.channel === 'telegram') this.chat?.queued();
    if (row.channel === 'log') this.logger.log(`OTP for user ${userId} (${action}, challenge ${id}): ${code}`);
    return {
      challengeId: id,
      expiresAt: row.expires_at,
      channel: row.channel,
      ...(row.channel === 'response' ? { code } : {}),
    };
  }

  /**
   * Runs `work` in one transaction with the code checked and spent in it: if `work` fails the
   * code stays usable. A wrong code is counted and committed while the challenge is still locked,
   * so concurrent guesses cannot all read the same count and get more than five tries between them.
   * `replay` runs first, under the challenge's lock, so an idempotent retry can return its first result.
   */
  async confirm<T>(
    userId: string,
    action: OtpAction,
    payload: OtpPayload,
    otp: OtpConfirmation,
    work: (manager: EntityManager) => Promise<T>,
    replay?: (manager: EntityManager) => Promise<T | undefined>,
  ): Promise<T> {
    const proof = this.proof(action, payload, otp);
    const outcome = await this.ledger.transaction(async (manager): Promise<{ result: T } | { wrong: Error }> => {
      if (replay) {
        await manager.query('SELECT 1 FROM otp_challenges WHERE id = $1 AND user_id = $2 FOR UPDATE', [
          proof.challengeId,
          userId,
        ]);
        const replayed = await replay(manager);
        if (replayed !== undefined) return { result: replayed };
      }
      const [spent] = await manager.query<SpendOutcome[]>('SELECT * FROM otp_spend($1, $2, $3, $4, $5)', [
        proof.challengeId,
        userId,
        action,
        proof.payloadHash,
        proof.codeHash,
      ]);
      if (spent.outcome === 'wrong') return { wrong: otpSpendError(spent.outcome, spent.tries_left) };
      if (spent.outcome !== 'ok') throw otpSpendError(spent.outcome, spent.tries_left);
      return { result: await work(manager) };
    });
    if ('wrong' in outcome) throw outcome.wrong;
    return outcome.result;
  }

  /**
   * What the otp_spend SQL function needs to check a code, for services that spend it inside a
   * SQL function of their own: the challenge, and keyed hashes of the fields and of the code.
   */
  proof(action: OtpAction, payload: OtpPayload, otp: OtpConfirmation): OtpProof {
    if (!isUUID(otp.challengeId)) throw new OtpInvalidError();
    return {
      challengeId: otp.challengeId,
      payloadHash: otpPayloadHash(action, payload),
      codeHash: otpCodeHash(this.key, otp.challengeId, otp.code),
    };
  }
}
