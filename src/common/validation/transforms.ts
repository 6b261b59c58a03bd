import { Transform } from 'class-transformer';

/** Trims and lower-cases strings; leaves other types for the validators to reject. */
export const LowerCaseTrimmed = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));

export const Trimmed = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
