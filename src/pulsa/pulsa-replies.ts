import { DomainError } from '../common/errors/domain-error';
import { formatRupiah } from '../common/money/rupiah';
import { sentenceFor } from '../telegram/bot/bot-messages';
import { OPERATOR_NAMES } from './operators';
import { DuplicatePurchaseError, WrongPinError } from './pulsa.errors';
import type { Product, PulsaTransaction } from './pulsa.types';

// What agents read, in the words reseller servers use (SUKSES/GAGAL, SN:, diproses, Saldo), so
// the agents' own tools that scan for those keywords keep working.

const what = (t: PulsaTransaction) => `${t.shortId} ${t.productCode} ke ${t.destination}`;

/** The immediate answer to a purchase; the balance is left out in a group chat. */
export function acceptedText(t: PulsaTransaction, available: bigint | null): string {
  const balance = available === null ? '' : ` Saldo ${formatRupiah(available)}.`;
  return `${what(t)} sedang diproses. Harga ${formatRupiah(t.price)}.${balance}`;
}

/** The second message, once the purchase is final; also the answer to STATUS and CEK. */
export function statusText(t: PulsaTransaction): string {
  switch (t.status) {
    case 'success':
      return `SUKSES ${what(t)}. SN: ${t.sn ?? '-'}. Harga ${formatRupiah(t.price)}.`;
    case 'failed':
      return `GAGAL ${what(t)}: ${t.reason ?? 'ditolak'}. Saldo dikembalikan ${formatRupiah(t.price)}.`;
    case 'pending':
      return `${what(t)} sedang diproses.`;
  }
}

export function balanceText(balance: { available: bigint; held: bigint }): string {
  const held = balance.held > 0n ? `\nSedang diproses: ${formatRupiah(balance.held)}` : '';
  return `Saldo Anda: ${formatRupiah(balance.available)}${held}`;
}

export function priceListText(products: Product[], operatorName?: string): string {
  if (products.length === 0) return `Belum ada produk${operatorName ? ` ${operatorName}` : ''} yang dijual.`;
  const lines = products.map(
    (p) =>
      `${p.code} ${OPERATOR_NAMES[p.operator]} ${formatRupiah(p.nominal).replace('Rp ', '')}: ${formatRupiah(p.price)}`,
  );
  return [`Daftar harga${operatorName ? ` ${operatorName}` : ''}:`, ...lines].join('\n');
}

export const NOT_AN_AGENT_TEXT = 'Nomor Anda belum terdaftar sebagai agen.';
export const NO_BALANCE_IN_GROUP = 'Saldo tidak ditampilkan di grup. Kirim SAL lewat chat pribadi dengan bot.';
export const POINTER_TO_HELP = 'Ketik Bantuan untuk daftar format.';

/** A refused request in Bahasa Indonesia, with what the agent needs to fix it. */
export function refusalText(error: DomainError): string {
  if (error instanceof DuplicatePurchaseError) {
    return error.counter === 1
      ? `Transaksi ganda: sama dengan ${error.earlier}. Untuk membeli lagi tambahkan penghitung, mis. .2 di akhir.`
      : `Penghitung ${error.counter} sudah dipakai oleh ${error.earlier}. Pakai penghitung lain.`;
  }
  if (error instanceof WrongPinError && error.triesLeft > 0) {
    return `${sentenceFor(error)} Sisa ${error.triesLeft} kali lagi sebelum transaksi dikunci.`;
  }
  return sentenceFor(error);
}
