import { createHmac, hkdfSync } from 'node:crypto';
import { requestHash } from '../common/hash/request-hash';
import { OtpAction, OtpPayload } from './otp.types';

/**
 * The keyed hashes a code is stored and checked as. Kept apart from OtpService so that bench:api's
 * floor (scripts/bench/floor-server.ts) proves codes exactly as Loket does.
 */
export function otpCodeKey(jwtSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', jwtSecret, 'loket', 'otp-code-hash', 32));
}

export function otpCodeHash(key: Buffer, challengeId: string, code: string): string {
  return createHmac('sha256', key).update(`${challengeId}:${code}`).digest('hex');
}

export function otpPayloadHash(action: OtpAction, payload: OtpPayload): string {
  return requestHash({ action, payload });
}
