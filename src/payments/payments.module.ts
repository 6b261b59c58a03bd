import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { TelegramCoreModule } from '../telegram/telegram-core.module';
import { AdminPaymentsController } from './admin-payments.controller';
import { MidtransGateway } from './midtrans.gateway';
import { NotificationController } from './notification.controller';
import { NotificationService } from './notification.service';
import { PaymentClawbackService } from './payment-clawback.service';
import { PaymentLosses } from './payment-losses';
import { PaymentPurposes } from './payment-purposes';
import { PaymentQueryService } from './payment-queries.service';
import { PaymentReconciler } from './payment-reconciler.service';
import { PaymentReviewService } from './payment-review.service';
import { PaymentStatusService } from './payment-status.service';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';
import { PaymentsStore } from './payments.store';
import { PaymentsEnabledGuard } from './payments-enabled.guard';
import { RefundService } from './refund.service';
import { RefundsStore } from './refunds.store';

/**
 * Midtrans payments for whichever business registers a PaymentPurpose: Snap checkout, signed
 * notifications, reconciliation and refunds. Loaded without a server key too, so purposes can
 * register; its routes then answer 503 and the reconciler stays idle.
 */
@Module({
  imports: [LedgerModule, TelegramCoreModule],
  controllers: [PaymentsController, NotificationController, AdminPaymentsController],
  providers: [
    MidtransGateway,
    PaymentsStore,
    RefundsStore,
    PaymentPurposes,
    PaymentsService,
    PaymentStatusService,
    PaymentClawbackService,
    PaymentLosses,
    PaymentReviewService,
    NotificationService,
    PaymentReconciler,
    PaymentQueryService,
    RefundService,
    PaymentsEnabledGuard,
  ],
  exports: [
    PaymentsService,
    PaymentPurposes,
    PaymentQueryService,
    MidtransGateway,
    PaymentsEnabledGuard,
    RefundService,
  ],
})
export class PaymentsModule {}
