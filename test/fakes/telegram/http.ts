import { IncomingMessage, request, ServerResponse } from 'node:http';

export type Params = Record<string, unknown>;

// An error answered the way the Bot API does: {ok:false, error_code, description, parameters?}.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
    readonly parameters?: { retry_after: number },
  ) {
    super(description);
  }
}

export const badRequest = (what: string) => new ApiError(400, `Bad Request: ${what}`);
export const conflict = (what: string) => new ApiError(409, `Conflict: ${what}`);

export const isObject = (value: unknown): value is Params =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export async function readBody(stream: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// telegraf sends JSON (multipart only when uploading files); curl and other clients use query or form fields.
export async function readParams(req: IncomingMessage, query: URLSearchParams): Promise<Params> {
  const params: Params = Object.fromEntries(query);
  const raw = await readBody(req);
  if (raw.length === 0) return params;
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return { ...params, ...Object.fromEntries(new URLSearchParams(raw)) };
  }
  if (!type.startsWith('application/json')) throw badRequest(`the fake does not read ${type || 'untyped'} bodies`);
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw badRequest("can't parse JSON object");
  }
  if (!isObject(body)) throw badRequest('request body must be a JSON object');
  return { ...params, ...body };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

// Form and query fields arrive as strings, JSON fields as numbers, booleans and objects: read both.
export function optInt(params: Params, key: string): number | undefined {
  const value = params[key];
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) throw badRequest(`${key} must be an integer`);
  return number;
}

export function int(params: Params, key: string): number {
  const value = optInt(params, key);
  if (value === undefined) throw badRequest(`${key} is empty`);
  return value;
}

export function optStr(params: Params, key: string): string | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw badRequest(`${key} must be a string`);
}

export function bool(params: Params, key: string): boolean {
  const value = params[key];
  return value === true || value === 'true' || value === '1';
}

export function optJson<T>(params: Params, key: string): T | undefined {
  const value = params[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return value as T;
  try {
    return JSON.parse(value) as T;
  } catch {
    throw badRequest(`can't parse ${key} JSON object`);
  }
}

export interface HttpAnswer {
  status: number;
  body: string;
}

// No connection pooling, so nothing is left open when a test ends. http only: webhooks in tests are local.
export function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent: false, signal, headers: { 'content-type': 'application/json', ...headers } },
      (res) => void readBody(res).then((text) => resolve({ status: res.statusCode ?? 0, body: text }), reject),
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
