import { createHash, timingSafeEqual } from 'node:crypto';

/** A transaction's state as Midtrans reports it, in a notification or a status answer. */
export interface ProviderStatus {
  orderId: string;
  /** Lower case: one documented sample says "PENDING". */
  transactionStatus: string;
  fraudStatus: string | null;
  statusCode: string;
  grossAmount: bigint;
  paymentType: string | null;
  /** The VA number, Permata VA, Mandiri bill key or store payment code the customer pays to. */
  vaNumber: string | null;
  /** Cumulative, on refund and partial_refund. */
  refundAmount: bigint | null;
}

/** What a Midtrans status means for a Loket payment. */
export type ProviderOutcome =
  | { kind: 'paid' }
  | { kind: 'pending' }
  | { kind: 'failed' }
  | { kind: 'expired' }
  | { kind: 'refunded'; total: bigint }
  | { kind: 'ignored' };

export class MalformedStatusError extends Error {}

/**
 * Midtrans' amounts are strings like "70000.00". Only whole rupiah with an optional ".00" (or ".0")
 * are money here; anything else is refused rather than rounded.
 */
export function parseGrossAmount(value: unknown): bigint | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{1,16})(?:\.0{1,2})?$/.exec(value);
  return match ? BigInt(match[1]) : null;
}

/** The fields a notification's signature covers, exactly as received. */
export interface SignedFields {
  orderId: string;
  statusCode: string;
  grossAmount: string;
}

export function expectedSignature(fields: SignedFields, serverKey: string): string {
  return createHash('sha512')
    .update(fields.orderId + fields.statusCode + fields.grossAmount + serverKey)
    .digest('hex');
}

/** Compared in constant time; Midtrans sends lower-case hex, so any other spelling is wrong. */
export function signatureMatches(fields: SignedFields, signature: string, serverKey: string): boolean {
  const expected = Buffer.from(expectedSignature(fields, serverKey), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const text = (body: Record<string, unknown>, field: string): string | null => {
  const value = body[field];
  return typeof value === 'string' && value.length > 0 ? value : null;
};

function required(body: Record<string, unknown>, field: string): string {
  const value = text(body, field);
  if (value === null) throw new MalformedStatusError(`${field} must be a non-empty string`);
  return value;
}

function vaNumberOf(body: Record<string, unknown>): string | null {
  const vaNumbers = body.va_numbers;
  if (Array.isArray(vaNumbers) && vaNumbers.length > 0) {
    const first = vaNumbers[0] as unknown;
    if (first && typeof first === 'object') {
      const number = text(first as Record<string, unknown>, 'va_number');
      if (number) return number;
    }
  }
  return text(body, 'permata_va_number') ?? text(body, 'bill_key') ?? text(body, 'payment_code');
}

/** Reads a notification or status body leniently (fields get added), refusing what it cannot act on. */
export function parseProviderStatus(body: unknown): ProviderStatus {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new MalformedStatusError('the body must be a JSON object');
  }
  const fields = body as Record<string, unknown>;
  const grossAmount = parseGrossAmount(required(fields, 'gross_amount'));
  if (grossAmount === null) throw new MalformedStatusError('gross_amount must be whole rupiah, like "70000.00"');
  const refund = text(fields, 'refund_amount');
  return {
    orderId: required(fields, 'order_id'),
    transactionStatus: required(fields, 'transaction_status').toLowerCase(),
    fraudStatus: text(fields, 'fraud_status')?.toLowerCase() ?? null,
    statusCode: required(fields, 'status_code'),
    grossAmount,
    paymentType: text(fields, 'payment_type')?.slice(0, 40) ?? null,
    vaNumber: vaNumberOf(fields)?.slice(0, 64) ?? null,
    refundAmount: refund === null ? null : parseGrossAmount(refund),
  };
}

/** The mapping of Midtrans' transaction_status (and fraud_status) to what Loket does. */
export function outcomeOf(status: ProviderStatus, paymentAmount: bigint): ProviderOutcome {
  switch (status.transactionStatus) {
    case 'settlement':
      return { kind: 'paid' };
    case 'capture':
      // Absent fraud_status (convenience stores) counts as accepted; challenge waits for a decision.
      if (status.fraudStatus === null || status.fraudStatus === 'accept') return { kind: 'paid' };
      return status.fraudStatus === 'challenge' ? { kind: 'pending' } : { kind: 'failed' };
    case 'pending':
    case 'authorize':
      return { kind: 'pending' };
    case 'deny':
    case 'cancel':
    case 'failure':
    case 'chargeback':
      return { kind: 'failed' };
    case 'expire':
      return { kind: 'expired' };
    case 'refund':
      return { kind: 'refunded', total: status.refundAmount ?? paymentAmount };
    case 'partial_refund':
      return status.refundAmount === null ? { kind: 'ignored' } : { kind: 'refunded', total: status.refundAmount };
    default:
      return { kind: 'ignored' };
  }
}
