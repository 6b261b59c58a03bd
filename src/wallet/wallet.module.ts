import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerModule } from '../ledger/ledger.module';
import { OtpModule } from '../otp/otp.module';
import { PaymentsModule } from '../payments/payments.module';
import { TelegramCoreModule } from '../telegram/telegram-core.module';
import { UsersModule } from '../users/users.module';
import { AdminWalletController } from './admin-wallet.controller';
import { BillService } from './bill.service';
import { BillsController } from './bills.controller';
import { Bill } from './entities/bill.entity';
import { WalletTransfer } from './entities/wallet-transfer.entity';
import { HistoryService } from './history.service';
import { TopupPurpose } from './topup.purpose';
import { TopupService } from './topup.service';
import { TopupsController } from './topups.controller';
import { TransferService } from './transfer.service';
import { WalletController } from './wallet.controller';
import { WalletRules } from './wallet-rules';
import { WalletService } from './wallet.service';
import { WalletBot } from './wallet.bot';
import { WalletNotifier } from './wallet-notifier';
import { WalletReportService } from './wallet-report.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Bill, WalletTransfer]),
    LedgerModule,
    OtpModule,
    UsersModule,
    TelegramCoreModule,
    PaymentsModule,
  ],
  controllers: [WalletController, BillsController, AdminWalletController, TopupsController],
  providers: [
    WalletService,
    WalletRules,
    WalletNotifier,
    TransferService,
    BillService,
    HistoryService,
    WalletBot,
    TopupPurpose,
    TopupService,
    WalletReportService,
  ],
  exports: [WalletService, TransferService, BillService, HistoryService, WalletReportService],
})
export class WalletModule {}
