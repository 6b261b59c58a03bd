/**
 * What kind of failure a domain error is; the exception filter maps each kind to one HTTP status,
 * and the bot maps codes to its own sentences.
 */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'rate_limited'
  | 'unavailable';

/** A rule of the business was broken: the message is safe to show, the code is stable for clients. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
