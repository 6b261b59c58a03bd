import { IncomingHttpHeaders, IncomingMessage, request as httpRequest, ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';

export async function readBody(stream: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// undefined for an empty body; the raw text for one that is not JSON (the handlers then refuse it).
export function parseJson(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

// Midtrans authenticates with HTTP Basic: the server key as user name and an empty password.
export function hasServerKey(headers: IncomingHttpHeaders, serverKey: string): boolean {
  const [scheme, encoded] = (headers.authorization ?? '').split(' ');
  if (scheme?.toLowerCase() !== 'basic' || !encoded) return false;
  return Buffer.from(encoded, 'base64').toString('utf8') === `${serverKey}:`;
}

export interface HttpAnswer {
  status: number;
  body: unknown;
  headers: IncomingHttpHeaders;
}

// No connection pooling, so nothing stays open after a test.
export function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<HttpAnswer> {
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers }, (res) => {
      readBody(res).then(
        (text) => resolve({ status: res.statusCode ?? 0, body: parseJson(text), headers: res.headers }),
        reject,
      );
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
