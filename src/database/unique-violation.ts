import { QueryFailedError } from 'typeorm';

/** The name of the unique constraint or index a failed insert ran into, if that is why it failed. */
export function uniqueViolation(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const pg = error.driverError as { code?: string; constraint?: string };
  return pg.code === '23505' ? (pg.constraint ?? '') : undefined;
}
