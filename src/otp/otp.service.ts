import { isUUID } from 'class-validator';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHmac, hkdfSync, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { requestHash } from '../common/hash/request-hash';
import { ResolvedConfig } from '../config/loket.config';
import { LedgerService } from '../ledger/ledger.service';
import {
  OtpExpiredError,
  OtpInvalidError,
  OtpLockedError,
  OtpMismatchError,
  OtpRateLimitedError,
  OtpUsedError,
  OtpWrongCodeError,
} from './otp.errors';
import { IssuedOtp, OTP_CHAT_DELIVERY, OtpAction, OtpChatDelivery, OtpConfirmation, OtpPayload } from './otp.types';

const MAX_WRONG_TRIES = 5;

interface ChallengeRow {
  id: string;
  user_id: string;
  action: OtpAction;
  payload_hash: string;
  code_hash: string;
  failed_attempts: number;
  expires_at: Date;
  used_at: Date | null;
}

/**
 * Six-digit one-time passwords bound to one user, one action and its fields. Only a keyed hash of
 * the code is stored; a code is used once, dies after five wrong tries or OTP_TTL.
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
    const outcome = await this.ledger.transaction(
      async (manager): Promise<{ result: T } | { wrong: OtpWrongCodeError }> => {
        const challenge = await this.lockChallenge(manager, userId, otp.challengeId);
        const replayed = await replay?.(manager);
        if (replayed !== undefined) return { result: replayed };
        const wrong = this.check(challenge, action, payload, otp.code);
        if (wrong) {
          await manager.query('UPDATE otp_challenges SET failed_attempts = failed_attempts + 1 WHERE id = $1', [
            challenge.id,
          ]);
          return { wrong };
        }
        const result = await work(manager);
        await manager.query('UPDATE otp_challenges SET used_at = now() WHERE id = $1', [challenge.id]);
        return { result };
      },
    );
    if ('wrong' in outcome) throw outcome.wrong;
    return outcome.result;
  }

  private async lockChallenge(manager: EntityManager, userId: string, challengeId: string): Promise<ChallengeRow> {
    if (!isUUID(challengeId)) throw new OtpInvalidError();
    const [challenge] = await manager.query<ChallengeRow[]>(
      'SELECT * FROM otp_challenges WHERE id = $1 AND user_id = $2 FOR UPDATE',
      [challengeId, userId],
    );
    if (!challenge) throw new OtpInvalidError();
    return challenge;
  }

  /** Throws for a dead or mismatched challenge; a wrong code is returned, for the caller to count. */
  private check(
    challenge: ChallengeRow,
    action: OtpAction,
    payload: OtpPayload,
    code: string,
  ): OtpWrongCodeError | undefined {
    if (challenge.used_at) throw new OtpUsedError();
    if (challenge.failed_attempts >= MAX_WRONG_TRIES) throw new OtpLockedError();
    if (challenge.expires_at.getTime() <= Date.now()) throw new OtpExpiredError();
    const expected = Buffer.from(challenge.code_hash, 'hex');
    const given = Buffer.from(this.codeHash(challenge.id, code), 'hex');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return new OtpWrongCodeError(MAX_WRONG_TRIES - challenge.failed_attempts - 1);
    }
    if (challenge.action !== action || challenge.payload_hash !== this.payloadHash(action, payload)) {
      throw new OtpMismatchError();
    }
    return undefined;
  }

  private payloadHash(action: OtpAction, payload: OtpPayload): string {
    return requestHash({ action, payload });
  }

  private codeHash(challengeId: string, code: string): string {
    return createHmac('sha256', this.key).update(`${challengeId}:${code}`).digest('hex');
  }
}
