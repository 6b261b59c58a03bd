import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { PulsaTransaction, TransactionStatus } from './pulsa.types';
import { SupplierAnswerService } from './supplier-answers.service';
import { SupplierRegistry } from './suppliers/supplier-registry';
import { SupplierAnswer, SupplierOrder, SupplierUnreachableError } from './suppliers/supplier.types';
import { TransactionsStore } from './transactions.store';

export const orderOf = (t: PulsaTransaction): SupplierOrder => ({
  refId: t.refId,
  sku: t.supplierSku,
  destination: t.destination,
});

interface WaitingClaim {
  id: string;
  resolve(claimed: boolean): void;
  reject(error: unknown): void;
}

/**
 * Sends committed purchases to their supplier, outside any transaction. The send is claimed
 * (sent_at) in a commit of its own first, so a purchase is sent as new once: if this process dies
 * before the claim the reconciler sends it, and after it the reconciler asks about it by ref_id.
 * No answer leaves it pending: the request may have arrived.
 */
@Injectable()
export class PurchaseDispatcher implements OnApplicationShutdown {
  private readonly logger = new Logger(PurchaseDispatcher.name);
  private readonly inFlight = new Set<Promise<void>>();
  private readonly unclaimed: WaitingClaim[] = [];
  private claiming = false;

  constructor(
    private readonly store: TransactionsStore,
    private readonly suppliers: SupplierRegistry,
    private readonly answers: SupplierAnswerService,
  ) {}

  /** Sends in the background, so the agent's reply does not wait for the supplier. */
  dispatch(transaction: PulsaTransaction): void {
    const sending = this.send(transaction)
      .catch((error: unknown) => this.logger.error({ err: error }, `Sending pulsa ${transaction.shortId} failed`))
      .finally(() => this.inFlight.delete(sending));
    this.inFlight.add(sending);
  }

  async send(transaction: PulsaTransaction): Promise<void> {
    if (!(await this.claim(transaction.id))) return;
    await this.ask(transaction, true);
  }

  /**
   * Claims a purchase's first send. Claims asked for while one statement is on its way go
   * together in the next, so under load one round trip and one commit claim several purchases,
   * and when it is quiet a claim waits for nothing.
   */
  private claim(id: string): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.unclaimed.push({ id, resolve, reject });
      if (!this.claiming) void this.claimWaiting();
    });
  }

  private async claimWaiting(): Promise<void> {
    this.claiming = true;
    while (this.unclaimed.length > 0) {
      const batch = this.unclaimed.splice(0);
      try {
        const claimed = await this.store.claimFirstSends(batch.map((c) => c.id));
        for (const c of batch) c.resolve(claimed.has(c.id));
      } catch (error) {
        for (const c of batch) c.reject(error);
      }
    }
    this.claiming = false;
  }

  /** Asks the supplier (a first send or a re-check) and applies what it says; the purchase's state after. */
  async ask(transaction: PulsaTransaction, firstSend: boolean): Promise<TransactionStatus | 'unanswered'> {
    const supplier = this.suppliers.get(transaction.supplier);
    if (!supplier) {
      this.logger.warn(`Pulsa ${transaction.shortId}: supplier ${transaction.supplier} is not configured`);
      return 'unanswered';
    }
    let answer: SupplierAnswer;
    try {
      const order = orderOf(transaction);
      answer = firstSend ? await supplier.purchase(order) : await supplier.check(order);
    } catch (error) {
      if (!(error instanceof SupplierUnreachableError)) throw error;
      this.logger.warn(`Pulsa ${transaction.shortId} stays pending: ${error.reason}`);
      return 'unanswered';
    }
    return (await this.answers.apply(transaction, answer, firstSend ? 'supplier' : 'reconciler')).transaction.status;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.inFlight);
  }
}
