import { Logger } from '@nestjs/common';
import { LoketConfig } from '../config/loket.config';
import { EmbeddedDatabase, startEmbeddedDatabase } from './embedded-database';

/** DATABASE_URL when set; otherwise the embedded PostgreSQL under the data folder. */
export async function resolveDatabase(config: LoketConfig): Promise<EmbeddedDatabase> {
  if (config.database.url) return { url: config.database.url, stop: () => Promise.resolve() };
  const logger = new Logger('EmbeddedPostgres');
  logger.log(`DATABASE_URL is not set: using the embedded PostgreSQL in ${config.dataDir}/pg`);
  return startEmbeddedDatabase({ dataDir: config.dataDir, port: config.database.embeddedPort });
}
