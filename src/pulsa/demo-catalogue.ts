import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ResolvedConfig } from '../config/loket.config';
import { CatalogueService, NewProduct } from './catalogue.service';
import type { Operator } from './operators';
import type { SupplierName } from './pulsa.types';

// Code prefix, operator, and the nominals sold; price is nominal + 1.500, cost nominal + 700
// (a common reseller spread), so the demo shows a margin on every sale.
const LINES: [string, Operator, string, number[]][] = [
  ['T', 'telkomsel', 'Telkomsel', [5, 10, 20, 25, 50, 100]],
  ['I', 'indosat', 'Indosat', [5, 10, 25, 50, 100]],
  ['XL', 'xl', 'XL', [5, 10, 25, 50, 100]],
  ['AX', 'axis', 'Axis', [5, 10, 25, 50]],
  ['TRI', 'tri', 'Tri', [5, 10, 20, 50]],
  ['SF', 'smartfren', 'Smartfren', [5, 10, 20, 50]],
];

/** The demo products, for `supplier` (their SKUs are the codes in lower case). */
export function demoProducts(supplier: SupplierName): NewProduct[] {
  return LINES.flatMap(([prefix, operator, label, thousands]) =>
    thousands.map((k) => {
      const nominal = BigInt(k * 1000);
      return {
        code: `${prefix}${k}`,
        name: `${label} ${k}.000`,
        operator,
        nominal,
        price: nominal + 1500n,
        supplier,
        supplierSku: `${prefix}${k}`.toLowerCase(),
        supplierCost: nominal + 700n,
        active: true,
      };
    }),
  );
}

/** With PULSA_DEMO_CATALOGUE (on in development), a start that finds no products adds the demo ones. */
@Injectable()
export class DemoCatalogueSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoCatalogueSeeder.name);

  constructor(
    private readonly catalogue: CatalogueService,
    private readonly config: ConfigService<ResolvedConfig, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const pulsa = this.config.get('pulsa', { infer: true });
    if (!pulsa.demoCatalogue || !(await this.catalogue.isEmpty())) return;
    const added = await this.catalogue.addMissing(demoProducts(pulsa.supplier));
    this.logger.log(`Added ${added} demo pulsa products (PULSA_DEMO_CATALOGUE)`);
  }
}
