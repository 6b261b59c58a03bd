/**
 * A fresh Idempotency-Key. getRandomValues, unlike randomUUID, also works when the dashboard is
 * opened over plain http on the shop's network (not a secure context).
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `dash-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
