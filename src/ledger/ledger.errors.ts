import { DomainError } from '../common/errors/domain-error';

export class InsufficientFundsError extends DomainError {
  constructor(
    readonly account: string,
    readonly available: bigint,
  ) {
    super('INSUFFICIENT_FUNDS', 'unprocessable', `Insufficient funds: ${available} rupiah available`);
  }
}

export class InvalidAmountError extends DomainError {
  constructor(detail: string) {
    super('INVALID_AMOUNT', 'invalid', detail);
  }
}

export class UnbalancedJournalError extends DomainError {
  constructor(detail: string) {
    super('UNBALANCED_JOURNAL', 'invalid', detail);
  }
}

export class AccountNotFoundError extends DomainError {
  constructor(code: string) {
    super('ACCOUNT_NOT_FOUND', 'not_found', `No ledger account "${code}"`);
  }
}

export class IdempotencyConflictError extends DomainError {
  constructor(key: string) {
    super('IDEMPOTENCY_CONFLICT', 'conflict', `Idempotency key "${key}" was already used for a different request`);
  }
}

export class JournalNotFoundError extends DomainError {
  constructor(id: string) {
    super('JOURNAL_NOT_FOUND', 'not_found', `No journal ${id}`);
  }
}

export class AlreadyReversedError extends DomainError {
  constructor(id: string) {
    super('ALREADY_REVERSED', 'conflict', `Journal ${id} has already been reversed`);
  }
}

export class HoldNotFoundError extends DomainError {
  constructor(id: string) {
    super('HOLD_NOT_FOUND', 'not_found', `No hold ${id}`);
  }
}

export class HoldResolvedError extends DomainError {
  constructor(status: string) {
    super('HOLD_ALREADY_RESOLVED', 'conflict', `The hold is already ${status}`);
  }
}

export class HoldExpiredError extends DomainError {
  constructor() {
    super('HOLD_EXPIRED', 'conflict', 'The hold has expired and can no longer be committed');
  }
}

export class HoldAmountError extends DomainError {
  constructor(held: string) {
    super('HOLD_AMOUNT_EXCEEDED', 'invalid', `A commit must be between 1 and the held ${held} rupiah`);
  }
}

export class InvalidCursorError extends DomainError {
  constructor() {
    super('INVALID_CURSOR', 'invalid', 'cursor is not one this API gave out; start again without it');
  }
}
