export const JOURNAL_KINDS = [
  'transfer',
  'bill_payment',
  'topup',
  'deposit',
  'pulsa_purchase',
  'reservation_payment',
  'refund',
  'reversal',
  'adjustment',
] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

/** System accounts, created by the ledger migration; they may go negative and are never row-locked. */
export const SystemAccount = {
  cash: 'system:cash',
  midtransClearing: 'system:midtrans_clearing',
  supplierPayable: 'system:supplier_payable',
  pulsaRevenue: 'system:revenue:pulsa',
  serviceRevenue: 'system:revenue:service',
} as const;

export const walletAccountCode = (userId: string) => `wallet:${userId}`;

/** One side of a journal: a signed amount on one account (negative debits it, positive credits it). */
export interface Leg {
  account: string;
  amount: bigint;
}

export interface Idempotency {
  /** Unique within `scope` (default "ledger"): the same key and request returns the first journal. */
  idempotencyKey?: string;
  scope?: string;
}

export interface PostJournal extends Idempotency {
  kind: JournalKind;
  legs: Leg[];
  /** What the journal belongs to, e.g. "bill:7KQ2M9X4PZ". */
  reference?: string;
  metadata?: Record<string, unknown>;
}

export interface PostedEntry {
  account: string;
  amount: bigint;
  /** Null on hot (system) accounts, whose balance is derived from their entries. */
  balanceAfter: bigint | null;
}

export interface PostedJournal {
  id: string;
  createdAt: Date;
  /** True when an earlier request with the same idempotency key had already posted it. */
  replayed: boolean;
  entries: PostedEntry[];
}

export interface PlaceHold extends Idempotency {
  kind: JournalKind;
  from: string;
  to: string;
  amount: bigint;
  expiresAt?: Date;
  reference?: string;
  metadata?: Record<string, unknown>;
}

export type HoldStatus = 'pending' | 'committed' | 'voided' | 'expired';

export interface Hold {
  id: string;
  status: HoldStatus;
  amount: bigint;
  committedAmount: bigint | null;
  journalId: string | null;
  reference: string | null;
  expiresAt: Date | null;
  createdAt: Date;
}

export interface AccountBalance {
  code: string;
  balance: bigint;
  held: bigint;
  available: bigint;
}

/** A transfer of `amount` from one account to another, as legs. */
export const move = (from: string, to: string, amount: bigint): Leg[] => [
  { account: from, amount: -amount },
  { account: to, amount },
];
