import type { EntityManager } from 'typeorm';
import type { JournalKind } from '../ledger/ledger.types';

export const PAYMENT_STATUSES = [
  'pending',
  'paid',
  'failed',
  'expired',
  'refunded',
  'partially_refunded',
  'refunded_offline',
  'reversed',
  'reversal_review',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** States Loket reaches on its own or on a refusal: money Midtrans confirms later still wins over them. */
export const CREDITABLE_STATUSES: PaymentStatus[] = ['pending', 'failed', 'expired'];
/** States in which the purpose's account holds the payment's money (all or part of it). */
export const PAID_STATUSES: PaymentStatus[] = ['paid', 'partially_refunded'];

/** An admin's decision on a payment in reversal_review (see PaymentReviewService). */
export const REVIEW_DECISIONS = ['reverse', 'keep'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const EVENT_SOURCES = ['checkout', 'notification', 'reconciler', 'admin'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/** One checkout attempt: its own Midtrans order_id, for one thing a purpose sells. */
export interface Payment {
  id: string;
  orderId: string;
  purpose: string;
  referenceId: string;
  ownerId: string;
  amount: bigint;
  status: PaymentStatus;
  snapToken: string | null;
  redirectUrl: string | null;
  paymentType: string | null;
  vaNumber: string | null;
  /** Why the last call to Midtrans for this payment failed, when it did. */
  providerError: string | null;
  paidJournalId: string | null;
  /** The hold on what was left in the account when a reversal could not take it all back. */
  reviewHoldId: string | null;
  refundedAmount: bigint;
  expiresAt: Date;
  paidAt: Date | null;
  lastNotificationAt: Date | null;
  createdAt: Date;
}

/** The result of applying news about a payment. */
export interface Applied {
  payment: Payment;
  /** False when nothing changed: a repeat, or a status older than the one Loket has. */
  changed: boolean;
}

export interface PaymentEvent {
  status: PaymentStatus;
  source: EventSource;
  /** Midtrans' transaction_status, when the event came from Midtrans. */
  providerStatus: string | null;
  /** False when the event changed nothing (a repeat, or a status older than the one Loket has). */
  applied: boolean;
  detail: string | null;
  at: Date;
}

/** An event of one of the attempts at paying a reference (see PaymentQueryService.eventsOf). */
export interface AttemptEvent extends PaymentEvent {
  /** The attempt's Midtrans order_id. */
  orderId: string;
}

export interface LineItem {
  id: string;
  name: string;
  price: bigint;
  quantity: number;
}

export interface CheckoutRequest {
  /** A registered purpose's name. */
  purpose: string;
  /** What the payment is for in the purpose's own terms (a booking code, a top-up id). */
  referenceId: string;
  amount: bigint;
  ownerId: string;
  /** Their sum must be `amount` (Midtrans checks the same). */
  items: LineItem[];
  customer: { firstName: string; email?: string | null; phone?: string | null };
  expiresInMinutes?: number;
  /** Refuse (429) when the owner already has this many pending payments of this purpose. */
  maxPendingPerOwner?: number;
}

export interface CheckoutResult {
  payment: Payment;
  token: string;
  redirectUrl: string;
}

/**
 * What a business module registers to take payments (see PaymentPurposes). Every hook runs inside
 * the transaction that changes the payment, so whatever it writes commits with the payment's state.
 */
export interface PaymentPurpose {
  /** Stored on payments.purpose. @example "wallet_topup" */
  readonly name: string;
  /** The kind of the journal that credits the money. */
  readonly journalKind: JournalKind;
  /** The ledger account the money goes to, and a short Bahasa Indonesia label for messages. */
  describe(payment: Payment): { account: string; label: string };
  /**
   * Midtrans' order_id for the n-th attempt (from 1) at paying `referenceId`, for a purpose whose
   * order ids follow its references (a booking code). Only then are past attempts counted at checkout.
   */
  orderId?(referenceId: string, attempt: number): string;
  /** Without `orderId`, each attempt gets a random order_id with this prefix (`PAY` when absent). @example "TOPUP" */
  readonly orderIdPrefix?: string;
  /** After the money is credited; returns the owner's Telegram message, if any. */
  onPaid(manager: EntityManager, payment: Payment): Promise<string | undefined>;
  /** The payment failed or expired without money. */
  onFailed(manager: EntityManager, payment: Payment): Promise<void>;
  /** `amount` went back to the customer (refund or bank reversal); returns the owner's message, if any. */
  onRefunded(manager: EntityManager, payment: Payment, amount: bigint): Promise<string | undefined>;
}
