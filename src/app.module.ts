import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AuthModule } from './auth/auth.module';
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

/** Headers and body fields that never reach a log line. */
const REDACTED = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-telegram-bot-api-secret-token"]',
  '*.password',
  '*.pin',
  '*.otp',
  '*.code',
  '*.token',
  '*.accessToken',
  '*.secret',
  '*.serverKey',
  '*.apiKey',
];

const PRETTY_LOGS = {
  target: 'pino-pretty',
  options: {
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service,context,req,res,responseTime',
    messageFormat:
      '{if context}[{context}] {end}{msg}{if req} {req.method} {req.url} {res.statusCode} {responseTime}ms{end}',
  },
};

@Module({})
export class AppModule {
  /** The whole service, wired from configuration that start-up has already settled. */
  static forRoot(config: ResolvedConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }),
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.logLevel,
            // A person at a terminal reads lines; anything else (files, collectors, production) gets JSON.
            transport: config.nodeEnv === 'development' && process.stdout.isTTY ? PRETTY_LOGS : undefined,
            redact: { paths: REDACTED, censor: '[redacted]' },
            genReqId: (req: IncomingMessage) => {
              const given = req.headers['x-request-id'];
              return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
            },
            customProps: () => ({ service: 'loket' }),
            // Telegram's deliveries are kept in the inbox; a log line each would only be noise.
            autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/telegram/webhook' },
          },
        }),
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
