import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ResolvedConfig } from '../config/loket.config';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import { LedgerService } from './ledger.service';

/** Voids holds whose expiry has passed, every LEDGER_HOLD_SWEEP_SECONDS, in every instance (safe: each hold resolves once). */
@Injectable()
export class HoldSweeperService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HoldSweeperService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly ledger: LedgerService,
    private readonly config: ConfigService<ResolvedConfig, true>,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.get('ledger', { infer: true }).holdSweepSeconds;
    this.timer = setInterval(() => void this.sweep(), seconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async sweep(): Promise<number> {
    const run = this.ledger.expireHolds().catch((error: unknown) => {
      // The next sweep tries again; an outage needs no stack.
      if (isDatabaseUnavailable(error)) {
        this.logger.warn(`Hold sweep skipped, database unavailable: ${(error as Error).message}`);
      } else {
        this.logger.error({ err: error }, 'Hold sweep failed');
      }
      return 0;
    });
    this.running = run;
    const expired = await run;
    if (expired > 0) this.logger.log(`Expired ${expired} holds`);
    return expired;
  }
}
