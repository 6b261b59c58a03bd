import { DomainError, domainError } from '../common/errors/domain-error';

export class OtpRateLimitedError extends domainError('OTP_RATE_LIMITED', 'rate_limited') {
  constructor(perMinute: number) {
    super(`At most ${perMinute} codes a minute; wait a moment and ask again`);
  }
}

export class OtpInvalidError extends domainError('OTP_INVALID', 'unauthorized') {
  constructor() {
    super('No such one-time password challenge for you; request a new code');
  }
}

export class OtpWrongCodeError extends domainError('OTP_WRONG_CODE', 'unauthorized') {
  constructor(triesLeft: number) {
    super(
      triesLeft > 0
        ? `Wrong one-time password; ${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left`
        : 'Wrong one-time password; no tries left, request a new code',
    );
  }
}

export class OtpExpiredError extends domainError('OTP_EXPIRED', 'unauthorized') {
  constructor() {
    super('The one-time password has expired; request a new code');
  }
}

export class OtpUsedError extends domainError('OTP_USED', 'unauthorized') {
  constructor() {
    super('The one-time password was already used; request a new code');
  }
}

export class OtpLockedError extends domainError('OTP_LOCKED', 'unauthorized') {
  constructor() {
    super('Too many wrong tries for this code; request a new one');
  }
}

export class OtpMismatchError extends domainError('OTP_MISMATCH', 'forbidden') {
  constructor() {
    super('This one-time password was issued for a different action, recipient, amount or bill');
  }
}

/** What the otp_spend SQL function answers. */
export type OtpSpendOutcome = 'ok' | 'invalid' | 'used' | 'locked' | 'expired' | 'wrong' | 'mismatch';

/** The error for every outcome but 'ok'. */
export function otpSpendError(outcome: Exclude<OtpSpendOutcome, 'ok'>, triesLeft: number | null): DomainError {
  switch (outcome) {
    case 'invalid':
      return new OtpInvalidError();
    case 'used':
      return new OtpUsedError();
    case 'locked':
      return new OtpLockedError();
    case 'expired':
      return new OtpExpiredError();
    case 'wrong':
      return new OtpWrongCodeError(triesLeft ?? 0);
    case 'mismatch':
      return new OtpMismatchError();
  }
}

/** What presenting a one-time password can fail with. */
export const OTP_CONFIRMATION_ERRORS = [
  OtpInvalidError,
  OtpWrongCodeError,
  OtpExpiredError,
  OtpUsedError,
  OtpLockedError,
  OtpMismatchError,
];
