import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InsufficientFundsError } from '../ledger/ledger.errors';
import { LedgerQueryService } from '../ledger/ledger-query.service';
import { LedgerService } from '../ledger/ledger.service';
import { JournalKind, move, SystemAccount } from '../ledger/ledger.types';
import { OutboxService } from '../telegram/outbox.service';
import { PaymentLosses } from './payment-losses';
import { PaymentPurposes } from './payment-purposes';
import { Applied, EventSource, Payment, PAID_STATUSES, PaymentStatus } from './payment.types';
import { PaymentsStore } from './payments.store';

interface TakeBack {
  kind: JournalKind;
  /** The journal's idempotency key: the same news twice never takes money twice. */
  key: string;
  why: string;
  /** How much to take back, read with the payment locked. */
  amount(manager: EntityManager, payment: Payment): Promise<bigint>;
  /** The payment's state once it is all taken back. */
  after(payment: Payment, amount: bigint): { status: PaymentStatus; refundedAmount: bigint };
  /**
   * When the account no longer has it all: `review` holds what is there for an admin to decide
   * (a bank reversal may yet be disputed and undone); `write_off` takes what is there and records
   * the rest as lost (a dashboard refund is the business' own, and Midtrans has already paid it).
   */
  whenShort: 'review' | 'write_off';
  event: { source: EventSource; providerStatus?: string };
}

const SHORT_ATTEMPTS = 3;

/** What a bank reversal takes back: all the payment still credits (refunds already returned the rest). */
export const leftToReverse = (payment: Payment): bigint => payment.amount - payment.refundedAmount;
/** The key of a reversal's journals: one reversal per payment. */
export const reversalKey = (payment: Payment): string => `payment:${payment.id}:reversal`;

/**
 * Takes money back from the purpose's account when Midtrans says it went back to the customer
 * without Loket asking: a deny after settlement (a bank reversal), or a refund made in the
 * Midtrans dashboard. No wallet ever goes negative: when the account no longer has it all, a
 * reversal waits in `reversal_review` for an admin with what is there held (see
 * PaymentReviewService), and a dashboard refund takes what is there and writes the rest off.
 */
@Injectable()
export class PaymentClawbackService {
  private readonly logger = new Logger(PaymentClawbackService.name);

  constructor(
    private readonly store: PaymentsStore,
    private readonly purposes: PaymentPurposes,
    private readonly ledger: LedgerService,
    private readonly balances: LedgerQueryService,
    private readonly losses: PaymentLosses,
    private readonly outbox: OutboxService,
  ) {}

  reverse(payment: Payment, event: TakeBack['event']): Promise<Applied> {
    return this.takeBack(payment, {
      kind: 'reversal',
      key: reversalKey(payment),
      why: 'dibatalkan oleh bank',
      amount: (_, locked) => Promise.resolve(leftToReverse(locked)),
      after: (locked) => ({ status: 'reversed', refundedAmount: locked.refundedAmount }),
      whenShort: 'review',
      event,
    });
  }

  /** Midtrans reports `total` refunded so far; what Loket's own refunds do not explain came from elsewhere. */
  refundedAtProvider(payment: Payment, total: bigint, event: TakeBack['event']): Promise<Applied> {
    return this.takeBack(payment, {
      kind: 'refund',
      key: `payment:${payment.id}:provider-refund:${total}`,
      why: 'dikembalikan',
      amount: async (manager, locked) => {
        // Midtrans' total counts Loket's online refunds (done or in flight) and earlier dashboard
        // refunds, which show in refunded_amount without a refund row of their own.
        const [known] = await manager.query<{ online: string; recorded: string }[]>(
          `SELECT coalesce(sum(amount) FILTER (WHERE NOT offline AND status IN ('pending', 'succeeded')), 0) AS online,
                  coalesce(sum(amount) FILTER (WHERE status = 'succeeded'), 0) AS recorded
             FROM payment_refunds WHERE payment_id = $1`,
          [locked.id],
        );
        const earlierDashboard = locked.refundedAmount - BigInt(known.recorded);
        const unexplained = total - BigInt(known.online) - earlierDashboard;
        const left = locked.amount - locked.refundedAmount;
        return unexplained < left ? unexplained : left;
      },
      after: (locked, amount) => {
        const refundedAmount = locked.refundedAmount + amount;
        return { status: refundedAmount === locked.amount ? 'refunded' : 'partially_refunded', refundedAmount };
      },
      whenShort: 'write_off',
      event,
    });
  }

  private async takeBack(payment: Payment, plan: TakeBack): Promise<Applied> {
    try {
      return await this.ledger.transaction((manager) => this.takeBackIn(manager, payment, plan, 'all'));
    } catch (error) {
      if (!(error instanceof InsufficientFundsError)) throw error;
    }
    // The account was spent meanwhile, so taking or holding what is there may be refused too: read again.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.ledger.transaction((manager) => this.takeBackIn(manager, payment, plan, 'short'));
      } catch (error) {
        if (!(error instanceof InsufficientFundsError) || attempt >= SHORT_ATTEMPTS) throw error;
      }
    }
  }

  private async takeBackIn(
    manager: EntityManager,
    payment: Payment,
    plan: TakeBack,
    mode: 'all' | 'short',
  ): Promise<Applied> {
    const locked = await this.store.lock(manager, payment.id);
    const amount = await plan.amount(manager, locked);
    if (!PAID_STATUSES.includes(locked.status) || amount <= 0n) {
      await this.store.addEvent(manager, locked.id, { status: locked.status, ...plan.event, applied: false });
      return { payment: locked, changed: false };
    }
    const purpose = this.purposes.get(locked.purpose);
    const { account, label } = purpose.describe(locked);
    const reference = `payment:${locked.orderId}`;
    if (mode === 'short' && plan.whenShort === 'review') return this.review(manager, locked, plan, account, amount);
    const taken = mode === 'all' ? amount : await this.availableUpTo(manager, account, amount);

    // A whole reversal undoes the paid journal itself; anything partial is a journal of its own.
    const metadata = { description: `${label} ${plan.why}`, orderId: locked.orderId };
    const idempotency = { scope: 'payments', idempotencyKey: plan.key };
    if (plan.kind === 'reversal' && locked.refundedAmount === 0n && locked.paidJournalId) {
      await this.ledger.reverse(locked.paidJournalId, { ...idempotency, reason: plan.why, metadata }, manager);
    } else if (taken > 0n) {
      const legs = move(account, SystemAccount.midtransClearing, taken);
      await this.ledger.post({ kind: plan.kind, ...idempotency, legs, reference, metadata }, manager);
    }
    const spent = amount - taken;
    if (spent > 0n) {
      const why = `${label} ${plan.why}; sudah terpakai`;
      await this.losses.writeOff(manager, locked, spent, { kind: plan.kind, idempotencyKey: `${plan.key}:lost`, why });
    }
    const { status, refundedAmount } = plan.after(locked, amount);
    const done = (await this.store.transition(manager, locked.id, PAID_STATUSES, status, {
      refunded_amount: refundedAmount,
    }))!;
    const message = taken > 0n ? await purpose.onRefunded(manager, done, taken) : undefined;
    if (message) await this.outbox.notifyUser(manager, done.ownerId, { text: message });
    const detail = spent > 0n ? `${taken} rupiah taken back, ${spent} already spent: written off` : undefined;
    await this.store.addEvent(manager, done.id, { status, ...plan.event, applied: true, detail });
    this.logger.warn(
      `Payment ${done.orderId}: ${taken} rupiah taken back from ${account}, ${spent} written off (${plan.event.providerStatus})`,
    );
    return { payment: done, changed: true };
  }

  /** What the account has available, up to `amount` (never below zero). */
  private async availableUpTo(manager: EntityManager, account: string, amount: bigint): Promise<bigint> {
    const { available } = await this.balances.balance(account, manager);
    if (available <= 0n) return 0n;
    return available < amount ? available : amount;
  }

  private async review(
    manager: EntityManager,
    locked: Payment,
    plan: TakeBack,
    account: string,
    amount: bigint,
  ): Promise<Applied> {
    const held = await this.availableUpTo(manager, account, amount);
    // An admin may keep a reviewed payment, and a later reversal brings it back: each review holds anew.
    const round = (await this.store.countReviews(manager, locked.id)) + 1;
    const hold =
      held > 0n
        ? await this.ledger.hold(
            {
              kind: plan.kind,
              scope: 'payments',
              idempotencyKey: `${plan.key}:review:${round}`,
              from: account,
              to: SystemAccount.midtransClearing,
              amount: held,
              reference: `payment:${locked.orderId}`,
              metadata: { orderId: locked.orderId, reason: `${plan.why}; for review` },
            },
            manager,
          )
        : null;
    const review = (await this.store.transition(manager, locked.id, PAID_STATUSES, 'reversal_review', {
      review_hold_id: hold?.id ?? null,
    }))!;
    const detail = `${amount} rupiah to take back, ${held} held; the rest was already spent`;
    await this.store.addEvent(manager, review.id, { status: 'reversal_review', ...plan.event, applied: true, detail });
    this.logger.warn(`Payment ${review.orderId} needs review: ${detail}`);
    return { payment: review, changed: true };
  }
}
