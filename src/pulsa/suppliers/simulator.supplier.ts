import { Logger } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { PulsaSupplier, SupplierAnswer, SupplierOrder } from './supplier.types';

type FinalAnswer = Exclude<SupplierAnswer, { status: 'pending' }>;
type Deliver = (refId: string, answer: FinalAnswer) => Promise<unknown>;

const serial = () => Array.from({ length: 16 }, () => randomInt(10)).join('');
const success = (): FinalAnswer => ({ status: 'success', sn: serial(), rc: '00' });
const failed = (): FinalAnswer => ({ status: 'failed', reason: 'Nomor tujuan salah (simulator)', rc: '02' });

/**
 * A supplier that answers like Digiflazz' test numbers: 087800001230 success, …32 failed, …33
 * pending then success, …34 pending then failed, any other number success after
 * PULSA_SIMULATOR_DELAY_MS (at once when it is 0). Later answers arrive as callbacks through the
 * same code as Digiflazz' callbacks; a restart forgets them, and the reconciler's check finds them.
 */
export class SimulatorSupplier implements PulsaSupplier {
  readonly name = 'simulator';
  private readonly logger = new Logger(SimulatorSupplier.name);
  private readonly due = new Map<string, { at: number; answer: FinalAnswer; timer: NodeJS.Timeout }>();

  constructor(
    private readonly delayMs: number,
    private readonly deliver: Deliver,
  ) {}

  purchase(order: SupplierOrder): Promise<SupplierAnswer> {
    switch (order.destination) {
      case '087800001230':
        return Promise.resolve(success());
      case '087800001232':
        return Promise.resolve(failed());
      case '087800001233':
        return Promise.resolve(this.later(order.refId, success()));
      case '087800001234':
        return Promise.resolve(this.later(order.refId, failed()));
      default:
        return Promise.resolve(this.delayMs === 0 ? success() : this.later(order.refId, success()));
    }
  }

  /** A forgotten ref_id (after a restart) is answered as if its delay had passed. */
  check(order: SupplierOrder): Promise<SupplierAnswer> {
    const scheduled = this.due.get(order.refId);
    if (scheduled) return Promise.resolve(scheduled.at > Date.now() ? { status: 'pending' } : scheduled.answer);
    return Promise.resolve(
      order.destination === '087800001234' || order.destination === '087800001232' ? failed() : success(),
    );
  }

  /** Forgets the answers not delivered yet. */
  stop(): void {
    for (const { timer } of this.due.values()) clearTimeout(timer);
    this.due.clear();
  }

  private later(refId: string, answer: FinalAnswer): SupplierAnswer {
    const timer = setTimeout(() => {
      this.due.delete(refId);
      this.deliver(refId, answer).catch((error: unknown) =>
        this.logger.error({ err: error }, `Simulated callback for ${refId} failed`),
      );
    }, this.delayMs);
    timer.unref();
    this.due.set(refId, { at: Date.now() + this.delayMs, answer, timer });
    return { status: 'pending', rc: '03' };
  }
}
