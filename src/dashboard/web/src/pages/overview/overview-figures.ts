import { date, rupiah } from '../../ui/format';

export const BOOKING_STATUS_LABELS = {
  awaiting_payment: 'Menunggu bayar',
  confirmed: 'Terkonfirmasi',
  in_progress: 'Dikerjakan',
  done: 'Selesai',
  picked_up: 'Diambil',
  cancelled: 'Dibatalkan',
  expired: 'Kedaluwarsa',
} as const;

/** `19 Agu` for a chart's axis. */
export const dayLabel = (day: string) => date(day).split(' ').slice(0, 2).join(' ');

/**
 * Rupiah for drawing only: a chart needs numbers, and a day's total stays far below 2^53 rupiah.
 * Every figure a person reads is formatted from the API's string.
 */
export const toNumber = (amount: string) => Number(amount);

/** An axis label: Rp1,2 jt rather than Rp1.200.000. */
export function rupiahAxis(value: number): string {
  if (Math.abs(value) >= 1_000_000)
    return `Rp${(value / 1_000_000).toLocaleString('id-ID', { maximumFractionDigits: 1 })} jt`;
  if (Math.abs(value) >= 1_000) return `Rp${(value / 1_000).toLocaleString('id-ID', { maximumFractionDigits: 1 })} rb`;
  return rupiah(Math.round(value));
}
