import { createHash } from 'node:crypto';

// The documented shapes of a Midtrans transaction, shared by the fake's status API and its notifications,
// and usable alone by tests that only need a signed notification body.

export type PayMethod =
  | 'bca_va'
  | 'bni_va'
  | 'permata_va'
  | 'mandiri_bill'
  | 'card_accept'
  | 'card_challenge'
  | 'gopay'
  | 'qris'
  | 'indomaret';

export type Fields = Record<string, unknown>;

// As the refunds[] entries of the status API and notifications (refund_chargeback_id is a number there).
export interface RefundRecord {
  refund_chargeback_id: number;
  refund_chargeback_uuid: string;
  refund_amount: string;
  created_at: string;
  reason: string;
  refund_key: string;
  bank_confirmed_at: string;
}

// One transaction as Midtrans holds it. `method` is absent only for a Snap order expired before the
// customer picked a method.
export interface Payment {
  orderId: string;
  grossAmount: number;
  method?: PayMethod;
  transactionId: string;
  transactionTime: string;
  status: string;
  fraudStatus?: string;
  settlementTime?: string;
  refunds: RefundRecord[];
  extra: Fields;
}

export const MERCHANT_ID = 'G141532850';
export const REFUNDABLE_PAYMENT_TYPES = ['credit_card', 'gopay', 'qris', 'shopeepay'];

// Amounts travel as strings with two decimals, even in rupiah: the signature is computed over "70000.00".
export const rupiah = (amount: number): string => `${amount}.00`;

// "YYYY-MM-DD HH:mm:ss" in Jakarta time (GMT+7), as every Midtrans timestamp.
export function midtransTime(at = new Date()): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export function statusCodeFor(transactionStatus: string, fraudStatus?: string): string {
  switch (transactionStatus.toLowerCase()) {
    case 'pending':
      return '201';
    case 'capture':
      return fraudStatus === 'challenge' ? '201' : '200';
    case 'deny':
    case 'cancel':
    case 'expire':
    case 'failure':
      return '202';
    default:
      return '200';
  }
}

export function signNotification(
  fields: { order_id: string; status_code: string; gross_amount: string },
  serverKey: string,
): string {
  return createHash('sha512')
    .update(fields.order_id + fields.status_code + fields.gross_amount + serverKey)
    .digest('hex');
}

// Convenience stores carry no fraud_status; a card challenge is captured with "challenge".
export function defaultFraudStatus(method: PayMethod, status: string): string | undefined {
  if (method === 'indomaret') return undefined;
  return method === 'card_challenge' && status === 'capture' ? 'challenge' : 'accept';
}

// Account numbers and codes derived from the transaction id, so a transaction always shows the same ones.
function digits(seed: string, count: number): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return [...hex]
    .map((c) => parseInt(c, 16) % 10)
    .join('')
    .slice(0, count);
}

function methodFields(p: Payment): Fields {
  const id = p.transactionId;
  switch (p.method) {
    case 'bca_va':
    case 'bni_va': {
      const paid = p.settlementTime ? [{ paid_at: p.settlementTime, amount: rupiah(p.grossAmount) }] : [];
      const va = { bank: p.method.slice(0, 3), va_number: digits(id, p.method === 'bca_va' ? 11 : 16) };
      return { payment_type: 'bank_transfer', va_numbers: [va], payment_amounts: paid };
    }
    case 'permata_va':
      return { payment_type: 'bank_transfer', permata_va_number: `8562${digits(id, 12)}` };
    case 'mandiri_bill':
      return { payment_type: 'echannel', bill_key: digits(id, 12), biller_code: '70012' };
    case 'card_accept':
    case 'card_challenge':
      return {
        payment_type: 'credit_card',
        masked_card: '48111111-1114',
        bank: 'bni',
        card_type: 'credit',
        eci: '05',
        approval_code: digits(id, 13),
        channel_response_code: '00',
        channel_response_message: 'Approved',
      };
    case 'gopay':
      return { payment_type: 'gopay' };
    case 'qris':
      return { payment_type: 'qris', transaction_type: 'on-us', issuer: 'gopay', acquirer: 'gopay' };
    case 'indomaret':
      return { payment_type: 'cstore', store: 'indomaret', payment_code: digits(id, 14) };
    default:
      return {};
  }
}

function refundFields(p: Payment): Fields {
  if (p.refunds.length === 0) return {};
  const total = p.refunds.reduce((sum, r) => sum + parseInt(r.refund_amount, 10), 0);
  return { refund_amount: rupiah(total), refunds: p.refunds };
}

// What Midtrans reports about a transaction, without status_message and signature_key (they differ
// between the status API and notifications).
export function paymentFields(p: Payment): Fields {
  return {
    transaction_time: p.transactionTime,
    transaction_status: p.status,
    transaction_id: p.transactionId,
    status_code: statusCodeFor(p.status, p.fraudStatus),
    ...(p.settlementTime && { settlement_time: p.settlementTime }),
    ...methodFields(p),
    order_id: p.orderId,
    merchant_id: MERCHANT_ID,
    gross_amount: rupiah(p.grossAmount),
    currency: 'IDR',
    ...(p.fraudStatus && { fraud_status: p.fraudStatus }),
    ...refundFields(p),
    ...p.extra,
  };
}

// Signed over the final strings, so overrides (a changed amount, status) stay consistently signed;
// pass signature_key in the overrides to forge one.
export function signed(fields: Fields, serverKey: string): Fields {
  if ('signature_key' in fields) return fields;
  const str = (key: string) => {
    const value = fields[key];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  };
  const parts = { order_id: str('order_id'), status_code: str('status_code'), gross_amount: str('gross_amount') };
  return { ...fields, signature_key: signNotification(parts, serverKey) };
}

export function notificationFor(p: Payment, serverKey: string, overrides: Fields = {}): Fields {
  return signed({ ...paymentFields(p), status_message: 'midtrans payment notification', ...overrides }, serverKey);
}

export function refundRecord(
  index: number,
  amount: number,
  refundKey: string,
  reason = '',
  at = new Date(),
): RefundRecord {
  return {
    refund_chargeback_id: 1000 + index,
    refund_chargeback_uuid: `${digits(refundKey, 8)}-${index}`,
    refund_amount: rupiah(amount),
    created_at: midtransTime(at),
    reason,
    refund_key: refundKey,
    bank_confirmed_at: midtransTime(at),
  };
}

// The shape builders: the order's facts in, a signed notification as Midtrans would POST it out.
export interface OrderFacts {
  orderId: string;
  grossAmount: number;
  transactionId?: string;
  transactionTime?: string;
}

function payment(facts: OrderFacts, method: PayMethod, status: string, refunds: RefundRecord[] = []): Payment {
  const at = midtransTime();
  const settled = ['settlement', 'refund', 'partial_refund'].includes(status);
  return {
    orderId: facts.orderId,
    grossAmount: facts.grossAmount,
    method,
    transactionId: facts.transactionId ?? `${digits(facts.orderId, 8)}-fake-${digits(method, 4)}`,
    transactionTime: facts.transactionTime ?? at,
    status,
    fraudStatus: defaultFraudStatus(method, status),
    settlementTime: settled ? at : undefined,
    refunds,
    extra: {},
  };
}

const build = (method: PayMethod, status: string) => (facts: OrderFacts, serverKey: string) =>
  notificationFor(payment(facts, method, status), serverKey);

export const bcaVaSettlement = build('bca_va', 'settlement');
export const permataVaSettlement = build('permata_va', 'settlement');
export const mandiriBillSettlement = build('mandiri_bill', 'settlement');
export const cardCaptureAccept = build('card_accept', 'capture');
export const cardCaptureChallenge = build('card_challenge', 'capture');
export const gopaySettlement = build('gopay', 'settlement');
export const qrisSettlement = build('qris', 'settlement');
export const indomaretSettlement = build('indomaret', 'settlement');

export const pendingNotification = (facts: OrderFacts, serverKey: string, method: PayMethod = 'bca_va') =>
  build(method, 'pending')(facts, serverKey);
export const expireNotification = (facts: OrderFacts, serverKey: string, method: PayMethod = 'bca_va') =>
  build(method, 'expire')(facts, serverKey);
export const cancelNotification = (facts: OrderFacts, serverKey: string, method: PayMethod = 'card_accept') =>
  build(method, 'cancel')(facts, serverKey);
// A bank reversal after settlement (Permata, Mandiri bill, Indomaret), or a card refused.
export const denyNotification = (facts: OrderFacts, serverKey: string, method: PayMethod = 'card_accept') =>
  build(method, 'deny')(facts, serverKey);

// refund when the refunds add up to the gross amount, partial_refund before; refund_amount is cumulative.
export function refundNotification(
  facts: OrderFacts,
  serverKey: string,
  refunds: { amount: number; refundKey: string; reason?: string }[],
  method: PayMethod = 'gopay',
): Fields {
  const records = refunds.map((r, i) => refundRecord(i + 1, r.amount, r.refundKey, r.reason));
  const total = refunds.reduce((sum, r) => sum + r.amount, 0);
  const status = total >= facts.grossAmount ? 'refund' : 'partial_refund';
  return notificationFor(payment(facts, method, status, records), serverKey);
}
