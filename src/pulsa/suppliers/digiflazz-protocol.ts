import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { SupplierAnswer } from './supplier.types';

/** The `data` of a Digiflazz transaction answer or callback; every field may be missing. */
export interface DigiflazzData {
  ref_id?: unknown;
  customer_no?: unknown;
  buyer_sku_code?: unknown;
  message?: unknown;
  status?: unknown;
  rc?: unknown;
  sn?: unknown;
  price?: unknown;
}

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** md5(username + key + ref_id), lowercase hex: the `sign` of a transaction request. */
export const transactionSign = (username: string, apiKey: string, refId: string) =>
  createHash('md5').update(`${username}${apiKey}${refId}`).digest('hex');

/** `sha1=<hex>` of the raw body with the webhook secret, compared in constant time. */
export function validHubSignature(rawBody: Buffer, header: string | undefined, secret: string): boolean {
  const match = /^sha1=([0-9a-f]{40})$/i.exec(header?.trim() ?? '');
  if (!match) return false;
  const expected = createHmac('sha1', secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(match[1], 'hex'));
}

/**
 * What an answer means, by `rc` (Digiflazz says the status text may lag behind it): 00 success,
 * 03 and 99 pending, anything else failed, 01 (their timeout) included. 40-49 are request errors:
 * on the first send they prove no transaction was made, so it fails at once; on a re-check they
 * say nothing about the original request (which may well exist), so it stays pending.
 */
export function interpretDigiflazz(data: DigiflazzData, firstSend: boolean): SupplierAnswer {
  const rc = text(data.rc);
  const message = text(data.message).slice(0, 300) || undefined;
  if (rc === '00') return { status: 'success', sn: text(data.sn).slice(0, 100) || '-', rc, message };
  if (rc === '03' || rc === '99') return { status: 'pending', rc, message };
  const requestError = /^4\d$/.test(rc);
  if (requestError && !firstSend) return { status: 'pending', rc, message };
  const why = requestError ? 'ditolak supplier' : 'gagal di supplier';
  return { status: 'failed', reason: `${message ?? why} (rc ${rc})`.slice(0, 300), rc, message };
}

/** The `data` object of a body, or null when the body is not a Digiflazz answer at all. */
export function digiflazzData(body: unknown): DigiflazzData | null {
  if (typeof body !== 'object' || body === null || !('data' in body)) return null;
  const { data } = body;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const { rc } = data as DigiflazzData;
  return typeof rc === 'string' && /^\d{2}$/.test(rc) ? data : null;
}
