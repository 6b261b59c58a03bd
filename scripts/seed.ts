import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import { jwtSecretFor } from '../src/config/jwt-secret';
import { CatalogueService } from '../src/pulsa/catalogue.service';
import { demoProducts } from '../src/pulsa/demo-catalogue';
import { fail, withDatabase } from './with-database';

// npm run seed: adds the demo pulsa catalogue; products that exist (by code) are left as they are.
withDatabase(async (url, config) => {
  const jwtSecret = await jwtSecretFor(config.dataDir, config.auth.jwtSecret);
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({
      ...config,
      logLevel: 'warn',
      pulsa: { ...config.pulsa, demoCatalogue: false },
      database: { ...config.database, url },
      auth: { ...config.auth, jwtSecret },
    }),
    { logger: ['error', 'warn'] },
  );
  try {
    const products = demoProducts(config.pulsa.supplier);
    const added = await app.get(CatalogueService).addMissing(products);
    process.stdout.write(`Pulsa catalogue: ${added} added, ${products.length - added} already there\n`);
  } finally {
    await app.close();
  }
}).catch((error: unknown) => fail(String(error instanceof Error ? error.message : error)));
