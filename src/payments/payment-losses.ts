import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LedgerService } from '../ledger/ledger.service';
import { JournalKind, move, SystemAccount } from '../ledger/ledger.types';
import { Payment } from './payment.types';

/**
 * Money Midtrans returned to a customer (a bank reversal, a dashboard refund) that their account
 * had already spent: Loket could not take it back, so the business bears it. Its balance is the
 * total lost this way (negative), or owed by those customers if the business collects it.
 */
export const PAYMENT_LOSSES = 'system:payment_losses';

@Injectable()
export class PaymentLosses {
  constructor(private readonly ledger: LedgerService) {}

  /**
   * Records `amount` of the payment as lost: the losses account settles it with Midtrans' clearing
   * in place of the customer's account, so the books say where the money went and still balance.
   */
  async writeOff(
    manager: EntityManager,
    payment: Payment,
    amount: bigint,
    entry: { kind: JournalKind; idempotencyKey: string; why: string; metadata?: Record<string, unknown> },
  ): Promise<void> {
    // A hot system account like the ledger migration's; this one is opened when first needed.
    await this.ledger.openAccount({ code: PAYMENT_LOSSES, ownerType: 'system', allowNegative: true }, manager);
    await this.ledger.post(
      {
        kind: entry.kind,
        scope: 'payments',
        idempotencyKey: entry.idempotencyKey,
        legs: move(PAYMENT_LOSSES, SystemAccount.midtransClearing, amount),
        reference: `payment:${payment.orderId}`,
        metadata: { description: entry.why, orderId: payment.orderId, ...entry.metadata },
      },
      manager,
    );
  }
}
