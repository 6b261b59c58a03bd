import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedDatabase } from '../../src/database/embedded-database';
import { freePort } from './free-port';

/**
 * With DATABASE_URL unset the suites get a throwaway embedded PostgreSQL (durability off: it is
 * deleted afterwards); with it set they use that server. Each suite makes its own database there.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.LOKET_TEST_SERVER_URL = process.env.DATABASE_URL;
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'loket-test-'));
  const database = await startEmbeddedDatabase({
    dataDir,
    port: await freePort(),
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' },
  });
  process.env.LOKET_TEST_SERVER_URL = database.url;
  (globalThis as Record<string, unknown>).__LOKET_TEST_DB__ = { database, dataDir };
}
