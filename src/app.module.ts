import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from './auth/auth.module';
import { loggerOptions } from './common/logging/request-logging';
import { ResolvedConfig } from './config/loket.config';
import { typeormOptions } from './database/typeorm-options';
import { DashboardModule } from './dashboard/dashboard.module';
import { HealthModule } from './health/health.module';
import { LedgerModule } from './ledger/ledger.module';
import { PaymentsModule } from './payments/payments.module';
import { PulsaModule } from './pulsa/pulsa.module';
import { ReservationsModule } from './reservations/reservations.module';
import { UsersModule } from './users/users.module';
import { WalletModule } from './wallet/wallet.module';
import { TelegramBotModule } from './telegram/telegram-bot.module';
import { TelegramCoreModule } from './telegram/telegram-core.module';

@Module({})
export class AppModule {
  /** The whole service, wired from configuration that start-up has already settled. */
  static forRoot(config: ResolvedConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }),
        // The application logger only: the request lines come from requestLogLine (app.factory.ts).
        LoggerModule.forRoot({ forRoutes: [], pinoHttp: loggerOptions(config) }),
        TypeOrmModule.forRoot({ ...typeormOptions(config.database.url), autoLoadEntities: true }),
        HealthModule,
        LedgerModule,
        UsersModule,
        AuthModule,
        WalletModule,
        PaymentsModule,
        PulsaModule,
        ReservationsModule,
        DashboardModule,
        TelegramCoreModule,
        ...(config.telegram ? [TelegramBotModule.forRoot(config.telegram)] : []),
      ],
    };
  }
}
