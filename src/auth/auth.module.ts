import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { ResolvedConfig } from '../config/loket.config';
import { UsersModule } from '../users/users.module';
import { AccessTokenGuard } from './access-token.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { DatabaseThrottlerStorage } from './database-throttler.storage';

/** Sign-in attempts are counted per client address and username, sign-ups per address. */
const signInTracker = (req: Record<string, unknown>) => {
  const username = (req.body as { username?: unknown } | undefined)?.username;
  const name = typeof username === 'string' ? username.trim().toLowerCase().slice(0, 64) : '';
  return `${String(req.ip)}|${name}`;
};

@Module({
  imports: [
    UsersModule,
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<ResolvedConfig, true>) => ({
        // A KeyObject: given a string, jsonwebtoken first tries to parse it as a public key on every
        // verify, and that failed parse cost about a millisecond of CPU per request.
        secret: createSecretKey(Buffer.from(config.get('auth', { infer: true }).jwtSecret)),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [ConfigService, DataSource],
      useFactory: (config: ConfigService<ResolvedConfig, true>, dataSource: DataSource) => {
        const { signin, signup, windowSeconds } = config.get('rateLimit', { infer: true });
        const ttl = windowSeconds * 1000;
        return {
          storage: new DatabaseThrottlerStorage(dataSource),
          throttlers: [
            { name: 'signin', ttl, limit: signin, getTracker: signInTracker },
            { name: 'signup', ttl, limit: signup, getTracker: (req: Record<string, unknown>) => String(req.ip) },
          ],
        };
      },
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, { provide: APP_GUARD, useClass: AccessTokenGuard }],
})
export class AuthModule {}
