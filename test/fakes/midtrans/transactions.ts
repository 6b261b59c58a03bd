import { randomUUID } from 'node:crypto';
import {
  defaultFraudStatus,
  Fields,
  midtransTime,
  Payment,
  PayMethod,
  paymentFields,
  REFUNDABLE_PAYMENT_TYPES,
  refundRecord,
  rupiah,
  signed,
} from './notifications';

// A Core API answer: Midtrans puts most errors in a 200 body with its own status_code.
export interface Answer {
  status: number;
  body: unknown;
}

export interface PayOptions {
  // Only pick the method (a VA number is shown, a card waits for 3-D Secure): the transaction stays pending.
  pending?: boolean;
  at?: Date;
}

const ORDER_ID = /^[A-Za-z0-9\-_~.]{1,50}$/;
const REFUND_KEY = /^[A-Za-z0-9\-_]+$/;
const CANCELLABLE = ['pending', 'capture', 'authorize'];
const REFUNDABLE_STATUSES = ['settlement', 'partial_refund'];
export const NOT_FOUND = { status_code: '404', status_message: "Transaction doesn't exist." };

const body = (status_code: string, status_message: string): Answer => ({
  status: 200,
  body: { status_code, status_message },
});
const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null;
// Midtrans takes amounts as JSON numbers or digit strings; rupiah have no decimals.
const integer = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : undefined;
};

// Snap orders and the transactions customers make on them: what the fake's endpoints read and change.
export class Transactions {
  readonly snapOrders = new Map<string, Fields>();
  private readonly grossAmounts = new Map<string, number>();
  private readonly payments = new Map<string, Payment>();

  // Validated as Snap does; the error messages are Snap's error_messages.
  createSnap(request: unknown): { errors: string[] } | { orderId: string } {
    const details: Fields =
      isObject(request) && isObject(request.transaction_details) ? request.transaction_details : {};
    const orderId = typeof details.order_id === 'string' ? details.order_id : '';
    const gross = integer(details.gross_amount);
    const errors: string[] = [];
    if (orderId === '') errors.push('transaction_details.order_id is required');
    else if (!ORDER_ID.test(orderId)) {
      errors.push('transaction_details.order_id must be at most 50 characters of A-Z, a-z, 0-9, -, _, ~ and .');
    }
    if (gross === undefined || gross < 1) {
      errors.push('transaction_details.gross_amount must be a positive integer for currency IDR');
    }
    const items = isObject(request) ? request.item_details : undefined;
    if (items !== undefined) {
      const sum = this.itemsSum(items, errors);
      if (sum !== undefined && gross !== undefined && sum !== gross) {
        errors.push('transaction_details.gross_amount is not equal to the sum of item_details');
      }
    }
    if (errors.length > 0) return { errors };
    if (this.snapOrders.has(orderId)) return { errors: ['transaction_details.order_id has already been taken'] };
    this.snapOrders.set(orderId, request as Fields);
    this.grossAmounts.set(orderId, gross!);
    return { orderId };
  }

  // By order id or transaction id, as the Core API accepts either.
  find(id: string): Payment | undefined {
    return this.payments.get(id) ?? [...this.payments.values()].find((p) => p.transactionId === id);
  }

  pay(orderId: string, method: PayMethod, { pending = false, at = new Date() }: PayOptions = {}): Payment {
    const gross = this.grossAmounts.get(orderId);
    if (gross === undefined) throw new Error(`pay: no Snap order ${orderId} (create it through the Snap API first)`);
    let p = this.payments.get(orderId);
    if (p && p.status !== 'pending') throw new Error(`pay: order ${orderId} is already ${p.status}`);
    // In Snap the customer may switch methods while pending: a new transaction replaces the old one.
    if (!p || p.method !== method) p = this.open(orderId, gross, method, at);
    if (!pending) {
      p.status = method.startsWith('card') ? 'capture' : 'settlement';
      p.fraudStatus = defaultFraudStatus(method, p.status);
      if (p.status === 'settlement') p.settlementTime = midtransTime(at);
    }
    return p;
  }

  setStatus(orderId: string, status: string, extra: Fields = {}): Payment {
    const p = this.find(orderId);
    if (!p) throw new Error(`setStatus: no transaction for ${orderId} (pay() first)`);
    const { fraud_status, ...rest } = extra;
    p.status = status;
    if (fraud_status === null) p.fraudStatus = undefined;
    else if (typeof fraud_status === 'string') p.fraudStatus = fraud_status;
    if (status.toLowerCase() === 'settlement' && !p.settlementTime) p.settlementTime = midtransTime();
    p.extra = { ...p.extra, ...rest };
    return p;
  }

  // The status API reports an expired transaction with status_code 407 (midtrans-client expects it).
  status(p: Payment, serverKey: string): Fields {
    const fields = paymentFields(p);
    const code = p.status.toLowerCase() === 'expire' ? '407' : fields.status_code;
    return signed({ ...fields, status_code: code, status_message: 'Success, transaction is found' }, serverKey);
  }

  refund(id: string, request: unknown): Answer {
    const p = this.find(id);
    if (!p) return { status: 200, body: NOT_FOUND };
    const params: Fields = isObject(request) ? request : {};
    // Without a refund_key Midtrans makes one up, so such a request can never be recognised as a repeat.
    const key = params.refund_key ?? `refund-${randomUUID()}`;
    if (typeof key !== 'string' || !REFUND_KEY.test(key)) {
      return body('400', 'refund_key may contain only letters, digits, - and _');
    }
    if (p.refunds.some((r) => r.refund_key === key)) {
      return body('406', 'Duplicate refund request: refund_key has been used');
    }
    const paymentType = paymentFields(p).payment_type;
    const type = typeof paymentType === 'string' ? paymentType : 'none';
    if (!REFUNDABLE_PAYMENT_TYPES.includes(type)) {
      return body('412', `Transaction status cannot be updated: payment type ${type} cannot be refunded online`);
    }
    if (!REFUNDABLE_STATUSES.includes(p.status.toLowerCase())) {
      return body('412', 'Transaction status cannot be updated.');
    }
    const refunded = p.refunds.reduce((sum, r) => sum + parseInt(r.refund_amount, 10), 0);
    const left = p.grossAmount - refunded;
    const amount = params.amount === undefined || params.amount === null ? left : integer(params.amount);
    if (amount === undefined || amount < 1 || amount > left) {
      return body('414', `Refund amount must be a positive integer of at most ${rupiah(left)}`);
    }
    const record = refundRecord(
      p.refunds.length + 1,
      amount,
      key,
      typeof params.reason === 'string' ? params.reason : '',
    );
    p.refunds.push(record);
    p.status = amount === left ? 'refund' : 'partial_refund';
    return this.action(p, '200', 'Success, refund request is approved', {
      refund_chargeback_id: record.refund_chargeback_id,
      refund_amount: rupiah(refunded + amount),
      refund_key: key,
    });
  }

  cancel(id: string): Answer {
    const p = this.find(id);
    if (!p) return { status: 200, body: NOT_FOUND };
    if (!CANCELLABLE.includes(p.status.toLowerCase())) {
      return body('412', 'Merchant cannot modify the status of the transaction');
    }
    p.status = 'cancel';
    return this.action(p, '200', 'Success, transaction is canceled');
  }

  // A Snap order the customer never paid can be expired too: its token then cannot be paid.
  expire(id: string): Answer {
    let p = this.find(id);
    const gross = this.grossAmounts.get(id);
    if (!p && gross !== undefined) p = this.open(id, gross, undefined, new Date());
    if (!p) return { status: 200, body: NOT_FOUND };
    if (p.status.toLowerCase() !== 'pending')
      return body('412', 'Merchant cannot modify the status of the transaction');
    p.status = 'expire';
    return this.action(p, '407', 'Success, transaction has expired');
  }

  clear(): void {
    this.snapOrders.clear();
    this.grossAmounts.clear();
    this.payments.clear();
  }

  private open(orderId: string, grossAmount: number, method: PayMethod | undefined, at: Date): Payment {
    const p: Payment = {
      orderId,
      grossAmount,
      method,
      transactionId: randomUUID(),
      transactionTime: midtransTime(at),
      status: 'pending',
      fraudStatus: method && defaultFraudStatus(method, 'pending'),
      refunds: [],
      extra: {},
    };
    this.payments.set(orderId, p);
    return p;
  }

  private action(p: Payment, code: string, message: string, more: Fields = {}): Answer {
    // Refund details are in the status API and notifications, not in these answers.
    const fields = paymentFields(p);
    delete fields.refunds;
    delete fields.refund_amount;
    return { status: 200, body: { ...fields, status_code: code, status_message: message, ...more } };
  }

  private itemsSum(items: unknown, errors: string[]): number | undefined {
    if (!Array.isArray(items)) {
      errors.push('item_details must be an array');
      return undefined;
    }
    let sum = 0;
    for (const [i, item] of items.entries()) {
      const price = isObject(item) ? integer(item.price) : undefined;
      const quantity = isObject(item) ? integer(item.quantity) : undefined;
      if (!isObject(item) || typeof item.name !== 'string' || item.name === '') {
        errors.push(`item_details[${i}].name is required`);
      }
      // Discounts are items with a negative price.
      if (price === undefined) errors.push(`item_details[${i}].price must be an integer`);
      if (quantity === undefined || quantity < 1) errors.push(`item_details[${i}].quantity must be a positive integer`);
      if (price !== undefined && quantity !== undefined) sum += price * quantity;
    }
    return sum;
  }
}
