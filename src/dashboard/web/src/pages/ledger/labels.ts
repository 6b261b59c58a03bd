import type { components } from '../../api/schema';

export type User = components['schemas']['UserProfileResponse'];
export type Role = User['role'];
export type Account = components['schemas']['AccountResponse'];
export type Journal = components['schemas']['JournalResponse'];

export const ROLES: { value: Role; label: string }[] = [
  { value: 'customer', label: 'Pelanggan' },
  { value: 'agent', label: 'Agen' },
  { value: 'admin', label: 'Admin' },
];

export const roleLabel = (role: string): string => ROLES.find((r) => r.value === role)?.label ?? role;

const SYSTEM_ACCOUNTS: Record<string, string> = {
  'system:cash': 'Kas',
  'system:midtrans_clearing': 'Kliring Midtrans',
  'system:supplier_payable': 'Utang ke pemasok pulsa',
  'system:revenue:pulsa': 'Pendapatan pulsa',
  'system:revenue:service': 'Pendapatan servis',
};

/** What an account is, for a person: "Kas", "Dompet pengguna". */
export function accountLabel(code: string): string {
  if (code.startsWith('wallet:')) return 'Dompet pengguna';
  return SYSTEM_ACCOUNTS[code] ?? 'Akun sistem';
}

export const walletCode = (userId: string) => `wallet:${userId}`;

/** The dashboard path of an account's page (codes carry colons, so they are encoded). */
export const accountPath = (code: string) => `/pengguna/akun/${encodeURIComponent(code)}`;
export const journalPath = (id: string) => `/pengguna/jurnal/${id}`;
/** The users list searched for one username (a prefix search: it shows them first among few). */
export const userSearchPath = (username: string) => `/pengguna?cari=${encodeURIComponent(username)}`;

const KINDS: Record<string, string> = {
  transfer: 'Transfer',
  bill_payment: 'Bayar tagihan',
  topup: 'Isi saldo',
  deposit: 'Deposit agen',
  pulsa_purchase: 'Pembelian pulsa',
  reservation_payment: 'Bayar reservasi',
  refund: 'Pengembalian dana',
  reversal: 'Pembatalan',
  adjustment: 'Penyesuaian',
};

export const kindLabel = (kind: string): string => KINDS[kind] ?? kind;

const CHECKS: Record<string, string> = {
  journal_sums_to_zero: 'Setiap jurnal berjumlah nol',
  journal_has_entries: 'Setiap jurnal punya paling sedikit dua baris',
  entry_has_journal_and_account: 'Setiap baris punya jurnal dan akunnya',
  cached_balance_matches_entries: 'Saldo tersimpan sama dengan jumlah baris',
  last_balance_after_matches: 'Saldo setelah baris terakhir sama dengan saldo akun',
  no_forbidden_negative: 'Tidak ada dompet bersaldo negatif',
  held_matches_pending_holds: 'Dana tertahan sama dengan penahanan yang menunggu',
  committed_hold_has_journal: 'Penahanan yang selesai punya jurnalnya',
};

export const checkLabel = (check: string): string => CHECKS[check] ?? check;
