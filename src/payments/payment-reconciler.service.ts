import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PeriodicJob } from '../common/jobs/periodic-job';
import type { ResolvedConfig } from '../config/loket.config';
import { MidtransGateway, MidtransUnavailableError } from './midtrans.gateway';
import { PaymentStatusService } from './payment-status.service';
import { Payment } from './payment.types';
import { PaymentRow, PaymentsStore, toPayment } from './payments.store';

const BATCH = 50;
/** A pending payment no notification has mentioned for this long is asked about, expired or not. */
const QUIET_MINUTES = 10;

export interface ReconcileReport {
  checked: number;
  changed: number;
  /** Midtrans did not answer for these; they are asked again next time. */
  unanswered: number;
}

/**
 * Every PAYMENT_RECONCILE_SECONDS, asks Midtrans about pending payments past their expiry (or
 * quiet for ten minutes) and applies the answer as a notification would, so a lost notification
 * never leaves money unaccounted. Rows are claimed with SKIP LOCKED and pushed back one interval
 * in a statement of their own, so instances share the work and no call to Midtrans runs inside
 * a transaction. No answer changes nothing: only Midtrans' word settles a payment.
 */
@Injectable()
export class PaymentReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PaymentReconciler.name);
  private readonly intervalSeconds: number;
  private readonly job: PeriodicJob<ReconcileReport>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gateway: MidtransGateway,
    private readonly statuses: PaymentStatusService,
    private readonly store: PaymentsStore,
    config: ConfigService<ResolvedConfig, true>,
  ) {
    this.intervalSeconds = config.get('payments', { infer: true }).reconcileSeconds;
    this.job = new PeriodicJob(
      'Payment reconciliation',
      () => this.pass(),
      () => ({ checked: 0, changed: 0, unanswered: 0 }),
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    if (!this.gateway.enabled) return;
    this.job.start(this.intervalSeconds);
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** One pass (or the one already running in this process). */
  runOnce(): Promise<ReconcileReport> {
    return this.job.runOnce();
  }

  private async pass(): Promise<ReconcileReport> {
    const report: ReconcileReport = { checked: 0, changed: 0, unanswered: 0 };
    for (const payment of await this.claim()) {
      report.checked++;
      try {
        if (await this.reconcile(payment)) report.changed++;
      } catch (error) {
        if (!(error instanceof MidtransUnavailableError)) throw error;
        report.unanswered++;
        await this.store.update(undefined, payment.id, { provider_error: error.reason.slice(0, 500) });
      }
    }
    if (report.checked > 0) this.logger.log(`Reconciled ${report.checked} payments, ${report.changed} changed`);
    return report;
  }

  private async reconcile(payment: Payment): Promise<boolean> {
    const status = await this.gateway.status(payment.orderId);
    if (status) return (await this.statuses.apply(payment, status, 'reconciler')).changed;
    // No transaction at Midtrans: the customer has not chosen a method, and after expiry never will.
    if (payment.expiresAt > new Date()) return false;
    return (await this.statuses.expireAbandoned(payment)).changed;
  }

  private async claim(): Promise<Payment[]> {
    const [rows] = await this.dataSource.query<[PaymentRow[], number]>(
      `UPDATE payments p SET next_check_at = now() + make_interval(secs => $1)
         FROM (SELECT id FROM payments
                WHERE status = 'pending' AND (next_check_at IS NULL OR next_check_at <= now())
                  AND (expires_at <= now()
                       OR (last_notification_at IS NULL AND created_at <= now() - make_interval(mins => $2)))
                ORDER BY expires_at LIMIT $3 FOR UPDATE SKIP LOCKED) due
        WHERE p.id = due.id RETURNING p.*`,
      [this.intervalSeconds, QUIET_MINUTES, BATCH],
    );
    return rows.map(toPayment);
  }
}
