import type { paths } from '../../api/schema';
import { startOfJakartaDay } from '../../ui/days';
import { STATUSES } from './labels';

export type PaymentListQuery = NonNullable<paths['/api/admin/payments']['get']['parameters']['query']>;

export const PAGE_SIZE = 20;

/** The list's filters as the URL keeps them (`?status=paid&tujuan=wallet_topup&dari=2026-08-01`). */
export const PAYMENT_FILTERS = ['status', 'tujuan', 'pembayar', 'dari', 'sampai'] as const;
/** `dari` and `sampai` are calendar days in Asia/Jakarta, both ends included. */
export type PaymentFilters = Record<(typeof PAYMENT_FILTERS)[number], string>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The API query for the filters: `to` is the start of the day after `sampai`, so that day counts. */
export function listQuery(filters: PaymentFilters, offset: number): PaymentListQuery {
  const query: PaymentListQuery = { limit: PAGE_SIZE, offset };
  const status = STATUSES.find((s) => s.value === filters.status)?.value;
  if (status) query.status = status;
  if (filters.tujuan) query.purpose = filters.tujuan;
  if (filters.pembayar.trim()) query.owner = filters.pembayar.trim();
  if (DAY.test(filters.dari)) query.from = startOfJakartaDay(filters.dari);
  if (DAY.test(filters.sampai)) query.to = startOfJakartaDay(filters.sampai, 1);
  return query;
}
