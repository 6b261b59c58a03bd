import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { LedgerService } from '../ledger/ledger.service';
import { SystemAccount } from '../ledger/ledger.types';
import { OutboxService } from '../telegram/outbox.service';
import { MidtransGateway, MidtransRefusedError, MidtransUnavailableError } from './midtrans.gateway';
import { PaymentPurposes } from './payment-purposes';
import { Payment, PAID_STATUSES } from './payment.types';
import {
  PaymentNotFoundError,
  PaymentNotRefundableError,
  PaymentProviderError,
  RefundAmountError,
  RefundKeyConflictError,
  RefundRefusedError,
} from './payments.errors';
import { PaymentsStore } from './payments.store';
import { Refund, RefundRequest, RefundsStore } from './refunds.store';

/**
 * The refund_key of a request: the same request (or the same Idempotency-Key) always gives the
 * same key, so a retried refund finds its first attempt instead of refunding again.
 */
export function refundKeyFor(orderId: string, request: RefundRequest, idempotencyKey?: string): string {
  const what = idempotencyKey
    ? { orderId, idempotencyKey }
    : {
        orderId,
        amount: request.amount?.toString() ?? 'rest',
        reason: request.reason,
        offline: request.offline,
        reference: request.reference ?? null,
      };
  return `RF-${createHash('sha256').update(JSON.stringify(what)).digest('hex').slice(0, 40)}`;
}

/**
 * Admin refunds. The amount is held in the purpose's account first (committed before Midtrans is
 * called, with the refund row and its key), then Midtrans refunds it, then the hold becomes the
 * reversing journal, or is released if Midtrans refuses. No answer keeps the hold: the same
 * request again resumes it with the same refund_key. Offline refunds (money returned outside
 * Loket) take the same path to system:cash without Midtrans.
 */
@Injectable()
export class RefundService {
  constructor(
    private readonly payments: PaymentsStore,
    private readonly refunds: RefundsStore,
    private readonly purposes: PaymentPurposes,
    private readonly ledger: LedgerService,
    private readonly gateway: MidtransGateway,
    private readonly outbox: OutboxService,
  ) {}

  async refund(adminId: string, orderId: string, request: RefundRequest, idempotencyKey?: string) {
    const payment = await this.payments.findByOrderId(orderId);
    if (!payment) throw new PaymentNotFoundError(orderId);
    const refund = await this.start(payment, refundKeyFor(orderId, request, idempotencyKey), request, adminId);
    if (refund.status === 'refused') throw new RefundRefusedError(refund.providerReason ?? 'refused');
    if (refund.status === 'pending' && !refund.offline) await this.askMidtrans(payment, refund);
    return this.complete(refund);
  }

  private async askMidtrans(payment: Payment, refund: Refund): Promise<void> {
    try {
      await this.gateway.refund(payment.orderId, {
        refundKey: refund.refundKey,
        amount: refund.amount,
        reason: refund.reason,
      });
    } catch (error) {
      if (error instanceof MidtransRefusedError) {
        await this.ledger.transaction(async (manager) => {
          await this.ledger.voidHold(refund.holdId!, manager);
          await this.refunds.resolve(manager, refund.id, 'refused', { providerReason: error.reason });
        });
        throw new RefundRefusedError(error.reason);
      }
      if (error instanceof MidtransUnavailableError) {
        throw new PaymentProviderError(
          `Midtrans did not answer (${error.reason}); the amount stays held: send the same request again`,
        );
      }
      throw error;
    }
  }

  /** The refund row of this key: found (a retry), or new, with its hold, committed before Midtrans hears of it. */
  private start(payment: Payment, refundKey: string, request: RefundRequest, adminId: string): Promise<Refund> {
    return this.ledger.transaction(async (manager) => {
      const locked = await this.payments.lock(manager, payment.id);
      const existing = await this.refunds.findByKey(manager, refundKey);
      if (existing) {
        const same =
          existing.offline === !!request.offline &&
          (request.amount === undefined || request.amount === existing.amount);
        if (!same) throw new RefundKeyConflictError();
        return existing;
      }
      if (!PAID_STATUSES.includes(locked.status)) throw new PaymentNotRefundableError(locked.orderId, locked.status);
      const refundable = locked.amount - locked.refundedAmount - (await this.refunds.pendingTotal(manager, locked.id));
      const amount = request.amount ?? refundable;
      if (amount <= 0n || amount > refundable) throw new RefundAmountError(refundable > 0n ? refundable : 0n);
      const { account } = this.purposes.get(locked.purpose).describe(locked);
      const hold = await this.ledger.hold(
        {
          kind: 'refund',
          scope: 'payments',
          idempotencyKey: `refund:${refundKey}`,
          from: account,
          // Offline, the money left through the business' own cash, not through Midtrans.
          to: request.offline ? SystemAccount.cash : SystemAccount.midtransClearing,
          amount,
          reference: `payment:${locked.orderId}`,
          metadata: { orderId: locked.orderId, reason: request.reason },
        },
        manager,
      );
      return this.refunds.insert(manager, {
        paymentId: locked.id,
        refundKey,
        amount,
        request,
        holdId: hold.id,
        adminId,
      });
    });
  }

  /** The hold becomes the journal; the payment's refunded amount and state follow, and its owner is told. */
  private complete(refund: Refund): Promise<{ refund: Refund; payment: Payment }> {
    return this.ledger.transaction(async (manager) => {
      const payment = await this.payments.lock(manager, refund.paymentId);
      const current = await this.refunds.lock(manager, refund.id);
      if (current.status !== 'pending') return { refund: current, payment };
      const hold = await this.ledger.commitHold(current.holdId!, undefined, manager);
      const done = await this.refunds.resolve(manager, current.id, 'succeeded', { journalId: hold.journalId! });
      const refunded = await this.recordOnPayment(manager, payment, done);
      return { refund: done, payment: refunded };
    });
  }

  private async recordOnPayment(manager: EntityManager, payment: Payment, refund: Refund): Promise<Payment> {
    const refundedAmount = payment.refundedAmount + refund.amount;
    const full = refundedAmount === payment.amount;
    const status = full ? (refund.offline ? 'refunded_offline' : 'refunded') : 'partially_refunded';
    const updated =
      (await this.payments.transition(manager, payment.id, PAID_STATUSES, status, {
        refunded_amount: refundedAmount,
      })) ?? payment;
    const detail = `${refund.amount} rupiah${refund.offline ? ` offline (${refund.reference})` : ''}: ${refund.reason}`;
    await this.payments.addEvent(manager, payment.id, {
      status,
      source: 'admin',
      applied: updated !== payment,
      detail,
    });
    const message = await this.purposes.get(payment.purpose).onRefunded(manager, updated, refund.amount);
    if (message) await this.outbox.notifyUser(manager, payment.ownerId, { text: message });
    return updated;
  }
}
