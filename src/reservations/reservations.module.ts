import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { PaymentsModule } from '../payments/payments.module';
import { TelegramCoreModule } from '../telegram/telegram-core.module';
import { AdminCatalogueController } from './admin-catalogue.controller';
import { AdminReservationsController } from './admin-reservations.controller';
import { BookingRateLimitGuard } from './booking-rate-limit.guard';
import { BookingService } from './booking.service';
import { CatalogueAdminService } from './catalogue-admin.service';
import { CatalogueService } from './catalogue.service';
import { DemoCatalogueSeeder } from './demo-catalogue';
import { ReservationAccess } from './reservation-access.service';
import { ReservationJobs } from './reservation-jobs.service';
import { ReservationMovesService } from './reservation-moves.service';
import { ReservationNotifier } from './reservation-notifier';
import { ReservationQueries } from './reservation-queries.service';
import { ReservationPurpose } from './reservation.purpose';
import { ReservationsController } from './reservations.controller';
import { ReservationsStore } from './reservations.store';
import { ReservationsBot } from './reservations.bot';
import { OrderWizard } from './order-wizard';
import { PagesController } from './pages.controller';
import { PagesService } from './pages.service';
import { StatusLinks } from './status-links';

/**
 * Repair reservations (the Jiot Gadget Solution bot and website): catalogue and calendar,
 * capacity-safe bookings paid through Midtrans, the admin workflow, the bot and the web pages.
 */
@Module({
  imports: [LedgerModule, PaymentsModule, TelegramCoreModule],
  // The catalogue's fixed paths (models, slots, …) are matched before the admin's `:code`.
  controllers: [AdminCatalogueController, AdminReservationsController, ReservationsController, PagesController],
  providers: [
    BookingRateLimitGuard,
    BookingService,
    CatalogueAdminService,
    CatalogueService,
    DemoCatalogueSeeder,
    OrderWizard,
    PagesService,
    ReservationAccess,
    ReservationJobs,
    ReservationMovesService,
    ReservationNotifier,
    ReservationPurpose,
    ReservationQueries,
    ReservationsBot,
    ReservationsStore,
    StatusLinks,
  ],
  exports: [ReservationQueries],
})
export class ReservationsModule {}
