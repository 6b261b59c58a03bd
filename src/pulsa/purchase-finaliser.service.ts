import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LedgerService } from '../ledger/ledger.service';
import { move, SystemAccount } from '../ledger/ledger.types';
import { OutboxService } from '../telegram/outbox.service';
import { statusText } from './pulsa-replies';
import type { FinalisedBy, PulsaTransaction } from './pulsa.types';
import { toTransaction, TransactionRow, TransactionsStore } from './transactions.store';

export type FinalOutcome =
  | { status: 'success'; sn: string; rc?: string; message?: string; note?: string }
  | { status: 'failed'; reason: string; rc?: string; message?: string };

export interface Finalised {
  transaction: PulsaTransaction;
  /** False when the purchase was already final: nothing changed. */
  changed: boolean;
}

/**
 * The one way a purchase becomes final, whoever gets there first (the supplier's answer, its
 * callback, the reconciler, an admin): a conditional UPDATE … WHERE status = 'pending', and in
 * the same transaction the hold committed (success) or voided (failure) and the agent's message.
 * A second finalisation finds no pending row and changes nothing, so money moves once.
 */
@Injectable()
export class PurchaseFinaliser {
  private readonly logger = new Logger(PurchaseFinaliser.name);

  constructor(
    private readonly ledger: LedgerService,
    private readonly store: TransactionsStore,
    private readonly outbox: OutboxService,
  ) {}

  async finalise(id: string, outcome: FinalOutcome, by: FinalisedBy): Promise<Finalised> {
    const result = await this.ledger.transaction(async (manager): Promise<Finalised> => {
      const transaction = await this.markFinal(manager, id, outcome, by);
      if (!transaction) {
        const current = await this.store.find(id, undefined, manager);
        if (!current) throw new Error(`No pulsa transaction ${id}`);
        return { transaction: current, changed: false };
      }
      if (transaction.status === 'success') await this.settle(manager, transaction);
      else await this.ledger.voidHold(transaction.holdId, manager);
      await this.outbox.notifyUser(manager, transaction.agentId, { text: statusText(transaction) });
      return { transaction, changed: true };
    });
    if (result.changed) {
      this.logger.log(`Pulsa ${result.transaction.shortId} ${result.transaction.status} by ${by}`);
    }
    return result;
  }

  private async markFinal(
    manager: EntityManager,
    id: string,
    outcome: FinalOutcome,
    by: FinalisedBy,
  ): Promise<PulsaTransaction | null> {
    const [row] = await manager.query<TransactionRow[]>(
      `WITH final AS (
         UPDATE pulsa_transactions
            SET status = $2, sn = $3, reason = $4, supplier_rc = coalesce($5, supplier_rc),
                supplier_message = coalesce($6, supplier_message), finalised_by = $7, finalised_at = now()
          WHERE id = $1 AND status = 'pending' RETURNING *)
       SELECT * FROM final`,
      [
        id,
        outcome.status,
        outcome.status === 'success' ? outcome.sn.slice(0, 100) : null,
        outcome.status === 'failed' ? outcome.reason.slice(0, 300) : (outcome.note?.slice(0, 300) ?? null),
        outcome.rc ?? null,
        outcome.message?.slice(0, 300) ?? null,
        by,
      ],
    );
    return row ? toTransaction(row) : null;
  }

  /**
   * The agent pays the price (the hold, to the supplier's payable), then the margin moves from the
   * payable to pulsa revenue, so the payable ends at the supplier's cost.
   */
  private async settle(manager: EntityManager, transaction: PulsaTransaction): Promise<void> {
    await this.ledger.commitHold(transaction.holdId, undefined, manager);
    const margin = transaction.price - transaction.cost;
    if (margin === 0n) return;
    await this.ledger.post(
      {
        kind: 'pulsa_purchase',
        legs:
          margin > 0n
            ? move(SystemAccount.supplierPayable, SystemAccount.pulsaRevenue, margin)
            : move(SystemAccount.pulsaRevenue, SystemAccount.supplierPayable, -margin),
        reference: `pulsa:${transaction.id}`,
        scope: 'pulsa',
        idempotencyKey: `margin:${transaction.id}`,
        metadata: { shortId: transaction.shortId },
      },
      manager,
    );
  }
}
