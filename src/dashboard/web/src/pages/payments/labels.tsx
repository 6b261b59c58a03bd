import type { components } from '../../api/schema';

export type PaymentStatus = components['schemas']['AdminPaymentSummaryResponse']['status'];

/** Every status, in the order a payment usually moves through them. */
export const STATUSES: { value: PaymentStatus; label: string; tone: '' | 'ok' | 'warn' | 'bad' }[] = [
  { value: 'pending', label: 'Menunggu', tone: 'warn' },
  { value: 'paid', label: 'Dibayar', tone: 'ok' },
  { value: 'partially_refunded', label: 'Dikembalikan sebagian', tone: 'warn' },
  { value: 'refunded', label: 'Dikembalikan', tone: '' },
  { value: 'refunded_offline', label: 'Dikembalikan di luar Midtrans', tone: '' },
  { value: 'failed', label: 'Gagal', tone: 'bad' },
  { value: 'expired', label: 'Kedaluwarsa', tone: '' },
  { value: 'reversed', label: 'Dibatalkan bank', tone: 'bad' },
  { value: 'reversal_review', label: 'Perlu ditinjau', tone: 'bad' },
];

/** The purposes Loket registers with payments; the API takes any purpose name. */
export const PURPOSES: { value: string; label: string; account: (owner: string) => string }[] = [
  { value: 'wallet_topup', label: 'Isi saldo dompet', account: (owner) => `saldo dompet ${owner}` },
  { value: 'reservation', label: 'Reservasi servis', account: () => 'pendapatan servis' },
  { value: 'pulsa_deposit', label: 'Deposit agen pulsa', account: (owner) => `saldo dompet ${owner}` },
];

export function purposeLabel(purpose: string): string {
  return PURPOSES.find((p) => p.value === purpose)?.label ?? purpose;
}

/** The ledger account a refund or reversal of this purpose takes the money from, in words. */
export function refundSource(purpose: string, owner: string): string {
  return PURPOSES.find((p) => p.value === purpose)?.account(owner) ?? `akun tujuan ${purpose}`;
}

export function StatusBadge({ status }: { status: string }) {
  const known = STATUSES.find((s) => s.value === status);
  return <span className={`badge ${known?.tone ?? ''}`.trim()}>{known?.label ?? status}</span>;
}

const SOURCES: Record<string, string> = {
  checkout: 'Checkout',
  notification: 'Notifikasi Midtrans',
  reconciler: 'Pengecekan otomatis',
  admin: 'Admin',
};

export function sourceLabel(source: string): string {
  return SOURCES[source] ?? source;
}

/** A stored notification's fate: applied, unchanged, or refused with the error code (lower case). */
export function notificationOutcome(outcome: string): { label: string; tone: 'ok' | '' | 'bad' } {
  if (outcome === 'applied') return { label: 'Diterima: status berubah', tone: 'ok' };
  if (outcome === 'unchanged') return { label: 'Diterima: tidak mengubah apa pun', tone: '' };
  return { label: `Ditolak (${outcome.toUpperCase()})`, tone: 'bad' };
}

const REFUND_STATUSES: Record<string, { label: string; tone: '' | 'ok' | 'warn' | 'bad' }> = {
  pending: { label: 'Ditahan, menunggu Midtrans', tone: 'warn' },
  succeeded: { label: 'Berhasil', tone: 'ok' },
  refused: { label: 'Ditolak Midtrans', tone: 'bad' },
};

export function RefundBadge({ status }: { status: string }) {
  const known = REFUND_STATUSES[status];
  return <span className={`badge ${known?.tone ?? ''}`.trim()}>{known?.label ?? status}</span>;
}
