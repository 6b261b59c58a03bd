import { configFromProcess } from '../src/config/loket.config';
import { resolveDatabase } from '../src/database/database-url';
import { runMigrations } from '../src/database/migrate';
import { fail } from './with-database';

async function main(): Promise<void> {
  const database = await resolveDatabase(configFromProcess());
  try {
    const applied = await runMigrations(database.url);
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'No pending migrations\n');
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => fail(String(error instanceof Error ? error.message : error)));
