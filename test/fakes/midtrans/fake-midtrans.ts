import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpAnswer, parseJson, postJson, readBody, sendJson, hasServerKey } from './http';
import { Fields, notificationFor, PayMethod } from './notifications';
import { answer, Endpoint, Failure, injected, notFoundRoute, routeOf, RouteContext, unauthorized } from './routes';
import { PayOptions, Transactions } from './transactions';

export type { Endpoint, Failure } from './routes';
export type { PayOptions } from './transactions';
export type { PayMethod } from './notifications';

export interface FakeMidtransOptions {
  serverKey: string;
  // How GET status answers a transaction that does not exist (yet): HTTP 404, or HTTP 200 with status_code "404".
  statusNotFoundAs?: 'http404' | 'body404';
}

export interface RecordedRequest {
  method: string;
  path: string;
  endpoint?: Endpoint;
  headers: IncomingHttpHeaders;
  body: unknown;
  rawBody: string;
  at: Date;
}

export interface Delivery {
  url: string;
  rawBody: string;
  at: Date;
  status?: number;
  error?: string;
}

export interface DeliverOptions {
  // Sent verbatim instead of the JSON of `body` (odd spacing, invalid JSON).
  rawBody?: string;
  // Replaces signature_key; null leaves it out.
  signature?: string | null;
}

const NOTIFICATION_TIMEOUT_MS = 15_000;

// Midtrans' Snap and Core API on 127.0.0.1, for tests: point MIDTRANS_SNAP_URL at snapUrl and
// MIDTRANS_API_URL at apiUrl. It keeps its transactions in memory and records every request.
export class FakeMidtrans {
  readonly requests: RecordedRequest[] = [];
  readonly deliveries: Delivery[] = [];
  statusNotFoundAs: 'http404' | 'body404';
  private readonly transactions = new Transactions();
  private failures: { endpoint: Endpoint; failure: Failure }[] = [];

  private constructor(
    private readonly server: Server,
    private readonly serverKey: string,
    options: FakeMidtransOptions,
  ) {
    this.statusNotFoundAs = options.statusNotFoundAs ?? 'http404';
  }

  static async start(options: FakeMidtransOptions): Promise<FakeMidtrans> {
    const server = createServer();
    const fake = new FakeMidtrans(server, options.serverKey, options);
    // A client that gives up mid-request leaves nothing to answer.
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      fake.handle(req, res).catch(() => res.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  // midtrans-client appends /transactions.
  get snapUrl(): string {
    return `${this.apiUrl}/snap/v1`;
  }

  // The request bodies of Snap orders created, by order_id.
  get snapOrders(): ReadonlyMap<string, Fields> {
    return this.transactions.snapOrders;
  }

  // Closes kept-alive and held (hung) connections too, so no test waits on them.
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  failNext(endpoint: Endpoint, failure: Failure): void {
    this.failures.push({ endpoint, failure });
  }

  requestsTo(endpoint: Endpoint): RecordedRequest[] {
    return this.requests.filter((r) => r.endpoint === endpoint);
  }

  // The customer picks a method on the Snap page (and pays, unless `pending`). Returns the notification
  // Midtrans would send for the new state.
  pay(orderId: string, method: PayMethod, options?: PayOptions): Fields {
    return notificationFor(this.transactions.pay(orderId, method, options), this.serverKey);
  }

  // Any transaction_status, e.g. deny after settlement (a bank reversal). `extra` fields (fraud_status,
  // settlement_time, ...) show in the status API and in notifications from now on.
  setStatus(orderId: string, transactionStatus: string, extra?: Fields): Fields {
    return notificationFor(this.transactions.setStatus(orderId, transactionStatus, extra), this.serverKey);
  }

  // What Midtrans would POST for the transaction now; overrides are signed too unless they set signature_key.
  notification(orderId: string, overrides?: Fields): Fields {
    const payment = this.transactions.find(orderId);
    if (!payment) throw new Error(`notification: no transaction for ${orderId} (pay() first)`);
    return notificationFor(payment, this.serverKey, overrides);
  }

  // POSTs as Midtrans does: JSON, no authentication headers, 15 s for an answer.
  async deliver(url: string, body: Fields, options: DeliverOptions = {}): Promise<HttpAnswer> {
    const fields = { ...body };
    if (options.signature === null) delete fields.signature_key;
    else if (options.signature !== undefined) fields.signature_key = options.signature;
    const rawBody = options.rawBody ?? JSON.stringify(fields);
    const delivery: Delivery = { url, rawBody, at: new Date() };
    this.deliveries.push(delivery);
    const headers = { 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'Veritrans' };
    try {
      const result = await postJson(url, rawBody, headers, NOTIFICATION_TIMEOUT_MS);
      delivery.status = result.status;
      return result;
    } catch (error) {
      delivery.error = error instanceof Error ? error.message : String(error);
      throw error;
    }
  }

  reset(): void {
    this.transactions.clear();
    this.requests.length = 0;
    this.deliveries.length = 0;
    this.failures = [];
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const route = routeOf(method, path);
    const body = parseJson(rawBody);
    this.requests.push({
      method,
      path,
      endpoint: route?.endpoint,
      headers: req.headers,
      body,
      rawBody,
      at: new Date(),
    });
    if (!route) return sendJson(res, 404, notFoundRoute().body);
    if (!hasServerKey(req.headers, this.serverKey)) {
      const refused = unauthorized(route.endpoint);
      return sendJson(res, refused.status, refused.body);
    }
    const failure = this.takeFailure(route.endpoint);
    if (failure && 'hang' in failure) {
      if (failure.applied) answer(route, body, this.context());
      return;
    }
    const result = failure ? injected(route.endpoint, failure) : answer(route, body, this.context());
    sendJson(res, result.status, result.body);
  }

  private takeFailure(endpoint: Endpoint): Failure | undefined {
    const index = this.failures.findIndex((f) => f.endpoint === endpoint);
    if (index < 0) return undefined;
    return this.failures.splice(index, 1)[0].failure;
  }

  private context(): RouteContext {
    return {
      transactions: this.transactions,
      serverKey: this.serverKey,
      origin: this.apiUrl,
      statusNotFoundAs: this.statusNotFoundAs,
    };
  }
}
