import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import { configFromProcess } from '../src/config/loket.config';
import { resolveDatabase } from '../src/database/database-url';
import { runMigrations } from '../src/database/migrate';
import { LedgerService } from '../src/ledger/ledger.service';
import { move, SystemAccount } from '../src/ledger/ledger.types';
import { scratchDatabase } from './bench/bench-database';
import { fmt, ms, pgbenchTps, runLoad } from './bench/load';
import { flags } from './with-database';

// npm run bench:ledger -- --concurrency 8 --seconds 10 --wallets 2000
// Drives LedgerService directly (no HTTP) on scratch databases of the configured server.
async function main(): Promise<void> {
  const options = flags();
  const concurrency = Number(options.concurrency ?? options.c ?? 8);
  const seconds = Number(options.seconds ?? options.t ?? 10);
  const walletCount = Number(options.wallets ?? 2000);
  const config = configFromProcess();
  const server = await resolveDatabase(config);
  const bench = await scratchDatabase(server.url, 'loket_bench_ledger');
  try {
    await runMigrations(bench.url);
    const app = await NestFactory.createApplicationContext(
      AppModule.forRoot({
        ...config,
        logLevel: 'warn',
        database: { ...config.database, url: bench.url },
        auth: { ...config.auth, jwtSecret: 'bench-only-secret-bench-only-secret' },
      }),
      { logger: ['error', 'warn'] },
    );
    const ledger = app.get(LedgerService);
    const wallets = Array.from({ length: walletCount }, (_, i) => `wallet:bench-${i}`);
    for (let i = 0; i < wallets.length; i += 200) {
      await Promise.all(
        wallets.slice(i, i + 200).map(async (code) => {
          await ledger.openAccount({ code, ownerType: 'system' });
          await ledger.post({ kind: 'deposit', legs: move(SystemAccount.cash, code, 1_000_000_000n) });
        }),
      );
    }
    const amount = () => BigInt(1 + Math.floor(Math.random() * 100));
    const pick = () => wallets[Math.floor(Math.random() * wallets.length)];

    const uncontended = await runLoad(concurrency, seconds, () => {
      const from = pick();
      let to = pick();
      while (to === from) to = pick();
      return ledger.post({ kind: 'transfer', legs: move(from, to, amount()) });
    });
    console.log(`ledger transfers/s: ${fmt(uncontended.perSecond)} (uncontended, C=${concurrency})`);
    console.log(`  p50 ${ms(uncontended.p50Ms)}, p99 ${ms(uncontended.p99Ms)}, failures ${uncontended.failures}`);

    const hot = await runLoad(concurrency, seconds, () =>
      ledger.post({ kind: 'pulsa_purchase', legs: move(pick(), SystemAccount.pulsaRevenue, amount()) }),
    );
    console.log(`ledger transfers/s: ${fmt(hot.perSecond)} (hot account, C=${concurrency})`);
    console.log(`  p50 ${ms(hot.p50Ms)}, p99 ${ms(hot.p99Ms)}, failures ${hot.failures}`);
    await app.close();

    const pgbenchDb = await scratchDatabase(server.url, 'loket_bench_pgbench');
    try {
      const tps = pgbenchTps(server.url, 'loket_bench_pgbench', seconds);
      if (tps === null) {
        console.log('pgbench tps: not measured (pgbench is not installed)');
      } else {
        console.log(`pgbench tps: ${fmt(tps)} (TPC-B, scale 10, -M prepared -c 8)`);
        console.log(`uncontended / pgbench: ${(uncontended.perSecond / tps).toFixed(2)} (target >= 0.6)`);
      }
    } finally {
      await pgbenchDb.drop();
    }
    console.log(`hot / uncontended: ${(hot.perSecond / uncontended.perSecond).toFixed(2)} (target >= 0.8)`);
  } finally {
    await bench.drop();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
