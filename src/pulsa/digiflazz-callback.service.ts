import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ResolvedConfig } from '../config/loket.config';
import {
  InvalidSupplierCallbackError,
  InvalidSupplierSignatureError,
  SupplierCallbackDisabledError,
} from './pulsa.errors';
import { AnswerOutcome, SupplierAnswerService } from './supplier-answers.service';
import { digiflazzData, interpretDigiflazz, validHubSignature } from './suppliers/digiflazz-protocol';

export interface CallbackDelivery {
  rawBody: Buffer;
  headers: Record<string, string>;
}

/** The delivery headers worth keeping with the stored body. */
export const KEPT_HEADERS = [
  'x-hub-signature',
  'x-digiflazz-event',
  'x-digiflazz-delivery',
  'user-agent',
  'content-type',
];

/**
 * Digiflazz' callbacks: every delivery is stored as received, the signature over the raw body is
 * checked before anything is read from it, and the answer goes through the same code as the
 * answers to Loket's own requests. A callback for a final purchase changes nothing.
 */
@Injectable()
export class DigiflazzCallbackService {
  private readonly logger = new Logger(DigiflazzCallbackService.name);
  private readonly secret?: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly answers: SupplierAnswerService,
    config: ConfigService<ResolvedConfig, true>,
  ) {
    this.secret = config.get('pulsa', { infer: true }).digiflazz.webhookSecret;
  }

  async receive(delivery: CallbackDelivery): Promise<AnswerOutcome> {
    if (!this.secret) throw new SupplierCallbackDisabledError();
    const id = await this.store(delivery);
    if (!validHubSignature(delivery.rawBody, delivery.headers['x-hub-signature'], this.secret)) {
      await this.record(id, 'forged');
      throw new InvalidSupplierSignatureError();
    }
    const data = digiflazzData(parseJson(delivery.rawBody));
    if (!data || typeof data.ref_id !== 'string' || data.ref_id === '') {
      await this.record(id, 'malformed');
      throw new InvalidSupplierCallbackError('expected {"data": {"ref_id", "rc", …}}');
    }
    // A callback is about a purchase Digiflazz accepted, so a request error there is its word on it too.
    const outcome = await this.answers.applyByRef('digiflazz', data.ref_id, interpretDigiflazz(data, true));
    await this.record(id, outcome, data.ref_id);
    if (outcome === 'unknown_ref') this.logger.warn(`Digiflazz callback for unknown ref_id ${data.ref_id}`);
    return outcome;
  }

  private async store(delivery: CallbackDelivery): Promise<string> {
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO pulsa_supplier_callbacks (supplier, raw_body, headers) VALUES ('digiflazz', $1, $2) RETURNING id`,
      [delivery.rawBody, delivery.headers],
    );
    return row.id;
  }

  private async record(id: string, outcome: string, refId?: string): Promise<void> {
    await this.dataSource.query('UPDATE pulsa_supplier_callbacks SET outcome = $2, ref_id = $3 WHERE id = $1', [
      id,
      outcome,
      refId?.slice(0, 100) ?? null,
    ]);
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
}
