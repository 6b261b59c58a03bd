import { Logger } from '@nestjs/common';
import cluster, { Worker } from 'node:cluster';
import { jwtSecretFor } from './config/jwt-secret';
import { LoketConfig } from './config/loket.config';
import { resolveDatabase } from './database/database-url';
import { runMigrations } from './database/migrate';

const STOP_TIMEOUT_MS = 20_000;

/**
 * LOKET_WORKERS > 1: this process settles what must happen once (the embedded database, the JWT
 * secret, migrations) and forks that many workers, each a whole Loket sharing PORT. One Node
 * process spends a core on HTTP, JSON and validation while PostgreSQL waits; several use them all.
 * Background work is already safe across instances (advisory locks, SKIP LOCKED), so workers need
 * no coordination. A worker that dies after it started is replaced; one that dies while starting
 * stops the cluster, since its twins would fail the same way.
 */
export async function runPrimary(config: LoketConfig): Promise<void> {
  const logger = new Logger('Cluster');
  const database = await resolveDatabase(config);
  let env: Record<string, string>;
  try {
    const jwtSecret = await jwtSecretFor(config.dataDir, config.auth.jwtSecret);
    await runMigrations(database.url);
    env = { DATABASE_URL: database.url, JWT_SECRET: jwtSecret };
  } catch (error) {
    await database.stop();
    throw error;
  }

  const started = new WeakSet<Worker>();
  let stopping = false;
  let exitCode = 0;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) void finish();
    for (const worker of workers) worker?.process.kill('SIGTERM');
    // A worker stuck in its shutdown must not keep the database (and the primary) up for ever.
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
    }, STOP_TIMEOUT_MS).unref();
  };
  const finish = async () => {
    await database.stop();
    process.exit(exitCode);
  };

  cluster.on('listening', (worker, address) => {
    started.add(worker);
    logger.log(`Worker ${worker.process.pid} listening on port ${address.port}`);
  });
  cluster.on('exit', (worker, code, signal) => {
    const how = signal ?? `code ${code}`;
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) void finish();
    } else if (!started.has(worker)) {
      logger.error(`A worker exited while starting (${how}); stopping`);
      stop(1);
    } else {
      logger.error(`Worker ${worker.process.pid} exited (${how}); starting another`);
      cluster.fork(env);
    }
  });
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  for (let i = 0; i < config.workers; i++) cluster.fork(env);
}
