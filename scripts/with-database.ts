import { configFromProcess, LoketConfig } from '../src/config/loket.config';
import { resolveDatabase } from '../src/database/database-url';
import { runMigrations } from '../src/database/migrate';

/**
 * Runs a command-line task against the configured database (starting the embedded one when
 * DATABASE_URL is unset and it is not already running), with migrations applied first.
 */
export async function withDatabase(task: (url: string, config: LoketConfig) => Promise<void>): Promise<void> {
  const config = configFromProcess();
  const database = await resolveDatabase(config);
  try {
    await runMigrations(database.url);
    await task(database.url, config);
  } finally {
    await database.stop();
  }
}

export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** `--name value` pairs from the command line. */
export function flags(argv = process.argv.slice(2)): Record<string, string> {
  const result: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([\w-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!match) fail(`Unexpected argument: ${argv[i]}`);
    result[match[1]] = match[2] ?? argv[++i] ?? '';
  }
  return result;
}
