import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ResolvedConfig } from '../../config/loket.config';
import type { SupplierName } from '../pulsa.types';
import { SupplierAnswerService } from '../supplier-answers.service';
import { DigiflazzSupplier } from './digiflazz.supplier';
import { SimulatorSupplier } from './simulator.supplier';
import type { PulsaSupplier } from './supplier.types';

export const DIGIFLAZZ_CALLBACK_PATH = '/api/pulsa/suppliers/digiflazz/callback';

/**
 * The supplier adapters. Each purchase names its supplier (copied from its product), so pending
 * purchases are still checked with theirs after PULSA_SUPPLIER changes; PULSA_SUPPLIER is the
 * supplier of the demo catalogue. The simulator is always there; Digiflazz needs its credentials.
 */
@Injectable()
export class SupplierRegistry implements OnApplicationShutdown {
  readonly defaultSupplier: SupplierName;
  private readonly simulator: SimulatorSupplier;
  private readonly digiflazz?: DigiflazzSupplier;

  constructor(answers: SupplierAnswerService, config: ConfigService<ResolvedConfig, true>) {
    const pulsa = config.get('pulsa', { infer: true });
    const publicUrl = config.get('payments', { infer: true }).publicUrl;
    this.defaultSupplier = pulsa.supplier;
    this.simulator = new SimulatorSupplier(pulsa.simulatorDelayMs, (refId, answer) =>
      answers.applyByRef('simulator', refId, answer),
    );
    const { username, apiKey } = pulsa.digiflazz;
    if (username && apiKey) {
      this.digiflazz = new DigiflazzSupplier(
        { ...pulsa.digiflazz, username, apiKey },
        publicUrl && pulsa.digiflazz.webhookSecret ? `${publicUrl}${DIGIFLAZZ_CALLBACK_PATH}` : undefined,
      );
    }
  }

  /** The adapter of a purchase; undefined when that supplier is not configured (it then waits). */
  get(name: SupplierName): PulsaSupplier | undefined {
    return name === 'simulator' ? this.simulator : this.digiflazz;
  }

  onApplicationShutdown(): void {
    this.simulator.stop();
  }
}
