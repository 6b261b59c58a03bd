import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import { jwtSecretFor } from '../src/config/jwt-secret';
import { CatalogueService } from '../src/pulsa/catalogue.service';
import { demoProducts } from '../src/pulsa/demo-catalogue';
import { seedDemoCatalogue } from '../src/reservations/demo-catalogue';
import { DataSource } from 'typeorm';
import { fail, withDatabase } from './with-database';

// npm run seed: adds the demo pulsa catalogue; products that exist (by code) are left as they are.
withDatabase(async (url, config) => {
  const jwtSecret = await jwtSecretFor(config.dataDir, config.auth.jwtSecret);
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({
      ...config,
      logLevel: 'warn',
      pulsa: { ...config.pulsa, demoCatalogue: false },
      reservations: { ...config.reservations, demoCatalogue: false },
      database: { ...config.database, url },
      auth: { ...config.auth, jwtSecret },
    }),
    { logger: ['error', 'warn'] },
  );
  try {
    const products = demoProducts(config.pulsa.supplier);
    const added = await app.get(CatalogueService).addMissing(products);
    process.stdout.write(`Pulsa catalogue: ${added} added, ${products.length - added} already there\n`);
    // Repair catalogue: models, parts, prices and slots that are missing (by code) are added.
    await app.get(DataSource).transaction((manager) => seedDemoCatalogue(manager));
    process.stdout.write('Repair catalogue: demo models, parts, prices and slots present\n');
  } finally {
    await app.close();
  }
}).catch((error: unknown) => fail(String(error instanceof Error ? error.message : error)));
