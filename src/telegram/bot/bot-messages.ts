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
  LINK_IN_GROUP:
    'Akun Loket hanya bisa dihubungkan dari chat pribadi dengan bot, bukan dari grup. Kodenya masih berlaku.',
  CHAT_ALREADY_LINKED: 'Chat ini sudah terhubung ke akun Loket lain. Ketik /unlink dulu.',
  IDEMPOTENCY_CONFLICT: 'Permintaan ini bentrok dengan permintaan sebelumnya.',
  TOPUP_TOO_SMALL: 'Top up minimal {minimum}.',
  TOO_MANY_PENDING_PAYMENTS:
    'Masih ada beberapa pembayaran yang belum selesai. Selesaikan atau tunggu sampai kedaluwarsa dulu.',
  PAYMENT_PROVIDER_ERROR:
    'Tautan pembayaran belum bisa dibuat karena Midtrans sedang bermasalah. Coba lagi sebentar lagi.',
  PAYMENTS_DISABLED: 'Pembayaran online belum diaktifkan di Loket ini.',
  DATABASE_UNAVAILABLE: 'Sistem sedang sibuk. Coba lagi sebentar lagi.',
  SLOT_FULL: 'Maaf, slot penuh. Silahkan pilih jam lain.',
  BOOKING_DATE_REFUSED: '{reason}',
  CATALOGUE_ITEM_UNKNOWN: 'Pilihan itu sudah tidak tersedia. Ketik /order untuk mulai lagi.',
  PART_NOT_OFFERED: 'Sparepart itu tidak tersedia untuk tipe ini. Ketik /order untuk mulai lagi.',
  RESERVATION_NOT_FOUND: 'Maaf, kode booking tidak ditemukan.',
  RESERVATION_NOT_PAYABLE: 'Booking ini tidak menunggu pembayaran.',
  STATUS_MOVE_REFUSED: 'Status booking tidak bisa diubah dari {from} ke {to}.',
  PRODUCT_NOT_FOUND: 'Kode produk tidak dikenal. Ketik HARGA untuk daftar produk.',
  PRODUCT_INACTIVE: 'Produk itu sedang tidak dijual. Ketik HARGA untuk daftar produk.',
  INVALID_DESTINATION: 'Nomor tujuan tidak valid. Tulis 08…, 628… atau +628…, 10-13 angka.',
  WRONG_OPERATOR: 'Nomor tujuan bukan nomor operator produk itu. Periksa kode produk dan nomornya.',
  UNKNOWN_OPERATOR: 'Operator tidak dikenal. Pilih Telkomsel, Indosat, XL, Axis, Tri atau Smartfren.',
  DUPLICATE_PURCHASE: 'Transaksi ganda: produk yang sama ke nomor yang sama sudah diproses.',
  NOT_AN_AGENT: 'Nomor Anda belum terdaftar sebagai agen.',
  PIN_REQUIRED: 'PIN wajib diisi, mis. T10.081234567890.1234',
  PIN_NOT_SET: 'Anda belum punya PIN. Kirim perintah tanpa PIN.',
  INVALID_PIN: 'PIN harus 4-6 angka.',
  WRONG_PIN: 'PIN salah.',
  AGENT_LOCKED: 'Transaksi Anda dikunci karena 5 kali salah PIN. Hubungi admin untuk membukanya.',
  PULSA_TRANSACTION_NOT_FOUND: 'Transaksi tidak ditemukan.',
  TRANSACTION_NOT_PENDING: 'Transaksi itu sudah selesai.',
  DEPOSIT_TOO_SMALL: 'Jumlah deposit di bawah batas minimum.',
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
