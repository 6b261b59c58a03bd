import { Injectable } from '@nestjs/common';
import { Finalised, PurchaseFinaliser } from './purchase-finaliser.service';
import type { FinalisedBy, PulsaTransaction, SupplierName } from './pulsa.types';
import type { SupplierAnswer } from './suppliers/supplier.types';
import { TransactionsStore } from './transactions.store';

export type AnswerOutcome = 'applied' | 'unchanged' | 'unknown_ref';

/**
 * Applies a supplier's word on a purchase, wherever it came from (the answer to the send, a
 * callback, a re-check): a final answer finalises it, a pending one is only noted.
 */
@Injectable()
export class SupplierAnswerService {
  constructor(
    private readonly store: TransactionsStore,
    private readonly finaliser: PurchaseFinaliser,
  ) {}

  async apply(transaction: PulsaTransaction, answer: SupplierAnswer, by: FinalisedBy): Promise<Finalised> {
    if (answer.status === 'pending') {
      await this.store.noteAnswer(transaction.id, answer.rc, answer.message);
      return { transaction, changed: false };
    }
    return this.finaliser.finalise(transaction, answer, by);
  }

  /** A callback's answer, found by its ref_id (and only among this supplier's purchases). */
  async applyByRef(supplier: SupplierName, refId: string, answer: SupplierAnswer): Promise<AnswerOutcome> {
    const transaction = await this.store.findByRef(refId);
    if (!transaction || transaction.supplier !== supplier) return 'unknown_ref';
    return (await this.apply(transaction, answer, 'callback')).changed ? 'applied' : 'unchanged';
  }
}
