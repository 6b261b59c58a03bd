import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { OtpModule } from '../otp/otp.module';
import { PaymentsModule } from '../payments/payments.module';
import { TelegramCoreModule } from '../telegram/telegram-core.module';
import { UsersModule } from '../users/users.module';
import { AdminPulsaTransactionsController } from './admin-pulsa-transactions.controller';
import { AdminPulsaController } from './admin-pulsa.controller';
import { AgentPinsService } from './agent-pins.service';
import { AgentQueryService } from './agent-queries.service';
import { AgentsService } from './agents.service';
import { CatalogueService } from './catalogue.service';
import { DemoCatalogueSeeder } from './demo-catalogue';
import { DepositPurpose } from './deposit.purpose';
import { DigiflazzCallbackController } from './digiflazz-callback.controller';
import { DigiflazzCallbackService } from './digiflazz-callback.service';
import { PurchaseDispatcher } from './purchase-dispatcher.service';
import { PurchaseFinaliser } from './purchase-finaliser.service';
import { PurchaseService } from './purchase.service';
import { PulsaCommandsService } from './pulsa-commands.service';
import { PulsaReconciler } from './pulsa-reconciler.service';
import { PulsaReportService } from './pulsa-report.service';
import { PulsaTransactionsService } from './pulsa-transactions.service';
import { PulsaBot } from './pulsa.bot';
import { PulsaController } from './pulsa.controller';
import { SupplierAnswerService } from './supplier-answers.service';
import { SupplierRegistry } from './suppliers/supplier-registry';
import { TransactionsController } from './transactions.controller';
import { TransactionsStore } from './transactions.store';

/**
 * The pulsa reseller: a catalogue, agents with PINs, purchases held on the ledger and sent to a
 * supplier (simulator or Digiflazz), callbacks, a reconciler, and the reseller commands in
 * Telegram and over REST. Deposits are a payment purpose.
 */
@Module({
  imports: [LedgerModule, UsersModule, OtpModule, TelegramCoreModule, PaymentsModule],
  controllers: [
    PulsaController,
    TransactionsController,
    AdminPulsaController,
    AdminPulsaTransactionsController,
    DigiflazzCallbackController,
  ],
  providers: [
    CatalogueService,
    DemoCatalogueSeeder,
    AgentPinsService,
    AgentsService,
    AgentQueryService,
    TransactionsStore,
    PurchaseService,
    PurchaseFinaliser,
    SupplierAnswerService,
    SupplierRegistry,
    PurchaseDispatcher,
    PulsaReconciler,
    DigiflazzCallbackService,
    PulsaTransactionsService,
    PulsaReportService,
    DepositPurpose,
    PulsaCommandsService,
    PulsaBot,
  ],
  exports: [CatalogueService, PulsaReportService, PulsaTransactionsService],
})
export class PulsaModule {}
