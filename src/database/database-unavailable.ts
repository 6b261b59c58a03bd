import { types } from 'node:util';
import { DatabaseError } from 'pg';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { domainError } from '../common/errors/domain-error';

/** What a 503 DATABASE_UNAVAILABLE tells clients to wait (Retry-After): about as long as a restart takes. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/** The database could not be reached; the request may be sent again, with its Idempotency-Key if it had one. */
export class DatabaseUnavailableError extends domainError('DATABASE_UNAVAILABLE', 'unavailable') {
  constructor() {
    super(
      `The database is unavailable right now; try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds ` +
        '(with the same Idempotency-Key, if the request had one)',
    );
  }
}

// Connection exceptions are SQLSTATE class 08; these others mean the server is going away, coming
// back or full: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections.
const CONNECTION_EXCEPTION = /^08[0-9A-Z]{3}$/;
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// node-postgres (client and pool) raises these as plain errors, without a code.
const DRIVER_MESSAGES = new Set([
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
]);

/**
 * Whether an error means "PostgreSQL cannot be reached right now" (down, restarting, refusing or
 * dropping connections, full) rather than a bug or a rule. TypeORM wraps failed queries in
 * QueryFailedError with the driver's error inside; a failed checkout from the pool arrives as the
 * driver's own error. Network codes count only on plain errors, as node-postgres raises them:
 * an HTTP client's error (Telegram, Midtrans) is its own class and is not the database.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  // A connection the server closes between two queries of a transaction makes TypeORM release its
  // query runner, and the next query fails with this instead (the connection's error is not kept).
  // Seen when PostgreSQL shuts down; otherwise it would take using a manager after its transaction.
  if (error instanceof QueryRunnerProviderAlreadyReleasedError || error instanceof QueryRunnerAlreadyReleasedError) {
    return true;
  }
  const cause = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  if (cause instanceof DatabaseError) {
    const code = cause.code ?? '';
    return CONNECTION_EXCEPTION.test(code) || UNAVAILABLE_SQLSTATES.has(code);
  }
  // Socket errors come from Node's own realm, where instanceof Error can fail (under jest, for one).
  if (!types.isNativeError(cause) || cause.constructor.name !== 'Error') return false;
  const code = (cause as NodeJS.ErrnoException).code;
  return (code !== undefined && NETWORK_CODES.has(code)) || DRIVER_MESSAGES.has(cause.message);
}
