import { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { createLoketApp } from './app.factory';
import { jwtSecretFor } from './config/jwt-secret';
import { LoketConfig, ResolvedConfig } from './config/loket.config';
import { resolveDatabase } from './database/database-url';
import { runMigrations } from './database/migrate';

export interface RunningLoket {
  app: INestApplication;
  config: ResolvedConfig;
  url: string;
  /** Closes the HTTP server, the pool, and the embedded database if this process started it. */
  stop(): Promise<void>;
}

/** Database, migrations, then the HTTP server: everything `npm start` does. */
export async function startLoket(config: LoketConfig): Promise<RunningLoket> {
  const database = await resolveDatabase(config);
  try {
    const resolved: ResolvedConfig = {
      ...config,
      database: { ...config.database, url: database.url },
      auth: { ...config.auth, jwtSecret: await jwtSecretFor(config.dataDir, config.auth.jwtSecret) },
    };
    await runMigrations(resolved.database.url);
    const app = await createLoketApp(resolved);
    await app.listen(config.port, '0.0.0.0');
    const address = app.getHttpServer().address() as AddressInfo;
    return {
      app,
      config: resolved,
      url: `http://localhost:${address.port}`,
      stop: async () => {
        await app.close();
        await database.stop();
      },
    };
  } catch (error) {
    await database.stop();
    throw error;
  }
}
