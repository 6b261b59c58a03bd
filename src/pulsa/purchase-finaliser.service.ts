import { Injectable, Logger } from '@nestjs/common';
import { LedgerService } from '../ledger/ledger.service';
import { Leg, SystemAccount } from '../ledger/ledger.types';
import { messagePayload, OutboxService } from '../telegram/outbox.service';
import { statusText } from './pulsa-replies';
import type { FinalisedBy, PulsaTransaction } from './pulsa.types';
import { toTransaction, TransactionRow } from './transactions.store';

export type FinalOutcome =
  | { status: 'success'; sn: string; rc?: string; message?: string; note?: string }
  | { status: 'failed'; reason: string; rc?: string; message?: string };

export interface Finalised {
  transaction: PulsaTransaction;
  /** False when the purchase was already final: nothing changed. */
  changed: boolean;
}

/** One row of pulsa_finalise (PulsaPurchaseFunctions migration). */
type FinaliseRow = TransactionRow & { changed: boolean; notified: boolean | null };

/**
 * The one way a purchase becomes final, whoever gets there first (the supplier's answer, its
 * callback, the reconciler, an admin): one call of pulsa_finalise, a conditional UPDATE … WHERE
 * status = 'pending' and with it the hold committed (success) or voided (failure) and the agent's
 * message. A second finalisation finds no pending row and changes nothing, so money moves once.
 */
@Injectable()
export class PurchaseFinaliser {
  private readonly logger = new Logger(PurchaseFinaliser.name);

  constructor(
    private readonly ledger: LedgerService,
    private readonly outbox: OutboxService,
  ) {}

  async finalise(transaction: PulsaTransaction, outcome: FinalOutcome, by: FinalisedBy): Promise<Finalised> {
    const sn = outcome.status === 'success' ? outcome.sn.slice(0, 100) : null;
    const reason = outcome.status === 'failed' ? outcome.reason.slice(0, 300) : (outcome.note?.slice(0, 300) ?? null);
    // The message as the purchase will read if this call finalises it (price and product are its snapshot).
    const notice = statusText({ ...transaction, status: outcome.status, sn, reason });
    const credits = outcome.status === 'success' ? settlement(transaction) : [];
    const [row] = await this.ledger.execute<FinaliseRow>(
      `SELECT r.changed, r.notified, (r.purchase).*
         FROM pulsa_finalise($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) r`,
      [
        transaction.id,
        outcome.status,
        sn,
        reason,
        outcome.rc ?? null,
        outcome.message?.slice(0, 300) ?? null,
        by,
        credits.map((l) => l.account),
        credits.map((l) => l.amount.toString()),
        messagePayload({ text: notice }),
      ],
    );
    if (!row?.id) throw new Error(`No pulsa transaction ${transaction.id}`);
    const result = { transaction: toTransaction(row), changed: row.changed };
    if (row.notified) this.outbox.wake();
    if (result.changed) this.logger.log(`Pulsa ${result.transaction.shortId} ${result.transaction.status} by ${by}`);
    return result;
  }
}

/**
 * Where a successful purchase's price goes (the credits of its hold's journal, whose debit is the
 * agent's price): the supplier's payable gets the cost, pulsa revenue the margin (negative when
 * the product sells below cost, and no leg at all when there is none).
 */
function settlement(transaction: PulsaTransaction): Leg[] {
  const margin = transaction.price - transaction.cost;
  const payable = { account: SystemAccount.supplierPayable, amount: transaction.cost };
  return margin === 0n ? [payable] : [payable, { account: SystemAccount.pulsaRevenue, amount: margin }];
}
