import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { uniqueViolation } from '../database/unique-violation';
import type { Operator } from './operators';
import { ProductExistsError, ProductNotFoundError } from './pulsa.errors';
import type { Product, SupplierName } from './pulsa.types';

interface ProductRow {
  code: string;
  name: string;
  operator: Operator;
  nominal: string;
  price: string;
  supplier: SupplierName;
  supplier_sku: string;
  supplier_cost: string;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

const toProduct = (row: ProductRow): Product => ({
  code: row.code,
  name: row.name,
  operator: row.operator,
  nominal: BigInt(row.nominal),
  price: BigInt(row.price),
  supplier: row.supplier,
  supplierSku: row.supplier_sku,
  supplierCost: BigInt(row.supplier_cost),
  active: row.active,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export type NewProduct = Omit<Product, 'createdAt' | 'updatedAt'>;
export type ProductChanges = Partial<Omit<NewProduct, 'code'>>;

const COLUMNS: Record<keyof ProductChanges, string> = {
  name: 'name',
  operator: 'operator',
  nominal: 'nominal',
  price: 'price',
  supplier: 'supplier',
  supplierSku: 'supplier_sku',
  supplierCost: 'supplier_cost',
  active: 'active',
};

/**
 * The products agents can buy. Purchases copy what they need (price, cost, SKU) when they are
 * made, so changing or removing a product never touches a transaction already made.
 */
@Injectable()
export class CatalogueService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(code: string, manager?: EntityManager): Promise<Product | null> {
    const [row] = await (manager ?? this.dataSource.manager).query<ProductRow[]>(
      'SELECT * FROM pulsa_products WHERE code = $1',
      [code.toUpperCase()],
    );
    return row ? toProduct(row) : null;
  }

  async get(code: string): Promise<Product> {
    const product = await this.find(code);
    if (!product) throw new ProductNotFoundError(code.toUpperCase());
    return product;
  }

  /** By operator and nominal; only what is for sale unless `all`. */
  async list(options: { operator?: Operator; all?: boolean } = {}): Promise<Product[]> {
    const rows = await this.dataSource.query<ProductRow[]>(
      `SELECT * FROM pulsa_products WHERE ($1 OR active) AND ($2::text IS NULL OR operator = $2)
        ORDER BY operator, nominal, code`,
      [options.all ?? false, options.operator ?? null],
    );
    return rows.map(toProduct);
  }

  async create(product: NewProduct): Promise<Product> {
    try {
      const [row] = await this.insert(product, false);
      return toProduct(row);
    } catch (error) {
      if (uniqueViolation(error) !== undefined) throw new ProductExistsError(product.code.toUpperCase());
      throw error;
    }
  }

  async update(code: string, changes: ProductChanges): Promise<Product> {
    const sets: string[] = [];
    const params: unknown[] = [code.toUpperCase()];
    for (const [field, value] of Object.entries(changes) as [keyof ProductChanges, unknown][]) {
      if (value === undefined) continue;
      params.push(typeof value === 'bigint' ? value.toString() : value);
      sets.push(`${COLUMNS[field]} = $${params.length}`);
    }
    const rows = await this.dataSource.query<ProductRow[]>(
      `WITH changed AS (UPDATE pulsa_products SET ${[...sets, 'updated_at = now()'].join(', ')}
                         WHERE code = $1 RETURNING *)
       SELECT * FROM changed`,
      params,
    );
    if (rows.length === 0) throw new ProductNotFoundError(code.toUpperCase());
    return toProduct(rows[0]);
  }

  async remove(code: string): Promise<void> {
    const rows = await this.dataSource.query<unknown[]>(
      'WITH gone AS (DELETE FROM pulsa_products WHERE code = $1 RETURNING code) SELECT code FROM gone',
      [code.toUpperCase()],
    );
    if (rows.length === 0) throw new ProductNotFoundError(code.toUpperCase());
  }

  /** Adds the products whose codes are not taken yet; returns how many were added. */
  async addMissing(products: NewProduct[]): Promise<number> {
    let added = 0;
    for (const product of products) added += (await this.insert(product, true)).length;
    return added;
  }

  private insert(product: NewProduct, skipTaken: boolean): Promise<ProductRow[]> {
    return this.dataSource.query<ProductRow[]>(
      `INSERT INTO pulsa_products (code, name, operator, nominal, price, supplier, supplier_sku, supplier_cost, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ${skipTaken ? 'ON CONFLICT (code) DO NOTHING' : ''} RETURNING *`,
      [
        product.code.toUpperCase(),
        product.name,
        product.operator,
        product.nominal.toString(),
        product.price.toString(),
        product.supplier,
        product.supplierSku,
        product.supplierCost.toString(),
        product.active,
      ],
    );
  }

  async isEmpty(): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>('SELECT 1 FROM pulsa_products LIMIT 1');
    return rows.length === 0;
  }
}
