import { Transform } from 'class-transformer';
import { IsEmail } from 'class-validator';

/** Trims and lower-cases strings; leaves other types for the validators to reject. */
export const LowerCaseTrimmed = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));

export const Trimmed = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** No ASCII or C1 control characters (PostgreSQL also refuses NUL in text). */
export const NO_CONTROL_CHARACTERS = /^\P{Cc}*$/u;

/**
 * An email address once trimmed. Named apart from IsEmail so that the API document does not say
 * `format: email`, which would refuse the spaces around an address that the API accepts.
 */
export const EmailAfterTrimming = () => IsEmail();
