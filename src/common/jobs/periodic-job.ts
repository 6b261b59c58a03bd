import { Logger } from '@nestjs/common';

/**
 * A pass that runs every few seconds and on demand (tests call runOnce), one at a time in this
 * process; a failed pass is logged and answers `onFailure`, and stop() waits for the running one.
 * Sharing work across instances is the pass's own business (SKIP LOCKED claims).
 */
export class PeriodicJob<R> {
  private timer?: NodeJS.Timeout;
  private running?: Promise<R>;

  constructor(
    private readonly name: string,
    private readonly pass: () => Promise<R>,
    private readonly onFailure: () => R,
    private readonly logger: Logger,
  ) {}

  start(intervalSeconds: number): void {
    this.timer = setInterval(() => void this.runOnce(), intervalSeconds * 1000);
    this.timer.unref();
  }

  /** One pass (or the one already running in this process). */
  runOnce(): Promise<R> {
    this.running ??= this.pass()
      .catch((error: unknown) => {
        this.logger.error({ err: error }, `${this.name} failed`);
        return this.onFailure();
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
