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
};

export function sentenceFor(error: DomainError): string {
  return SENTENCES[error.code] ?? `Maaf, permintaan tidak bisa diproses: ${error.message}`;
}

export const NOT_TEXT = 'Maaf, saya hanya mengerti pesan teks. Ketik /help untuk daftar perintah.';
export const TOO_LONG = 'Pesan Anda terlalu panjang. Kirim perintah yang singkat, atau ketik /help.';
export const UNKNOWN_COMMAND = 'Perintah tidak dikenal. Ketik /help untuk daftar perintah.';
export const NOT_UNDERSTOOD = 'Maaf, saya tidak mengerti. Ketik /help untuk daftar perintah.';
export const NOT_ALLOWED = 'Perintah ini tidak tersedia untuk akun Anda. Ketik /help untuk daftar perintah.';
export const SOMETHING_WENT_WRONG = 'Maaf, terjadi kesalahan di sistem kami. Silakan coba lagi sebentar lagi.';
