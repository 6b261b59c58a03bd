import { QueryFailedError } from 'typeorm';
import {
  AccountNotFoundError,
  AlreadyReversedError,
  HoldAmountError,
  HoldExpiredError,
  HoldNotFoundError,
  HoldResolvedError,
  IdempotencyConflictError,
  InsufficientFundsError,
  UnbalancedJournalError,
} from './ledger.errors';

interface PgError {
  code?: string;
  message?: string;
  detail?: string;
  constraint?: string;
}

/** The SQLSTATEs the ledger functions raise (class LK), turned into typed errors. */
export function ledgerErrorFrom(error: unknown): Error {
  if (!(error instanceof QueryFailedError)) return error as Error;
  const pg = error.driverError as PgError;
  const message = pg.message ?? '';
  switch (pg.code) {
    case 'LKINS':
      return new InsufficientFundsError(message, BigInt(pg.detail ?? '0'));
    case 'LKNOA':
      return new AccountNotFoundError(message);
    case 'LKIDC':
      return new IdempotencyConflictError(message);
    case 'LKUNB':
      return new UnbalancedJournalError(message);
    case 'LKNOH':
      return new HoldNotFoundError(message);
    case 'LKHRS':
      return new HoldResolvedError(message);
    case 'LKHEX':
      return new HoldExpiredError();
    case 'LKHAM':
      return new HoldAmountError(message);
    case '23505':
      if (pg.constraint === 'ledger_journals_reverses_key') return new AlreadyReversedError('');
      return error;
    default:
      return error;
  }
}

const RETRYABLE = new Set(['40P01', '40001']);

export function isRetryable(error: unknown): boolean {
  return error instanceof QueryFailedError && RETRYABLE.has((error.driverError as PgError).code ?? '');
}
