import { DatabaseUnavailableError } from '../../database/database-unavailable';
import { DomainErrorClass } from '../errors/domain-error';

/**
 * Failures that are not business rules but that a route may still answer with. The ones every
 * route shares are added by the document's finishing pass; the others are named with @ApiErrors.
 */
export const CommonErrors = {
  /** A field the validator refused (one message per field). */
  validation: { code: 'VALIDATION_FAILED', kind: 'invalid' },
  /** Malformed JSON, a bad header such as Idempotency-Key. */
  badRequest: { code: 'BAD_REQUEST', kind: 'invalid' },
  unauthorized: { code: 'UNAUTHORIZED', kind: 'unauthorized' },
  forbidden: { code: 'FORBIDDEN', kind: 'forbidden' },
  notFound: { code: 'NOT_FOUND', kind: 'not_found' },
  tooManyRequests: { code: 'TOO_MANY_REQUESTS', kind: 'rate_limited' },
  databaseUnavailable: DatabaseUnavailableError,
} satisfies Record<string, DomainErrorClass>;
