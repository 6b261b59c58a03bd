import { domainError } from '../common/errors/domain-error';

export class InsufficientFundsError extends domainError('INSUFFICIENT_FUNDS', 'unprocessable') {
  constructor(
    readonly account: string,
    readonly available: bigint,
  ) {
    super(`Insufficient funds: ${available} rupiah available`);
  }
}

export class InvalidAmountError extends domainError('INVALID_AMOUNT', 'invalid') {
  constructor(detail: string) {
    super(detail);
  }
}

export class UnbalancedJournalError extends domainError('UNBALANCED_JOURNAL', 'invalid') {
  constructor(detail: string) {
    super(detail);
  }
}

export class AccountNotFoundError extends domainError('ACCOUNT_NOT_FOUND', 'not_found') {
  constructor(code: string) {
    super(`No ledger account "${code}"`);
  }
}

export class IdempotencyConflictError extends domainError('IDEMPOTENCY_CONFLICT', 'conflict') {
  constructor(key: string) {
    super(`Idempotency key "${key}" was already used for a different request`);
  }
}

export class JournalNotFoundError extends domainError('JOURNAL_NOT_FOUND', 'not_found') {
  constructor(id: string) {
    super(`No journal ${id}`);
  }
}

export class AlreadyReversedError extends domainError('ALREADY_REVERSED', 'conflict') {
  constructor(id: string) {
    super(`Journal ${id} has already been reversed`);
  }
}

export class HoldNotFoundError extends domainError('HOLD_NOT_FOUND', 'not_found') {
  constructor(id: string) {
    super(`No hold ${id}`);
  }
}

export class HoldResolvedError extends domainError('HOLD_ALREADY_RESOLVED', 'conflict') {
  constructor(status: string) {
    super(`The hold is already ${status}`);
  }
}

export class HoldExpiredError extends domainError('HOLD_EXPIRED', 'conflict') {
  constructor() {
    super('The hold has expired and can no longer be committed');
  }
}

export class HoldAmountError extends domainError('HOLD_AMOUNT_EXCEEDED', 'invalid') {
  constructor(held: string) {
    super(`A commit must be between 1 and the held ${held} rupiah`);
  }
}

export class InvalidCursorError extends domainError('INVALID_CURSOR', 'invalid') {
  constructor() {
    super('cursor is not one this API gave out; start again without it');
  }
}
