import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import type { ResolvedConfig } from '../config/loket.config';
import { MalformedStatusError, parseGrossAmount, parseProviderStatus, signatureMatches } from './midtrans-status';
import { MidtransGateway, MidtransUnavailableError } from './midtrans.gateway';
import { PaymentStatusService } from './payment-status.service';
import { Payment } from './payment.types';
import {
  AmountMismatchError,
  InvalidNotificationError,
  InvalidSignatureError,
  PaymentNotFoundError,
  PaymentsDisabledError,
  PaymentStatusUnavailableError,
} from './payments.errors';
import { PaymentsStore } from './payments.store';

/** One POST from Midtrans, as it arrived. */
export interface Delivery {
  rawBody: Buffer;
  /** The headers worth keeping (content type, user agent, client address). */
  headers: Record<string, string>;
}

/** Headers kept with each delivery; Midtrans sends no custom ones, so these say where it came from. */
export const KEPT_HEADERS = ['content-type', 'content-length', 'user-agent', 'x-forwarded-for', 'x-request-id'];

/**
 * Midtrans notifications: stored first whatever their fate, then the signature (over the strings
 * as received), the order, the amount; with MIDTRANS_VERIFY_STATUS the status is re-read from
 * the Core API and that answer is what counts. Applying it is PaymentStatusService's.
 */
@Injectable()
export class NotificationService {
  private readonly logger = new Logger(NotificationService.name);
  private readonly serverKey?: string;
  private readonly verifyStatus: boolean;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: PaymentsStore,
    private readonly gateway: MidtransGateway,
    private readonly statuses: PaymentStatusService,
    config: ConfigService<ResolvedConfig, true>,
  ) {
    const midtrans = config.get('payments', { infer: true }).midtrans;
    this.serverKey = midtrans?.serverKey;
    this.verifyStatus = midtrans?.verifyStatus ?? false;
  }

  /** What became of the delivery; refusals are thrown as domain errors. */
  async receive(delivery: Delivery): Promise<'applied' | 'unchanged'> {
    if (!this.serverKey) throw new PaymentsDisabledError();
    const body = parseJson(delivery.rawBody);
    const id = await this.record(delivery, body);
    let payment: Payment | undefined;
    try {
      payment = await this.authenticate(body, this.serverKey);
      const outcome = await this.handle(payment, body);
      await this.finish(id, outcome, payment);
      return outcome;
    } catch (error) {
      const outcome = error instanceof DomainError ? error.code.toLowerCase() : 'error';
      if (error instanceof AmountMismatchError) this.logger.warn(`Notification ${id}: ${error.message}`);
      await this.finish(id, outcome, payment, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  /** The payment a correctly signed notification is about. */
  private async authenticate(body: unknown, serverKey: string): Promise<Payment> {
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new InvalidNotificationError('the body must be a JSON object');
    }
    const fields = body as Record<string, unknown>;
    if (fields.signature_key === undefined) throw new InvalidSignatureError('signature_key is missing');
    const [orderId, statusCode, grossAmount, signature] = [
      fields.order_id,
      fields.status_code,
      fields.gross_amount,
      fields.signature_key,
    ];
    if (typeof orderId !== 'string' || typeof statusCode !== 'string' || typeof grossAmount !== 'string') {
      throw new InvalidNotificationError('order_id, status_code and gross_amount must be strings');
    }
    if (
      typeof signature !== 'string' ||
      !signatureMatches({ orderId, statusCode, grossAmount }, signature, serverKey)
    ) {
      throw new InvalidSignatureError('signature_key does not match this notification');
    }
    const payment = ORDER_ID.test(orderId) ? await this.store.findByOrderId(orderId) : null;
    if (!payment) throw new PaymentNotFoundError(orderId);
    if (parseGrossAmount(grossAmount) !== payment.amount) throw new AmountMismatchError(orderId, payment.amount);
    return payment;
  }

  private async handle(payment: Payment, body: unknown): Promise<'applied' | 'unchanged'> {
    let status;
    try {
      status = parseProviderStatus(body);
    } catch (error) {
      if (error instanceof MalformedStatusError) throw new InvalidNotificationError(error.message);
      throw error;
    }
    if (this.verifyStatus) {
      // The notification only says "look now": Midtrans' own answer is the authority.
      try {
        const fresh = await this.gateway.status(payment.orderId);
        if (!fresh) return 'unchanged';
        if (fresh.grossAmount !== payment.amount) throw new AmountMismatchError(payment.orderId, payment.amount);
        status = fresh;
      } catch (error) {
        if (error instanceof MidtransUnavailableError) throw new PaymentStatusUnavailableError(payment.orderId);
        throw error;
      }
    }
    const applied = await this.statuses.apply(payment, status, 'notification');
    return applied.changed ? 'applied' : 'unchanged';
  }

  private async record(delivery: Delivery, body: unknown): Promise<string> {
    const orderId = (body as { order_id?: unknown } | null)?.order_id;
    const [{ id }] = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO payment_notifications (order_id, raw_body, headers) VALUES ($1, $2, $3) RETURNING id`,
      [typeof orderId === 'string' ? storable(orderId).slice(0, 100) : null, delivery.rawBody, delivery.headers],
    );
    return id;
  }

  /** The delivery's outcome, and on the payment when this notification came from it. */
  private async finish(id: string, outcome: string, payment?: Payment, detail?: string): Promise<void> {
    await this.dataSource.query(
      `WITH delivery AS (
         UPDATE payment_notifications SET outcome = $2, detail = $3, payment_id = $4 WHERE id = $1)
       UPDATE payments SET last_notification_at = now() WHERE id = $4`,
      [id, outcome.slice(0, 32), detail ? storable(detail).slice(0, 500) : null, payment?.id ?? null],
    );
  }
}

/** Midtrans' order_id alphabet (and our column's): anything else cannot be one of our payments. */
const ORDER_ID = /^[A-Za-z0-9._~-]{1,50}$/;

/** PostgreSQL text cannot hold NUL, and control characters are noise in a log of deliveries. */
const storable = (text: string) => text.replace(/\p{Cc}/gu, '?');

/** The body as JSON, or undefined when it is not JSON at all (authenticate then refuses it). */
function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
