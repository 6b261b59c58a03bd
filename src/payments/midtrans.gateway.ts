import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CoreApi, MidtransError, Snap } from 'midtrans-client';
import type { MidtransConfig, ResolvedConfig } from '../config/loket.config';
import { MalformedStatusError, parseProviderStatus, ProviderStatus } from './midtrans-status';
import { LineItem } from './payment.types';
import { PaymentsDisabledError } from './payments.errors';

/** Midtrans answered with a definite no (a 4xx, in the HTTP status or in a 200 body). */
export class MidtransRefusedError extends Error {
  constructor(
    readonly statusCode: number,
    readonly reason: string,
  ) {
    super(`Midtrans refused (${statusCode}): ${reason}`);
  }
}

/** No answer, a timeout or a 5xx: Midtrans may or may not have done it. */
export class MidtransUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`Midtrans did not answer usefully: ${reason}`);
  }
}

export interface SnapOrder {
  orderId: string;
  amount: bigint;
  items: LineItem[];
  customer: { firstName: string; email?: string | null; phone?: string | null };
  startsAt: Date;
  expiresInMinutes: number;
  finishUrl?: string;
}

const JAKARTA_OFFSET_MS = 7 * 3600_000;

/** "2026-11-22 14:05:00 +0700", the only time format Snap's expiry takes. */
export const jakartaTime = (at: Date) =>
  `${new Date(at.getTime() + JAKARTA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ')} +0700`;

/**
 * The only code that touches midtrans-client: points it at the configured hosts, gives it a
 * timeout (it has none), and turns its MidtransError (whose httpStatusCode is a number, a string
 * from a 200 body, or null) into MidtransRefusedError or MidtransUnavailableError.
 */
@Injectable()
export class MidtransGateway {
  private readonly logger = new Logger(MidtransGateway.name);
  private readonly clients?: { snap: Snap; core: CoreApi };

  constructor(config: ConfigService<ResolvedConfig, true>) {
    const midtrans = config.get('payments', { infer: true }).midtrans;
    if (midtrans)
      this.clients = {
        snap: configure(new Snap(options(midtrans)), midtrans),
        core: configure(new CoreApi(options(midtrans)), midtrans),
      };
  }

  get enabled(): boolean {
    return this.clients !== undefined;
  }

  async createSnap(order: SnapOrder): Promise<{ token: string; redirectUrl: string }> {
    const body: Record<string, unknown> = {
      transaction_details: { order_id: order.orderId, gross_amount: Number(order.amount) },
      item_details: order.items.map((i) => ({ id: i.id, name: i.name, price: Number(i.price), quantity: i.quantity })),
      customer_details: {
        first_name: order.customer.firstName,
        ...(order.customer.email ? { email: order.customer.email } : {}),
        ...(order.customer.phone ? { phone: order.customer.phone } : {}),
      },
      expiry: { start_time: jakartaTime(order.startsAt), unit: 'minute', duration: order.expiresInMinutes },
      ...(order.finishUrl ? { callbacks: { finish: order.finishUrl } } : {}),
    };
    const answer = await this.call('snap create', order.orderId, () => this.client().snap.createTransaction(body));
    if (typeof answer?.token !== 'string' || typeof answer.redirect_url !== 'string') {
      throw new MidtransUnavailableError('Snap answered without a token');
    }
    return { token: answer.token, redirectUrl: answer.redirect_url };
  }

  /** The transaction's state from the Core API; null when Midtrans has none (a Snap order with no method chosen). */
  async status(orderId: string): Promise<ProviderStatus | null> {
    try {
      const answer = await this.call('status', orderId, () => this.client().core.transaction.status(orderId));
      return parseProviderStatus(answer);
    } catch (error) {
      if (error instanceof MidtransRefusedError && error.statusCode === 404) return null;
      if (error instanceof MidtransRefusedError || error instanceof MalformedStatusError) {
        throw new MidtransUnavailableError(error.message);
      }
      throw error;
    }
  }

  /** Refunds `amount`; the same refundKey again never refunds twice (Midtrans answers 406 for it). */
  async refund(orderId: string, refund: { refundKey: string; amount: bigint; reason: string }): Promise<void> {
    const body = { refund_key: refund.refundKey, amount: Number(refund.amount), reason: refund.reason };
    try {
      await this.call('refund', orderId, () => this.client().core.transaction.refund(orderId, body));
    } catch (error) {
      // 406: this refund_key was used already, i.e. this very refund went through before.
      if (error instanceof MidtransRefusedError && error.statusCode === 406) return;
      throw error;
    }
  }

  private client(): { snap: Snap; core: CoreApi } {
    if (!this.clients) throw new PaymentsDisabledError();
    return this.clients;
  }

  private async call<T>(what: string, orderId: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      const mapped = classify(error);
      this.logger.warn(`Midtrans ${what} for ${orderId}: ${mapped.message}`);
      throw mapped;
    }
  }
}

function options(midtrans: MidtransConfig) {
  return { isProduction: midtrans.isProduction, serverKey: midtrans.serverKey, clientKey: midtrans.clientKey };
}

function configure<C extends Snap | CoreApi>(client: C, midtrans: MidtransConfig): C {
  client.apiConfig.getSnapApiBaseUrl = () => midtrans.snapUrl;
  client.apiConfig.getCoreApiBaseUrl = () => midtrans.apiUrl;
  client.httpClient.http_client.defaults.timeout = midtrans.timeoutMs;
  return client;
}

/** Never passes rawHttpClientData on: it holds the request, with the server key in its auth. */
function classify(error: unknown): MidtransRefusedError | MidtransUnavailableError {
  if (!(error instanceof MidtransError)) {
    return new MidtransUnavailableError(error instanceof Error ? error.message : String(error));
  }
  const status = error.httpStatusCode === null ? NaN : Number(error.httpStatusCode);
  const reason =
    reasonOf(error.ApiResponse) ?? (Number.isNaN(status) ? 'no answer (timeout or network)' : `HTTP ${status}`);
  if (Number.isNaN(status) || status >= 500) return new MidtransUnavailableError(reason);
  return new MidtransRefusedError(status, reason);
}

function reasonOf(response: unknown): string | null {
  if (!response || typeof response !== 'object') return null;
  const { error_messages: messages, status_message: message } = response as Record<string, unknown>;
  if (Array.isArray(messages) && messages.length > 0) return messages.map(String).join('; ').slice(0, 400);
  return typeof message === 'string' ? message.slice(0, 400) : null;
}
