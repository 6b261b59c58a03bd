import { Logger } from '@nestjs/common';
import type { DigiflazzConfig } from '../../config/loket.config';
import { digiflazzData, interpretDigiflazz, transactionSign } from './digiflazz-protocol';
import { PulsaSupplier, SupplierAnswer, SupplierOrder, SupplierUnreachableError } from './supplier.types';

/**
 * Digiflazz' buyer API. A status check is the same `transaction` call with the same ref_id (so it
 * also sends a purchase that never arrived); the reconciler keeps those a minute apart and stops
 * after 90 days, when Digiflazz would take the same ref_id as a new purchase.
 */
export class DigiflazzSupplier implements PulsaSupplier {
  readonly name = 'digiflazz';
  private readonly logger = new Logger(DigiflazzSupplier.name);

  constructor(
    private readonly config: DigiflazzConfig & { username: string; apiKey: string },
    private readonly callbackUrl?: string,
  ) {}

  purchase(order: SupplierOrder): Promise<SupplierAnswer> {
    return this.transaction(order, true);
  }

  check(order: SupplierOrder): Promise<SupplierAnswer> {
    return this.transaction(order, false);
  }

  private async transaction(order: SupplierOrder, firstSend: boolean): Promise<SupplierAnswer> {
    const body = {
      username: this.config.username,
      buyer_sku_code: order.sku,
      customer_no: order.destination,
      ref_id: order.refId,
      sign: transactionSign(this.config.username, this.config.apiKey, order.refId),
      ...(this.config.testing ? { testing: true } : {}),
      ...(this.callbackUrl ? { cb_url: this.callbackUrl } : {}),
    };
    let status: number;
    let parsed: unknown;
    try {
      const response = await fetch(`${this.config.url}/transaction`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      status = response.status;
      parsed = await response.json().catch(() => null);
    } catch (error) {
      throw new SupplierUnreachableError(`Digiflazz did not answer: ${(error as Error).message}`);
    }
    // Errors come with an rc in the body whatever the HTTP status; without one the answer is not theirs.
    const data = digiflazzData(parsed);
    if (!data) throw new SupplierUnreachableError(`Digiflazz answered HTTP ${status} without an rc`);
    if (data.ref_id !== undefined && data.ref_id !== order.refId) {
      throw new SupplierUnreachableError(`Digiflazz answered about another ref_id: ${JSON.stringify(data.ref_id)}`);
    }
    const answer = interpretDigiflazz(data, firstSend);
    this.logger.log(`Digiflazz ${order.refId}: rc ${answer.rc} -> ${answer.status}`);
    return answer;
  }
}
