import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * helmet's headers with its default policy, worked out once: they are the same for every answer
 * (no nonce), so running its fifteen middlewares per request would only repeat the same work.
 */
export function securityHeaders(): Record<string, string> {
  const headers = new Map<string, string>();
  const response = {
    setHeader: (name: string, value: unknown) => headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  };
  let failed: unknown;
  helmet()({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    failed = error;
  });
  if (failed !== undefined || headers.size === 0) throw new Error(`helmet gave no headers: ${String(failed)}`);
  return Object.fromEntries(headers);
}
