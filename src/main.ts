import { Logger } from '@nestjs/common';
import cluster from 'node:cluster';
import { startLoket } from './bootstrap';
import { runPrimary } from './cluster';
import { configFromProcess } from './config/loket.config';
import { DOCS_PATH } from './app.factory';
import { DASHBOARD_PATH } from './dashboard/dashboard-static';

async function main(): Promise<void> {
  const config = configFromProcess();
  if (config.workers > 1 && cluster.isPrimary) return runPrimary(config);

  const loket = await startLoket(config);
  const logger = new Logger('Loket');
  if (cluster.isPrimary) {
    logger.log(`API      ${loket.url}/api`);
    logger.log(`API docs ${loket.url}/${DOCS_PATH} (JSON: ${loket.url}/${DOCS_PATH}-json)`);
    logger.log(`Shop     ${loket.url}/ (the repair shop's page)`);
    logger.log(`Admin    ${loket.url}${DASHBOARD_PATH}/ (the dashboard; sign in as an admin)`);
    logger.log(`Health   ${loket.url}/health and ${loket.url}/health/ready`);
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: stopping`);
    loket.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // A worker whose primary is gone has no one to restart or stop it.
  if (cluster.isWorker) process.on('disconnect', () => shutdown('primary gone'));
}

main().catch((error: unknown) => {
  // Configuration and start-up problems: one readable line, no stack, then a non-zero exit.
  process.stderr.write(`Loket did not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
