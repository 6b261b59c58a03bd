import { domainError } from '../common/errors/domain-error';

export class PaymentsDisabledError extends domainError('PAYMENTS_DISABLED', 'unavailable') {
  constructor() {
    super('Payments are off: MIDTRANS_SERVER_KEY is not set on this server');
  }
}

export class PaymentNotFoundError extends domainError('PAYMENT_NOT_FOUND', 'not_found') {
  constructor(orderId: string) {
    super(`No payment ${orderId}`);
  }
}

/** Midtrans refused, failed or did not answer; the message says whether the payment may still go through. */
export class PaymentProviderError extends domainError('PAYMENT_PROVIDER_ERROR', 'bad_gateway') {
  constructor(message: string) {
    super(message);
  }
}

export class TooManyPendingPaymentsError extends domainError('TOO_MANY_PENDING_PAYMENTS', 'rate_limited') {
  constructor(max: number) {
    super(`You already have ${max} payments waiting; pay or let one expire first`);
  }
}

export class InvalidNotificationError extends domainError('INVALID_NOTIFICATION', 'invalid') {
  constructor(detail: string) {
    super(`Not a Midtrans notification: ${detail}`);
  }
}

export class InvalidSignatureError extends domainError('INVALID_SIGNATURE', 'unauthorized') {
  constructor(detail: string) {
    super(detail);
  }
}

export class AmountMismatchError extends domainError('AMOUNT_MISMATCH', 'invalid') {
  constructor(orderId: string, expected: bigint) {
    super(`gross_amount is not the ${expected} rupiah of payment ${orderId}`);
  }
}

/** The status could not be re-read from Midtrans: answered 503, so Midtrans sends the notification again. */
export class PaymentStatusUnavailableError extends domainError('PAYMENT_STATUS_UNAVAILABLE', 'unavailable') {
  constructor(orderId: string) {
    super(`Could not confirm the status of ${orderId} with Midtrans; send it again later`);
  }
}

export class PaymentNotRefundableError extends domainError('PAYMENT_NOT_REFUNDABLE', 'conflict') {
  constructor(orderId: string, status: string) {
    super(`Payment ${orderId} is ${status}; only paid payments can be refunded`);
  }
}

export class RefundAmountError extends domainError('REFUND_AMOUNT_INVALID', 'unprocessable') {
  constructor(refundable: bigint) {
    super(`At most ${refundable} rupiah of this payment can still be refunded`);
  }
}

export class RefundRefusedError extends domainError('REFUND_REFUSED', 'unprocessable') {
  constructor(reason: string) {
    super(`Midtrans refused the refund: ${reason}`);
  }
}

export class RefundKeyConflictError extends domainError('REFUND_KEY_CONFLICT', 'conflict') {
  constructor() {
    super('This Idempotency-Key was already used for another refund');
  }
}

/** Only a payment in reversal_review can be decided, and only once. */
export class PaymentNotInReviewError extends domainError('PAYMENT_NOT_IN_REVIEW', 'conflict') {
  constructor(orderId: string, status: string) {
    super(`Payment ${orderId} is ${status}; only a payment in reversal_review can be decided`);
  }
}
