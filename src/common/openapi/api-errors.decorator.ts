import { DomainErrorClass } from '../errors/domain-error';
import { EXTENSION, OperationExtension } from './operation-extensions';

/**
 * The domain errors a route (or every route of a controller) can answer with. The document lists
 * each one's code under the HTTP status of its kind; the errors every route shares (validation,
 * authentication, roles, rate limits, an unavailable database) are added without being named here.
 */
export const ApiErrors = (...errors: DomainErrorClass[]) =>
  OperationExtension(
    EXTENSION.errors,
    errors.map((e) => ({ code: e.code, kind: e.kind })),
  );
