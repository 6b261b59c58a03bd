/**
 * The pulsa command grammar, shared by every channel (Telegram, POST /api/pulsa/messages):
 * case-insensitive, `.`-separated, no leading `/` (except /help). Pure: no database, no rules
 * about agents; the service decides whether a PIN is needed or right.
 */
export type PulsaCommand =
  | { kind: 'help' }
  | { kind: 'balance'; pin?: string }
  | { kind: 'prices'; operator?: string }
  | { kind: 'status'; shortId: string }
  | { kind: 'latest'; destination: string }
  | { kind: 'deposit'; amount: bigint }
  | { kind: 'buy'; productCode: string; destination: string; pin?: string; counter?: number }
  | { kind: 'invalid'; problem: string };

const PIN = /^\d{4,6}$/;
const COUNTER = /^[1-9]\d{0,2}$/;
const PRODUCT_CODE = /^[A-Z][A-Z0-9]{0,15}$/;

/** The formats with examples, as Bantuan shows them. */
export const COMMAND_FORMATS = [
  'KODE.NOMOR.PIN - beli pulsa, mis. T10.081234567890.1234 (tanpa PIN: T10.081234567890)',
  'KODE.NOMOR.PIN.2 - beli lagi produk yang sama ke nomor yang sama (tanpa PIN: T10.081234567890.2)',
  'SAL atau SAL.PIN atau Cek Saldo - cek saldo',
  'HARGA atau HARGA.OPERATOR - daftar harga, mis. HARGA.XL',
  'STATUS.TRXID - status transaksi, mis. STATUS.T12345678',
  'CEK.NOMOR - transaksi terakhir ke nomor itu, mis. CEK.081234567890',
  'DEP.NOMINAL - deposit saldo lewat Midtrans, mis. DEP.100000',
];

const invalid = (problem: string): PulsaCommand => ({ kind: 'invalid', problem });

export function parseCommand(text: string): PulsaCommand {
  const trimmed = text.trim();
  if (/^(bantuan|help|\/help(@\w+)?|\/start)$/i.test(trimmed)) return { kind: 'help' };
  if (/^cek\s*saldo$/i.test(trimmed)) return { kind: 'balance' };
  if (/\s/.test(trimmed) || trimmed === '') return invalid('Format tidak dikenal.');
  const parts = trimmed.split('.');
  const keyword = parts[0].toUpperCase();
  const args = parts.slice(1);
  if (args.some((a) => a === '')) return invalid('Ada bagian yang kosong di antara titik.');

  switch (keyword) {
    case 'SAL':
    case 'S':
      if (args.length === 0) return { kind: 'balance' };
      if (args.length === 1 && PIN.test(args[0])) return { kind: 'balance', pin: args[0] };
      return invalid('Format cek saldo: SAL atau SAL.PIN');
    case 'HARGA':
    case 'H':
      if (args.length === 0) return { kind: 'prices' };
      if (args.length === 1) return { kind: 'prices', operator: args[0] };
      return invalid('Format daftar harga: HARGA atau HARGA.OPERATOR');
    case 'STATUS':
      if (args.length === 1 && /^T\d{8}$/i.test(args[0])) return { kind: 'status', shortId: args[0].toUpperCase() };
      return invalid('Format cek status: STATUS.TRXID, mis. STATUS.T12345678');
    case 'CEK':
      if (args.length === 1) return { kind: 'latest', destination: args[0] };
      return invalid('Format cek nomor: CEK.NOMOR, mis. CEK.081234567890');
    case 'DEP':
      if (args.length === 1 && /^[1-9]\d{0,14}$/.test(args[0])) return { kind: 'deposit', amount: BigInt(args[0]) };
      return invalid('Format deposit: DEP.NOMINAL, mis. DEP.100000 (angka tanpa titik)');
  }
  return parseBuy(keyword, args);
}

// KODE.NOMOR, KODE.NOMOR.PIN, KODE.NOMOR.COUNTER, KODE.NOMOR.PIN.COUNTER: a PIN is 4-6 digits, a
// counter 1-3, so the third part is never ambiguous.
function parseBuy(productCode: string, args: string[]): PulsaCommand {
  if (!PRODUCT_CODE.test(productCode) || args.length < 1 || args.length > 3) {
    return invalid('Format tidak dikenal.');
  }
  const [destination, third, fourth] = args;
  if (!/^\+?\d+$/.test(destination)) return invalid('Nomor tujuan harus berupa angka, mis. 081234567890.');
  const buy = { kind: 'buy' as const, productCode, destination };
  if (third === undefined) return buy;
  if (fourth === undefined) {
    if (PIN.test(third)) return { ...buy, pin: third };
    if (COUNTER.test(third)) return { ...buy, counter: Number(third) };
    return invalid('PIN harus 4-6 angka; penghitung (untuk membeli lagi) 1-999.');
  }
  if (!PIN.test(third)) return invalid('PIN harus 4-6 angka.');
  if (!COUNTER.test(fourth))
    return invalid('Penghitung (untuk membeli lagi) harus 1-999, mis. T10.081234567890.1234.2');
  return { ...buy, pin: third, counter: Number(fourth) };
}
