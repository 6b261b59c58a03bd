import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ResolvedConfig } from '../config/loket.config';
import { slotLabel } from './booking-dates';

// The Jiot Gadget Solution catalogue of the source document, with prices in rupiah.
const MODELS: [string, string][] = [
  ['iphone-5', 'iPhone 5'],
  ['iphone-5s', 'iPhone 5s'],
  ['iphone-6', 'iPhone 6'],
  ['iphone-6-plus', 'iPhone 6+'],
  ['iphone-x', 'iPhone X'],
  ['iphone-xs', 'iPhone Xs'],
];
const PARTS: [string, string][] = [
  ['battery', 'Battery'],
  ['lcd', 'LCD'],
  ['back-camera', 'Back Camera'],
  ['front-camera', 'Front Camera'],
  ['touch-id', 'Finger/Touch ID'],
  ['screen-guard', 'Screen Guard'],
];
// Per model, in PARTS order; null where the part is not offered (the X and Xs have no Touch ID).
const PRICES: Record<string, (number | null)[]> = {
  'iphone-5': [45000, 150000, 90000, 60000, 120000, 25000],
  'iphone-5s': [50000, 160000, 95000, 65000, 130000, 25000],
  'iphone-6': [55000, 200000, 110000, 70000, 150000, 30000],
  'iphone-6-plus': [60000, 250000, 120000, 75000, 160000, 30000],
  'iphone-x': [70000, 650000, 300000, 150000, null, 40000],
  'iphone-xs': [80000, 750000, 350000, 175000, null, 40000],
};
const SLOTS: [string, string, string][] = [
  ['pagi', '09:00', '11:00'],
  ['siang', '12:00', '14:00'],
  ['sore', '15:00', '17:00'],
  ['malam', '18:00', '20:00'],
];
const DEMO_CAPACITY = 2;

/** Adds whatever of the demo catalogue is missing; changes nothing an admin set. */
export async function seedDemoCatalogue(manager: EntityManager): Promise<void> {
  for (const [table, rows] of [
    ['reservation_models', MODELS],
    ['reservation_parts', PARTS],
  ] as const) {
    for (const [index, [code, name]] of rows.entries()) {
      await manager.query(`INSERT INTO ${table} (code, name, sort) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
        code,
        name,
        (index + 1) * 10,
      ]);
    }
  }
  for (const [model, prices] of Object.entries(PRICES)) {
    for (const [index, price] of prices.entries()) {
      if (price === null) continue;
      await manager.query(
        `INSERT INTO reservation_prices (model_code, part_code, price) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [model, PARTS[index][0], price],
      );
    }
  }
  for (const [code, start, end] of SLOTS) {
    await manager.query(
      `INSERT INTO reservation_slots (code, label, starts_at, ends_at, capacity) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [code, slotLabel(start, end), start, end, DEMO_CAPACITY],
    );
  }
}

/** RESERVATION_DEMO_CATALOGUE (on in development): the first start on an empty catalogue fills it. */
@Injectable()
export class DemoCatalogueSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoCatalogueSeeder.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: ConfigService<ResolvedConfig, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.get('reservations', { infer: true }).demoCatalogue) return;
    await this.db.transaction(async (manager) => {
      // One instance seeds; the others find it done.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('reservations-demo-seed', 0))`);
      const [{ empty }] = await manager.query<{ empty: boolean }[]>(
        'SELECT NOT EXISTS (SELECT 1 FROM reservation_models) AS empty',
      );
      if (!empty) return;
      await seedDemoCatalogue(manager);
      this.logger.log('Added the demo repair catalogue (RESERVATION_DEMO_CATALOGUE)');
    });
  }
}
