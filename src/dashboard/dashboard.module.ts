import { Module } from '@nestjs/common';
import { PaymentsModule } from '../payments/payments.module';
import { PulsaModule } from '../pulsa/pulsa.module';
import { ReservationsModule } from '../reservations/reservations.module';
import { WalletModule } from '../wallet/wallet.module';
import { OverviewController } from './overview.controller';
import { OverviewService } from './overview.service';

/**
 * What the admin dashboard reads across the businesses. It sits above them: it imports each
 * business's small query service, and nothing imports it.
 */
@Module({
  imports: [WalletModule, PulsaModule, ReservationsModule, PaymentsModule],
  controllers: [OverviewController],
  providers: [OverviewService],
})
export class DashboardModule {}
