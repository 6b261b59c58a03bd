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
  | 'unavailable'
  | 'bad_gateway';

/** The one HTTP status of each kind (the exception filter answers with it; the API document lists it). */
export const HTTP_STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
  bad_gateway: 502,
};

/** A rule of the business was broken: the message is safe to show, the code is stable for clients. */
export class DomainError extends Error {
  /** Values a channel may put into its own wording of the error (the bot's `{minimum}`). */
  params?: Record<string, string>;

  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A domain error class whose code and kind are known without an instance (the API document lists them). */
export interface DomainErrorClass {
  readonly code: string;
  readonly kind: DomainErrorKind;
}

/**
 * The base of one domain error: `class SlotFullError extends domainError('SLOT_FULL', 'conflict') {…}`.
 * The code and kind live on the class, so `@ApiErrors(SlotFullError)` documents what a route answers.
 */
export function domainError<C extends string>(code: C, kind: DomainErrorKind) {
  return class extends DomainError {
    static readonly code: C = code;
    static readonly kind: DomainErrorKind = kind;
    constructor(message: string) {
      super(code, kind, message);
    }
  };
}
