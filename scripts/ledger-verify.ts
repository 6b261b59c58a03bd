import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import { LedgerVerifierService } from '../src/ledger/ledger-verifier.service';
import { fail, withDatabase } from './with-database';

// npm run ledger:verify: prints the report as JSON and exits non-zero when the ledger is not ok.
// Only warnings and errors are logged, so stdout stays plain JSON.
Logger.overrideLogger(['error', 'warn']);
withDatabase(async (url, config) => {
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({
      ...config,
      logLevel: 'warn',
      database: { ...config.database, url },
      auth: { ...config.auth, jwtSecret: config.auth.jwtSecret ?? 'verify-only' },
    }),
    { logger: ['error', 'warn'] },
  );
  try {
    const report = await app.get(LedgerVerifierService).verify();
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (!report.ok) process.exitCode = 1;
  } finally {
    await app.close();
  }
}).catch((error: unknown) => fail(String(error instanceof Error ? error.message : error)));
