import { randomUUID } from 'node:crypto';
import { Answer, NOT_FOUND, Transactions } from './transactions';

export type Endpoint = 'snap' | 'status' | 'refund' | 'cancel' | 'expire';

export type Failure =
  // An HTTP error; without a body, the one Midtrans sends for that status.
  | { status: number; body?: unknown }
  // HTTP 200 carrying an error status_code, as the Core API reports most errors.
  | { bodyStatusCode: string; message?: string }
  // Accept the request and never answer (client timeouts); `applied` first does what was asked,
  // as when Midtrans refunded but the answer was lost.
  | { hang: true; applied?: boolean };

export interface Route {
  endpoint: Endpoint;
  id?: string;
}

export interface RouteContext {
  transactions: Transactions;
  serverKey: string;
  origin: string;
  statusNotFoundAs: 'http404' | 'body404';
}

const RECOVERING = 'Sorry. Our system is recovering from unexpected issues. Please retry.';

export function routeOf(method: string, path: string): Route | undefined {
  const pathname = path.split('?')[0];
  if (method === 'POST' && pathname === '/snap/v1/transactions') return { endpoint: 'snap' };
  const core = /^\/v2\/([^/]+)\/(status|refund|cancel|expire)$/.exec(pathname);
  if (!core) return undefined;
  const endpoint = core[2] as Endpoint;
  if ((endpoint === 'status') !== (method === 'GET')) return undefined;
  return { endpoint, id: decodeURIComponent(core[1]) };
}

export function unauthorized(endpoint: Endpoint): Answer {
  if (endpoint === 'snap') {
    const messages = ['Access denied due to unauthorized transaction, please check client or server key'];
    return { status: 401, body: { error_messages: messages } };
  }
  const message = 'Transaction cannot be authorized with the current client/server key.';
  return { status: 401, body: { status_code: '401', status_message: message, id: randomUUID() } };
}

export function notFoundRoute(): Answer {
  return { status: 404, body: { status_code: '404', status_message: 'The requested resource is not found' } };
}

export function injected(endpoint: Endpoint, failure: Exclude<Failure, { hang: true }>): Answer {
  if ('bodyStatusCode' in failure) {
    return {
      status: 200,
      body: { status_code: failure.bodyStatusCode, status_message: failure.message ?? RECOVERING },
    };
  }
  if (failure.body !== undefined) return { status: failure.status, body: failure.body };
  const message = failure.status >= 500 ? RECOVERING : `Injected HTTP ${failure.status}`;
  const body =
    endpoint === 'snap'
      ? { error_messages: [message] }
      : { status_code: String(failure.status), status_message: message, id: randomUUID() };
  return { status: failure.status, body };
}

export function answer(route: Route, body: unknown, ctx: RouteContext): Answer {
  const { transactions } = ctx;
  const id = route.id ?? '';
  switch (route.endpoint) {
    case 'snap': {
      if (typeof body !== 'object' || body === null) {
        return { status: 400, body: { error_messages: ['request body must be a JSON object'] } };
      }
      const created = transactions.createSnap(body);
      if ('errors' in created) return { status: 400, body: { error_messages: created.errors } };
      const token = randomUUID();
      return { status: 201, body: { token, redirect_url: `${ctx.origin}/snap/v4/redirection/${token}` } };
    }
    case 'status': {
      const payment = transactions.find(id);
      if (payment) return { status: 200, body: transactions.status(payment, ctx.serverKey) };
      // Midtrans answers an unknown transaction either way; Loket must take both as "not found".
      const notFound = { ...NOT_FOUND, id: randomUUID() };
      return { status: ctx.statusNotFoundAs === 'http404' ? 404 : 200, body: notFound };
    }
    case 'refund':
      return transactions.refund(id, body);
    case 'cancel':
      return transactions.cancel(id);
    case 'expire':
      return transactions.expire(id);
  }
}
