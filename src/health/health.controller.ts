import { Controller, Get, Logger, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
// Terminus documents its own 503 body; Loket answers every 503 alike, so only its 200 schema is taken.
import { getHealthCheckSchema } from '@nestjs/terminus/dist/health-check/health-check.schema';
import { Public } from '../common/auth/auth.decorators';
import { DatabaseUnavailableError } from '../database/database-unavailable';
import { AliveResponse } from './health.responses';

// Shorter than a load balancer's probe timeout, so a database that hangs still gets a clear 503.
const READY_TIMEOUT_MS = 2000;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
  ) {}

  /** The process is up. */
  @Get()
  alive(): AliveResponse {
    return { status: 'ok' };
  }

  /** The database answers: ready for traffic. Otherwise 503 DATABASE_UNAVAILABLE with Retry-After. */
  @Get('ready')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOkResponse({ description: 'The database answers', schema: getHealthCheckSchema('ok') })
  async ready() {
    try {
      return await this.health.check([() => this.db.pingCheck('database', { timeout: READY_TIMEOUT_MS })]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const { details } = error.getResponse() as HealthCheckResult;
      this.logger.warn(`Not ready: ${JSON.stringify(details)}`);
      throw new DatabaseUnavailableError();
    }
  }
}
