import { createRequire } from 'node:module';
import type { FakeMidtrans } from './fake-midtrans';

// The real midtrans-client, typed for what tests use. It ships no types and @types/midtrans-client is not
// installed; loading it here avoids a global `declare module` that would clash with the one Loket brings.

export interface ClientOptions {
  isProduction: boolean;
  serverKey: string;
  clientKey: string;
}

type Body = Record<string, any>;

export interface MidtransClient {
  apiConfig: { getSnapApiBaseUrl(): string; getCoreApiBaseUrl(): string };
  // The client's axios instance; it has no timeout of its own.
  httpClient: { http_client: { defaults: { timeout?: number } } };
  transaction: {
    status(id: string): Promise<Body>;
    refund(id: string, params?: Body): Promise<Body>;
    cancel(id: string): Promise<Body>;
    expire(id: string): Promise<Body>;
    // Does not check the signature: GETs the status of the body's transaction_id.
    notification(body: Body | string): Promise<Body>;
  };
}

export interface SnapClient extends MidtransClient {
  createTransaction(params: Body): Promise<{ token: string; redirect_url: string }>;
}

// httpStatusCode: a number for an HTTP error, a string for an error status_code in a 200 body,
// null when no answer came (connection failure, timeout).
export interface MidtransError extends Error {
  httpStatusCode: number | string | null;
  ApiResponse: any;
  rawHttpClientData: unknown;
}

const client = createRequire(__filename)('midtrans-client') as {
  Snap: new (options: ClientOptions) => SnapClient;
  CoreApi: new (options: ClientOptions) => MidtransClient;
  MidtransError: new (message: string) => MidtransError;
};

export const { Snap, CoreApi, MidtransError } = client;

// The client has no base-URL option: replace this instance's URL getters instead.
export function pointAt<C extends MidtransClient>(midtrans: C, fake: FakeMidtrans, timeoutMs = 5_000): C {
  midtrans.apiConfig.getSnapApiBaseUrl = () => fake.snapUrl;
  midtrans.apiConfig.getCoreApiBaseUrl = () => fake.apiUrl;
  midtrans.httpClient.http_client.defaults.timeout = timeoutMs;
  return midtrans;
}
