import { DomainError } from '../common/errors/domain-error';

export class OtpRateLimitedError extends DomainError {
  constructor(perMinute: number) {
    super('OTP_RATE_LIMITED', 'rate_limited', `At most ${perMinute} codes a minute; wait a moment and ask again`);
  }
}

export class OtpInvalidError extends DomainError {
  constructor() {
    super('OTP_INVALID', 'unauthorized', 'No such one-time password challenge for you; request a new code');
  }
}

export class OtpWrongCodeError extends DomainError {
  constructor(triesLeft: number) {
    super(
      'OTP_WRONG_CODE',
      'unauthorized',
      triesLeft > 0
        ? `Wrong one-time password; ${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left`
        : 'Wrong one-time password; no tries left, request a new code',
    );
  }
}

export class OtpExpiredError extends DomainError {
  constructor() {
    super('OTP_EXPIRED', 'unauthorized', 'The one-time password has expired; request a new code');
  }
}

export class OtpUsedError extends DomainError {
  constructor() {
    super('OTP_USED', 'unauthorized', 'The one-time password was already used; request a new code');
  }
}

export class OtpLockedError extends DomainError {
  constructor() {
    super('OTP_LOCKED', 'unauthorized', 'Too many wrong tries for this code; request a new one');
  }
}

export class OtpMismatchError extends DomainError {
  constructor() {
    super(
      'OTP_MISMATCH',
      'forbidden',
      'This one-time password was issued for a different action, recipient, amount or bill',
    );
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
