import { DataSource } from 'typeorm';
import { typeormOptions } from './typeorm-options';

// Any constant works; it only has to be the same in every Loket instance.
const MIGRATION_LOCK = 7_204_561;

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so instances starting together
 * do not race each other through the same migration. Returns the names it applied.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = await new DataSource({ ...typeormOptions(url), logging: ['error'] }).initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}
