import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PeriodicJob } from '../common/jobs/periodic-job';
import type { ResolvedConfig } from '../config/loket.config';
import { PurchaseDispatcher } from './purchase-dispatcher.service';
import { toTransaction, TransactionRow } from './transactions.store';

const BATCH = 50;
/** Re-checks back off from a minute (Digiflazz' limit) to half an hour. */
const MIN_BACKOFF_SECONDS = 60;
const MAX_BACKOFF_SECONDS = 1800;
/** Digiflazz takes a ref_id older than 90 days as a new purchase; stop asking a little before. */
const MAX_CHECK_AGE_DAYS = 89;

export interface PulsaReconcileReport {
  /** Purchases never sent (their process died first), sent now. */
  sent: number;
  checked: number;
  /** Purchases that are final now. */
  finalised: number;
  /** The supplier did not answer for these; they are asked again later. */
  unanswered: number;
}

/**
 * Every PULSA_RECONCILE_SECONDS, sends the purchases whose process died before sending them and
 * re-checks pending ones by ref_id, each no sooner than its backoff allows. Rows are claimed with
 * SKIP LOCKED and pushed back in one statement, so instances share the work and no supplier call
 * runs inside a transaction. Nothing here fails a purchase for want of an answer.
 */
@Injectable()
export class PulsaReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PulsaReconciler.name);
  private readonly intervalSeconds: number;
  private readonly job: PeriodicJob<PulsaReconcileReport>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dispatcher: PurchaseDispatcher,
    config: ConfigService<ResolvedConfig, true>,
  ) {
    this.intervalSeconds = config.get('pulsa', { infer: true }).reconcileSeconds;
    this.job = new PeriodicJob(
      'Pulsa reconciliation',
      () => this.pass(),
      () => ({ sent: 0, checked: 0, finalised: 0, unanswered: 0 }),
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    this.job.start(this.intervalSeconds);
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** One pass (or the one already running in this process). */
  runOnce(): Promise<PulsaReconcileReport> {
    return this.job.runOnce();
  }

  private async pass(): Promise<PulsaReconcileReport> {
    const report: PulsaReconcileReport = { sent: 0, checked: 0, finalised: 0, unanswered: 0 };
    for (const { transaction, firstSend } of await this.claim()) {
      if (firstSend) report.sent++;
      else report.checked++;
      const state = await this.dispatcher.ask(transaction, firstSend);
      if (state === 'unanswered') report.unanswered++;
      else if (state !== 'pending') report.finalised++;
    }
    if (report.sent + report.checked > 0) {
      this.logger.log(
        `Pulsa reconciler: ${report.sent} sent, ${report.checked} checked, ${report.finalised} final, ${report.unanswered} unanswered`,
      );
    }
    return report;
  }

  /** Due pending purchases, each pushed back by its backoff and marked sent, in one statement. */
  private async claim() {
    const [rows] = await this.dataSource.query<[(TransactionRow & { first_send: boolean })[], number]>(
      `UPDATE pulsa_transactions t
          SET next_check_at = now() + make_interval(secs => least($1 * power(2, least(t.checks, 10)), $2)),
              checks = t.checks + 1, sent_at = coalesce(t.sent_at, now())
         FROM (SELECT id, sent_at IS NULL AS first_send FROM pulsa_transactions
                WHERE status = 'pending' AND next_check_at <= now()
                  AND created_at > now() - make_interval(days => $3)
                ORDER BY next_check_at LIMIT $4 FOR UPDATE SKIP LOCKED) due
        WHERE t.id = due.id RETURNING t.*, due.first_send`,
      [MIN_BACKOFF_SECONDS, MAX_BACKOFF_SECONDS, MAX_CHECK_AGE_DAYS, BATCH],
    );
    return rows.map((row) => ({ transaction: toTransaction(row), firstSend: row.first_send }));
  }
}
