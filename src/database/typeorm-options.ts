import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';

export const MIGRATIONS_GLOB = join(__dirname, '..', '..', 'migrations', '*.{ts,js}');

/** One place for how Loket talks to PostgreSQL: the app, the CLI scripts and the tests share it. */
export function typeormOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    namingStrategy: new SnakeNamingStrategy(),
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Keep bigint money as strings: never let it pass through a JS number.
    parseInt8: false,
    // A server that does not answer (gone from the network, or every connection busy) fails the
    // request with 503 DATABASE_UNAVAILABLE after this long, instead of holding it for minutes.
    connectTimeoutMS: 5000,
    extra: { max: 20, application_name: 'loket' },
  };
}
