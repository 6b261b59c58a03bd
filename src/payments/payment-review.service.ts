import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LedgerService } from '../ledger/ledger.service';
import { OutboxService } from '../telegram/outbox.service';
import type { User } from '../users/entities/user.entity';
import { leftToReverse, reversalKey } from './payment-clawback.service';
import { PaymentLosses } from './payment-losses';
import { PaymentPurposes } from './payment-purposes';
import { Payment, PaymentStatus, ReviewDecision } from './payment.types';
import { PaymentNotFoundError, PaymentNotInReviewError } from './payments.errors';
import { PaymentChanges, PaymentsStore } from './payments.store';

export interface ReviewOutcome {
  decision: ReviewDecision;
  payment: Payment;
  /** What the review held, taken from the account (reverse). */
  takenBack: bigint;
  /** What the account had already spent, recorded as lost (reverse). */
  writtenOff: bigint;
  /** What the review held, handed back to the account (keep). */
  released: bigint;
}

/**
 * An admin's decision on a payment in reversal_review: a bank reversal its account could not
 * cover, with what was there held (see PaymentClawbackService). `reverse`: the reversal stands;
 * the hold goes to Midtrans' clearing, what was already spent is written off as a loss, and the
 * payment is reversed. `keep`: the reversal did not stand (a chargeback the business won); the
 * hold is released and the payment is paid again. Once only: the payment is locked and must
 * still be in review, and both ends are conditional on it.
 */
@Injectable()
export class PaymentReviewService {
  private readonly logger = new Logger(PaymentReviewService.name);

  constructor(
    private readonly store: PaymentsStore,
    private readonly purposes: PaymentPurposes,
    private readonly ledger: LedgerService,
    private readonly losses: PaymentLosses,
    private readonly outbox: OutboxService,
  ) {}

  async decide(
    admin: User,
    orderId: string,
    request: { decision: ReviewDecision; reason: string },
  ): Promise<ReviewOutcome> {
    const payment = await this.store.findByOrderId(orderId);
    if (!payment) throw new PaymentNotFoundError(orderId);
    const outcome = await this.ledger.transaction(async (manager) => {
      const locked = await this.store.lock(manager, payment.id);
      if (locked.status !== 'reversal_review') throw new PaymentNotInReviewError(orderId, locked.status);
      return request.decision === 'reverse'
        ? this.reverse(manager, locked, admin, request.reason)
        : this.keep(manager, locked, admin, request.reason);
    });
    this.logger.warn(
      `Payment ${orderId} reviewed by admin ${admin.id}: ${request.decision} (${outcome.takenBack} taken back, ` +
        `${outcome.writtenOff} written off, ${outcome.released} released)`,
    );
    return outcome;
  }

  private async reverse(manager: EntityManager, locked: Payment, admin: User, reason: string): Promise<ReviewOutcome> {
    const hold = locked.reviewHoldId ? await this.ledger.commitHold(locked.reviewHoldId, undefined, manager) : null;
    const takenBack = hold?.amount ?? 0n;
    const writtenOff = leftToReverse(locked) - takenBack;
    // The review held at most what was to be taken back; anything else would make money.
    if (writtenOff < 0n) throw new Error(`Payment ${locked.orderId}: its review held more than the payment credits`);
    const purpose = this.purposes.get(locked.purpose);
    if (writtenOff > 0n) {
      await this.losses.writeOff(manager, locked, writtenOff, {
        kind: 'reversal',
        idempotencyKey: `${reversalKey(locked)}:lost`,
        why: `${purpose.describe(locked).label} dibatalkan oleh bank; sudah terpakai`,
        metadata: { reason, decidedBy: admin.id },
      });
    }
    const payment = await this.settle(manager, locked, 'reversed');
    const message = takenBack > 0n ? await purpose.onRefunded(manager, payment, takenBack) : undefined;
    if (message) await this.outbox.notifyUser(manager, payment.ownerId, { text: message });
    const detail = `${takenBack} rupiah taken back, ${writtenOff} already spent: written off`;
    await this.record(manager, payment, admin, reason, `reversal stands; ${detail}`);
    return { decision: 'reverse', payment, takenBack, writtenOff, released: 0n };
  }

  private async keep(manager: EntityManager, locked: Payment, admin: User, reason: string): Promise<ReviewOutcome> {
    const hold = locked.reviewHoldId ? await this.ledger.voidHold(locked.reviewHoldId, manager) : null;
    const released = hold?.amount ?? 0n;
    const status = locked.refundedAmount > 0n ? 'partially_refunded' : 'paid';
    const payment = await this.settle(manager, locked, status, { review_hold_id: null });
    await this.record(manager, payment, admin, reason, `reversal did not stand; ${released} rupiah released`);
    return { decision: 'keep', payment, takenBack: 0n, writtenOff: 0n, released };
  }

  private async settle(
    manager: EntityManager,
    locked: Payment,
    status: PaymentStatus,
    changes: PaymentChanges = {},
  ): Promise<Payment> {
    const settled = await this.store.transition(manager, locked.id, ['reversal_review'], status, changes);
    if (!settled) throw new PaymentNotInReviewError(locked.orderId, locked.status);
    return settled;
  }

  private record(manager: EntityManager, payment: Payment, admin: User, reason: string, what: string) {
    const detail = `${what}. By ${admin.username}: ${reason}`;
    return this.store.addEvent(manager, payment.id, { status: payment.status, source: 'admin', applied: true, detail });
  }
}
