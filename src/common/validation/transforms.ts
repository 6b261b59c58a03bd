import { Transform } from 'class-transformer';

/** Trims and lower-cases strings; leaves other types for the validators to reject. */
export const LowerCaseTrimmed = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));

export const Trimmed = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** No ASCII or C1 control characters (PostgreSQL also refuses NUL in text). */
export const NO_CONTROL_CHARACTERS = /^\P{Cc}*$/u;
