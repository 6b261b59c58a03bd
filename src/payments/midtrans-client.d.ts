// midtrans-client 1.4.3 ships no types and @types/midtrans-client is not installed: the little of
// it that MidtransGateway uses, as its source (lib/*.js) has it.
declare module 'midtrans-client' {
  interface ClientOptions {
    isProduction: boolean;
    serverKey: string;
    clientKey?: string;
  }

  interface ApiConfig {
    getSnapApiBaseUrl(): string;
    getCoreApiBaseUrl(): string;
  }

  interface HttpClient {
    /** The axios instance every call goes through. */
    http_client: { defaults: { timeout?: number } };
  }

  type Json = Record<string, unknown>;

  interface Transaction {
    status(orderId: string): Promise<Json>;
    refund(orderId: string, parameter: Json): Promise<Json>;
  }

  export class Snap {
    constructor(options: ClientOptions);
    apiConfig: ApiConfig;
    httpClient: HttpClient;
    createTransaction(parameter: Json): Promise<{ token: string; redirect_url: string }>;
  }

  export class CoreApi {
    constructor(options: ClientOptions);
    apiConfig: ApiConfig;
    httpClient: HttpClient;
    transaction: Transaction;
  }

  export class MidtransError extends Error {
    /** A number for an HTTP error, a string for an error in a 200 body ("404"), null for no answer. */
    httpStatusCode: number | string | null;
    ApiResponse: unknown;
    rawHttpClientData: unknown;
  }
}
