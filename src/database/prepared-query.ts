import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryConfig } from 'pg';
import { EntityManager, QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

const names = new Map<string, string>();

/** A stable statement name per SQL text: the same text is prepared once per connection. */
function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `loket_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * One query as a named, server-side prepared statement, on the manager's transaction when it has
 * one, else on any pooled connection. TypeORM sends every query unnamed, so PostgreSQL parses and
 * plans it again each time: for the hot SQL function calls (a transfer, a code) that was about a
 * tenth of the database's CPU per call (pgbench: extended vs prepared protocol). Errors are wrapped
 * as TypeORM wraps them, so callers map them the same way. Only for fixed SQL texts: each distinct
 * text stays prepared on every connection for the connection's life.
 */
export async function preparedQuery<T>(manager: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  const statement: QueryConfig = { name: statementName(text), text, values };
  // As TypeORM's own query(): a released runner's connection may already serve someone else.
  if (manager.queryRunner?.isReleased) throw new QueryRunnerAlreadyReleasedError();
  try {
    if (manager.queryRunner) {
      const client = (await manager.queryRunner.connect()) as PoolClient;
      return (await client.query(statement)).rows as T[];
    }
    const pool = (manager.connection.driver as PostgresDriver).master as Pool;
    return (await pool.query(statement)).rows as T[];
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
}
