import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LedgerService } from '../ledger/ledger.service';
import { move, SystemAccount } from '../ledger/ledger.types';
import { OutboxService } from '../telegram/outbox.service';
import { outcomeOf, ProviderStatus } from './midtrans-status';
import { PaymentClawbackService } from './payment-clawback.service';
import { PaymentPurposes } from './payment-purposes';
import { Applied, CREDITABLE_STATUSES, EventSource, Payment, PAID_STATUSES } from './payment.types';
import { PaymentsStore } from './payments.store';

/**
 * Applies what Midtrans says about a payment, whoever asked (a notification, the reconciler).
 * Each change is one conditional UPDATE in a transaction with everything that goes with it, so
 * of two deliveries of the same news the second finds nothing to change and does nothing.
 */
@Injectable()
export class PaymentStatusService {
  private readonly logger = new Logger(PaymentStatusService.name);

  constructor(
    private readonly store: PaymentsStore,
    private readonly purposes: PaymentPurposes,
    private readonly ledger: LedgerService,
    private readonly outbox: OutboxService,
    private readonly clawback: PaymentClawbackService,
  ) {}

  async apply(payment: Payment, status: ProviderStatus, source: EventSource): Promise<Applied> {
    const outcome = outcomeOf(status, payment.amount);
    const event = { source, providerStatus: status.transactionStatus };
    switch (outcome.kind) {
      case 'paid':
        return this.markPaid(payment, status, source);
      case 'failed':
      case 'expired': {
        const ended = await this.end(payment, outcome.kind, source, status.transactionStatus);
        // Money Midtrans had confirmed was taken back (a deny after settlement: a bank reversal).
        if (!ended.changed && outcome.kind === 'failed' && PAID_STATUSES.includes(ended.payment.status)) {
          return this.clawback.reverse(ended.payment, event);
        }
        return ended;
      }
      case 'refunded':
        return this.clawback.refundedAtProvider(payment, outcome.total, event);
      case 'pending':
        return this.notePending(payment, status, source);
      case 'ignored':
        await this.store.addEvent(undefined, payment.id, { status: payment.status, ...event, applied: false });
        return { payment, changed: false };
    }
  }

  /** A Snap order past its expiry that Midtrans never heard of: the customer never chose a method. */
  expireAbandoned(payment: Payment): Promise<Applied> {
    return this.end(payment, 'expired', 'reconciler', undefined, 'no transaction at Midtrans after expiry');
  }

  /** Snap refused the checkout: there is no order at Midtrans, so nothing can pay it. */
  failCheckout(payment: Payment, reason: string): Promise<Applied> {
    return this.end(payment, 'failed', 'checkout', undefined, reason);
  }

  /**
   * pending (or failed/expired, which Loket may have decided on its own) → paid: the journal
   * crediting the purpose's account (its idempotency key makes a second one impossible), the
   * purpose's own work and the owner's message commit with the status.
   */
  private markPaid(payment: Payment, status: ProviderStatus, source: EventSource): Promise<Applied> {
    return this.ledger.transaction(async (manager) => {
      const paid = await this.store.transition(manager, payment.id, CREDITABLE_STATUSES, 'paid', {
        paid_at: new Date(),
        payment_type: status.paymentType ?? payment.paymentType,
        va_number: status.vaNumber ?? payment.vaNumber,
        provider_error: null,
      });
      const event = { status: 'paid' as const, source, providerStatus: status.transactionStatus };
      if (!paid) {
        await this.store.addEvent(manager, payment.id, { ...event, applied: false });
        return { payment: await this.current(manager, payment), changed: false };
      }
      const purpose = this.purposes.get(paid.purpose);
      const { account, label } = purpose.describe(paid);
      const journal = await this.ledger.post(
        {
          kind: purpose.journalKind,
          scope: 'payments',
          idempotencyKey: `payment:${paid.id}:paid`,
          legs: move(SystemAccount.midtransClearing, account, paid.amount),
          reference: `payment:${paid.orderId}`,
          metadata: { description: label, orderId: paid.orderId },
        },
        manager,
      );
      await manager.query('UPDATE payments SET paid_journal_id = $2 WHERE id = $1', [paid.id, journal.id]);
      const credited = { ...paid, paidJournalId: journal.id };
      await this.tell(manager, credited, await purpose.onPaid(manager, credited));
      await this.store.addEvent(manager, paid.id, { ...event, applied: true });
      this.logger.log(`Payment ${paid.orderId} paid: ${paid.amount} rupiah to ${account}`);
      return { payment: credited, changed: true };
    });
  }

  /** pending → failed or expired; anything else stays as it is (money already confirmed wins). */
  private end(
    payment: Payment,
    status: 'failed' | 'expired',
    source: EventSource,
    providerStatus?: string,
    detail?: string,
  ): Promise<Applied> {
    return this.ledger.transaction(async (manager) => {
      const ended = await this.store.transition(manager, payment.id, ['pending'], status, {
        ...(detail ? { provider_error: detail.slice(0, 500) } : {}),
      });
      await this.store.addEvent(manager, payment.id, { status, source, providerStatus, applied: !!ended, detail });
      if (!ended) return { payment: await this.current(manager, payment), changed: false };
      await this.purposes.get(ended.purpose).onFailed(manager, ended);
      return { payment: ended, changed: true };
    });
  }

  /** Still waiting: keeps the method and VA number the customer chose; stale after payment. */
  private async notePending(payment: Payment, status: ProviderStatus, source: EventSource): Promise<Applied> {
    const current = (await this.store.findByOrderId(payment.orderId)) ?? payment;
    const waiting = current.status === 'pending';
    if (waiting && (status.paymentType || status.vaNumber)) {
      await this.store.update(undefined, current.id, {
        payment_type: status.paymentType ?? current.paymentType,
        va_number: status.vaNumber ?? current.vaNumber,
      });
    }
    await this.store.addEvent(undefined, current.id, {
      status: 'pending',
      source,
      providerStatus: status.transactionStatus,
      applied: waiting,
    });
    return { payment: current, changed: false };
  }

  private async current(manager: EntityManager, payment: Payment): Promise<Payment> {
    return (await this.store.findByOrderId(payment.orderId, manager)) ?? payment;
  }

  private async tell(manager: EntityManager, payment: Payment, text: string | undefined): Promise<void> {
    if (text) await this.outbox.notifyUser(manager, payment.ownerId, { text });
  }
}
