import { DomainError } from '../../common/errors/domain-error';

// What the bot says when a rule stops a request: the same codes the API returns, in Bahasa Indonesia.
const SENTENCES: Record<string, string> = {
  INSUFFICIENT_FUNDS: 'Saldo Anda tidak cukup.',
  INVALID_AMOUNT: 'Jumlahnya tidak valid. Tulis angka rupiah tanpa titik, misalnya 50000.',
  AMOUNT_TOO_LARGE: 'Jumlahnya melebihi batas transaksi.',
  RECIPIENT_NOT_FOUND: 'Pengguna itu tidak ditemukan. Periksa lagi username-nya.',
  USER_NOT_FOUND: 'Pengguna itu tidak ditemukan. Periksa lagi username-nya.',
  SELF_TRANSFER: 'Anda tidak bisa mengirim uang ke diri sendiri.',
  SELF_BILL: 'Anda tidak bisa menagih diri sendiri.',
  BILL_NOT_FOUND: 'Tagihan tidak ditemukan.',
  BILL_NOT_UNPAID: 'Tagihan itu sudah dibayar, dibatalkan atau ditolak.',
  LINK_CODE_INVALID: 'Kode tautan tidak berlaku, sudah dipakai atau kedaluwarsa. Minta kode baru dari aplikasi Loket.',
  CHAT_ALREADY_LINKED: 'Chat ini sudah terhubung ke akun Loket lain. Ketik /unlink dulu.',
  IDEMPOTENCY_CONFLICT: 'Permintaan ini bentrok dengan permintaan sebelumnya.',
  TOPUP_TOO_SMALL: 'Top up minimal {minimum}.',
  TOO_MANY_PENDING_PAYMENTS:
    'Masih ada beberapa pembayaran yang belum selesai. Selesaikan atau tunggu sampai kedaluwarsa dulu.',
  PAYMENT_PROVIDER_ERROR:
    'Tautan pembayaran belum bisa dibuat karena Midtrans sedang bermasalah. Coba lagi sebentar lagi.',
  PAYMENTS_DISABLED: 'Pembayaran online belum diaktifkan di Loket ini.',
  DATABASE_UNAVAILABLE: 'Sistem sedang sibuk. Coba lagi sebentar lagi.',
};

export function sentenceFor(error: DomainError): string {
  const sentence = SENTENCES[error.code];
  if (!sentence) return `Maaf, permintaan tidak bisa diproses: ${error.message}`;
  return sentence.replace(/\{(\w+)\}/g, (_, name: string) => error.params?.[name] ?? '');
}

export const NOT_TEXT = 'Maaf, saya hanya mengerti pesan teks. Ketik /help untuk daftar perintah.';
export const TOO_LONG = 'Pesan Anda terlalu panjang. Kirim perintah yang singkat, atau ketik /help.';
export const UNKNOWN_COMMAND = 'Perintah tidak dikenal. Ketik /help untuk daftar perintah.';
export const NOT_UNDERSTOOD = 'Maaf, saya tidak mengerti. Ketik /help untuk daftar perintah.';
export const NOT_ALLOWED = 'Perintah ini tidak tersedia untuk akun Anda. Ketik /help untuk daftar perintah.';
export const SOMETHING_WENT_WRONG = 'Maaf, terjadi kesalahan di sistem kami. Silakan coba lagi sebentar lagi.';
