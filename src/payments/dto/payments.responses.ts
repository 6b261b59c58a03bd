import { RupiahProperty } from '../../common/money/rupiah';
import { Page } from '../../common/pagination/page.dto';
import type { AdminPaymentView, PaymentView, StoredNotification } from '../payment-queries.service';
import type { ReviewOutcome } from '../payment-review.service';
import { EventSource, Payment, PaymentEvent, PaymentStatus, ReviewDecision } from '../payment.types';
import type { ListedPayment } from '../payments.store';
import type { Refund, RefundStatus } from '../refunds.store';

// Amounts are strings of whole rupiah: JSON numbers cannot carry every bigint.

export class PaymentEventResponse {
  /** The payment's state this event reported. @example "paid" */
  status!: PaymentStatus;
  at!: Date;
  /** @example "notification" */
  source!: EventSource;

  static of(e: PaymentEvent): PaymentEventResponse {
    return { status: e.status, at: e.at, source: e.source };
  }
}

export class PaymentSummaryResponse {
  /** Midtrans' order_id of this attempt. @example "TOPUP-7KQ2M9X4PZ3A" */
  orderId!: string;
  /** @example "wallet_topup" */
  purpose!: string;
  /** What the payment is for, in the purpose's terms. */
  referenceId!: string;
  @RupiahProperty()
  amount!: string;
  /** @example "pending" */
  status!: PaymentStatus;
  /** The method the customer chose, once they have. @example "bank_transfer" */
  paymentType!: string | null;
  /** The VA number or payment code to pay to, for bank transfers and stores. @example "12345678901" */
  vaNumber?: string;
  paidAt?: Date;
  expiresAt!: Date;
  /** Midtrans' payment page; null when Snap did not answer. */
  redirectUrl!: string | null;
  createdAt!: Date;

  static of(p: Payment): PaymentSummaryResponse {
    return {
      orderId: p.orderId,
      purpose: p.purpose,
      referenceId: p.referenceId,
      amount: p.amount.toString(),
      status: p.status,
      paymentType: p.paymentType,
      ...(p.vaNumber ? { vaNumber: p.vaNumber } : {}),
      ...(p.paidAt ? { paidAt: p.paidAt } : {}),
      expiresAt: p.expiresAt,
      redirectUrl: p.redirectUrl,
      createdAt: p.createdAt,
    };
  }
}

export class PaymentResponse extends PaymentSummaryResponse {
  /** What changed the payment, oldest first. */
  events!: PaymentEventResponse[];

  static ofView(view: PaymentView): PaymentResponse {
    const events = view.events.filter((e) => e.applied).map((e) => PaymentEventResponse.of(e));
    return { ...PaymentSummaryResponse.of(view.payment), events };
  }
}

export class PaymentPageResponse {
  items!: PaymentSummaryResponse[];
  total!: number;
  limit!: number;
  offset!: number;

  static of(page: Page<Payment>): PaymentPageResponse {
    return { ...page, items: page.items.map((p) => PaymentSummaryResponse.of(p)) };
  }
}

export class AdminPaymentSummaryResponse extends PaymentSummaryResponse {
  ownerId!: string;
  @RupiahProperty({ description: 'Refunded so far, online and offline' })
  refundedAmount!: string;
  /** Why the last call to Midtrans for this payment failed. */
  providerError?: string;

  static ofAdmin(p: Payment): AdminPaymentSummaryResponse {
    return {
      ...PaymentSummaryResponse.of(p),
      ownerId: p.ownerId,
      refundedAmount: p.refundedAmount.toString(),
      ...(p.providerError ? { providerError: p.providerError } : {}),
    };
  }
}

export class AdminPaymentListItemResponse extends AdminPaymentSummaryResponse {
  /** The payer's username. @example "siti_n" */
  owner!: string;

  static ofListed(p: ListedPayment): AdminPaymentListItemResponse {
    return { ...AdminPaymentSummaryResponse.ofAdmin(p), owner: p.ownerUsername };
  }
}

export class AdminPaymentPageResponse {
  items!: AdminPaymentListItemResponse[];
  total!: number;
  limit!: number;
  offset!: number;

  static of(page: Page<ListedPayment>): AdminPaymentPageResponse {
    return { ...page, items: page.items.map((p) => AdminPaymentListItemResponse.ofListed(p)) };
  }
}

export class AdminPaymentEventResponse extends PaymentEventResponse {
  /** Midtrans' transaction_status, when the event came from Midtrans. @example "settlement" */
  providerStatus?: string;
  /** False when it changed nothing: a repeat, or a status older than the payment's. */
  applied!: boolean;
  detail?: string;

  static ofAdmin(e: PaymentEvent): AdminPaymentEventResponse {
    return {
      ...PaymentEventResponse.of(e),
      ...(e.providerStatus ? { providerStatus: e.providerStatus } : {}),
      applied: e.applied,
      ...(e.detail ? { detail: e.detail } : {}),
    };
  }
}

export class NotificationResponse {
  receivedAt!: Date;
  /** "applied", "unchanged", or the error code it was refused with. @example "applied" */
  outcome!: string;
  detail?: string;
  /** The headers kept: content type, length, user agent, client address. */
  headers!: Record<string, string>;
  /** The body exactly as received (decoded as UTF-8). */
  body!: string;

  static of(n: StoredNotification): NotificationResponse {
    return {
      receivedAt: n.receivedAt,
      outcome: n.outcome,
      ...(n.detail ? { detail: n.detail } : {}),
      headers: n.headers,
      body: n.body,
    };
  }
}

export class RefundResponse {
  /** Sent to Midtrans as refund_key; the same request always gets the same one. */
  refundKey!: string;
  @RupiahProperty()
  amount!: string;
  reason!: string;
  offline!: boolean;
  reference?: string;
  /** pending: held, Midtrans has not confirmed yet. @example "succeeded" */
  status!: RefundStatus;
  /** Midtrans' reason for a refused refund. */
  providerReason?: string;
  createdAt!: Date;
  resolvedAt?: Date;

  static of(r: Refund): RefundResponse {
    return {
      refundKey: r.refundKey,
      amount: r.amount.toString(),
      reason: r.reason,
      offline: r.offline,
      ...(r.reference ? { reference: r.reference } : {}),
      status: r.status,
      ...(r.providerReason ? { providerReason: r.providerReason } : {}),
      createdAt: r.createdAt,
      ...(r.resolvedAt ? { resolvedAt: r.resolvedAt } : {}),
    };
  }
}

export class RefundResultResponse extends RefundResponse {
  /** The payment after the refund. */
  payment!: AdminPaymentSummaryResponse;

  static ofResult(result: { refund: Refund; payment: Payment }): RefundResultResponse {
    return { ...RefundResponse.of(result.refund), payment: AdminPaymentSummaryResponse.ofAdmin(result.payment) };
  }
}

export class PaymentReviewResponse {
  /** @example "reverse" */
  decision!: ReviewDecision;
  @RupiahProperty({ description: 'What the review held, now taken from the account (reverse)' })
  takenBack!: string;
  @RupiahProperty({ description: 'What the account had already spent, recorded as lost (reverse)' })
  writtenOff!: string;
  @RupiahProperty({ description: 'What the review held, handed back to the account (keep)' })
  released!: string;
  /** The payment after the decision. */
  payment!: AdminPaymentSummaryResponse;

  static of(o: ReviewOutcome): PaymentReviewResponse {
    return {
      decision: o.decision,
      takenBack: o.takenBack.toString(),
      writtenOff: o.writtenOff.toString(),
      released: o.released.toString(),
      payment: AdminPaymentSummaryResponse.ofAdmin(o.payment),
    };
  }
}

export class AdminPaymentResponse extends AdminPaymentListItemResponse {
  /** Every event, including repeats and stale statuses that changed nothing. */
  events!: AdminPaymentEventResponse[];
  /** Every notification delivery naming this order, refused ones too. */
  notifications!: NotificationResponse[];
  refunds!: RefundResponse[];

  static ofView(view: AdminPaymentView): AdminPaymentResponse {
    return {
      ...AdminPaymentSummaryResponse.ofAdmin(view.payment),
      owner: view.ownerUsername,
      events: view.events.map((e) => AdminPaymentEventResponse.ofAdmin(e)),
      notifications: view.notifications.map((n) => NotificationResponse.of(n)),
      refunds: view.refunds.map((r) => RefundResponse.of(r)),
    };
  }
}

export class NotificationAckResponse {
  /** applied: the payment changed; unchanged: a repeat or stale news, nothing to do. @example "applied" */
  outcome!: 'applied' | 'unchanged';
}
