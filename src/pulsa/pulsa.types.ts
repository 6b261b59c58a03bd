import type { Operator } from './operators';

export const SUPPLIERS = ['simulator', 'digiflazz'] as const;
export type SupplierName = (typeof SUPPLIERS)[number];

export interface Product {
  code: string;
  name: string;
  operator: Operator;
  nominal: bigint;
  /** What the agent pays. */
  price: bigint;
  supplier: SupplierName;
  supplierSku: string;
  /** What Loket pays the supplier. */
  supplierCost: bigint;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const TRANSACTION_STATUSES = ['pending', 'success', 'failed'] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];
export type FinalStatus = Exclude<TransactionStatus, 'pending'>;

/** Who reached the final state: the supplier's answer, its callback, the reconciler's poll, an admin. */
export type FinalisedBy = 'supplier' | 'callback' | 'reconciler' | 'admin';
export type PurchaseChannel = 'rest' | 'chat' | 'message';

/** One purchase, with the product as it was when bought (later price changes never touch it). */
export interface PulsaTransaction {
  id: string;
  /** What agents type: `T` and 8 digits. */
  shortId: string;
  /** The supplier's ref_id; a status check sends the same one. */
  refId: string;
  agentId: string;
  productCode: string;
  operator: Operator;
  nominal: bigint;
  destination: string;
  counter: number;
  price: bigint;
  cost: bigint;
  supplier: SupplierName;
  supplierSku: string;
  holdId: string;
  status: TransactionStatus;
  sn: string | null;
  reason: string | null;
  supplierRc: string | null;
  supplierMessage: string | null;
  channel: PurchaseChannel;
  sentAt: Date | null;
  finalisedBy: FinalisedBy | null;
  finalisedAt: Date | null;
  createdAt: Date;
}

export interface PurchaseRequest {
  productCode: string;
  destination: string;
  pin?: string;
  counter?: number;
  channel: PurchaseChannel;
  idempotencyKey?: string;
}
