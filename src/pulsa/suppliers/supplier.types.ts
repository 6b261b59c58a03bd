import type { SupplierName } from '../pulsa.types';

/** What a supplier needs to sell one purchase (and to be asked about it again). */
export interface SupplierOrder {
  refId: string;
  sku: string;
  destination: string;
}

/** A supplier's word on a purchase. `pending` changes nothing; the other two finalise it. */
export type SupplierAnswer =
  | { status: 'success'; sn: string; rc?: string; message?: string }
  | { status: 'failed'; reason: string; rc?: string; message?: string }
  | { status: 'pending'; rc?: string; message?: string };

/**
 * The request may have reached the supplier but no answer came back (timeout, refused connection,
 * 5xx, an answer that is not theirs): the purchase stays pending and is asked about again.
 */
export class SupplierUnreachableError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'SupplierUnreachableError';
  }
}

/** One adapter per supplier; PULSA_SUPPLIER chooses which one new products' purchases go to. */
export interface PulsaSupplier {
  readonly name: SupplierName;
  /** Sends a purchase for the first time. */
  purchase(order: SupplierOrder): Promise<SupplierAnswer>;
  /** Asks again about a purchase already sent (or possibly sent), by the same ref_id. */
  check(order: SupplierOrder): Promise<SupplierAnswer>;
}

export const PULSA_SUPPLIER = Symbol('PULSA_SUPPLIER');
