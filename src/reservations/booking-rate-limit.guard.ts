import { CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { DatabaseThrottlerStorage } from '../auth/database-throttler.storage';
import type { ResolvedConfig } from '../config/loket.config';

const WINDOW_MS = 60_000;

/**
 * At most RESERVATION_RATE_LIMIT bookings a minute per client address (then 429), counted in
 * PostgreSQL like sign-ins, so the limit holds across workers and instances.
 */
@Injectable()
export class BookingRateLimitGuard implements CanActivate {
  private readonly storage: DatabaseThrottlerStorage;
  private readonly limit: number;

  constructor(@InjectDataSource() dataSource: DataSource, config: ConfigService<ResolvedConfig, true>) {
    this.storage = new DatabaseThrottlerStorage(dataSource);
    this.limit = config.get('reservations', { infer: true }).rateLimitPerMinute;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const { isBlocked, timeToBlockExpire } = await this.storage.increment(
      `reservation|${String(request.ip)}`,
      WINDOW_MS,
      this.limit,
    );
    if (!isBlocked) return true;
    void http.getResponse<FastifyReply>().header('retry-after', String(timeToBlockExpire));
    throw new HttpException('Too many bookings from this address; try again in a minute', HttpStatus.TOO_MANY_REQUESTS);
  }
}
