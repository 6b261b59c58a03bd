import { isUUID } from 'class-validator';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHmac, hkdfSync, randomInt, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { requestHash } from '../common/hash/request-hash';
import { ResolvedConfig } from '../config/loket.config';
import { LedgerService } from '../ledger/ledger.service';
import { OtpInvalidError, OtpRateLimitedError, OtpSpendOutcome, otpSpendError } from './otp.errors';
import {
  IssuedOtp,
  OTP_CHAT_DELIVERY,
  OtpAction,
  OtpChatDelivery,
  OtpConfirmation,
  OtpPayload,
  OtpProof,
} from './otp.types';

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
    const secret = config.get('auth', { infer: true }).jwtSecret;
    this.key = Buffer.from(hkdfSync('sha256', secret, 'loket', 'otp-code-hash', 32));
  }

  async issue(userId: string, action: OtpAction, payload: OtpPayload): Promise<IssuedOtp> {
    const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
    return this.ledger.transaction(async (manager) => {
      // One user's requests queue here, so the per-minute limit holds under concurrency.
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`otp:${userId}`]);
      const [{ recent }] = await manager.query<{ recent: number }[]>(
        `SELECT count(*)::int AS recent FROM otp_challenges WHERE user_id = $1 AND created_at > now() - interval '1 minute'`,
        [userId],
      );
      if (recent >= this.settings.maxPerMinute) throw new OtpRateLimitedError(this.settings.maxPerMinute);

      const id = randomUUID();
      const minutes = Math.max(1, Math.round(this.settings.ttlSeconds / 60));
      const text = `Kode OTP Loket: ${code}. Berlaku ${minutes} menit. Jangan berikan kepada siapa pun.`;
      const byChat = (await this.chat?.send(userId, text, manager)) ?? false;
      const channel = byChat ? 'telegram' : this.settings.delivery;
      const [row] = await manager.query<{ expires_at: Date }[]>(
        `INSERT INTO otp_challenges (id, user_id, action, payload_hash, code_hash, channel, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7)) RETURNING expires_at`,
        [
          id,
          userId,
          action,
          this.payloadHash(action, payload),
          this.codeHash(id, code),
          channel,
          this.settings.ttlSeconds,
        ],
      );
      if (channel === 'log') this.logger.log(`OTP for user ${userId} (${action}, challenge ${id}): ${code}`);
      return {
        challengeId: id,
        expiresAt: row.expires_at,
        channel,
        ...(channel === 'response' ? { code } : {}),
      };
    });
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
      payloadHash: this.payloadHash(action, payload),
      codeHash: this.codeHash(otp.challengeId, otp.code),
    };
  }

  private payloadHash(action: OtpAction, payload: OtpPayload): string {
    return requestHash({ action, payload });
  }

  private codeHash(challengeId: string, code: string): string {
    return createHmac('sha256', this.key).update(`${challengeId}:${code}`).digest('hex');
  }
}
