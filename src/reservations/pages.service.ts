import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ResolvedConfig } from '../config/loket.config';
import { formatRupiah } from '../common/money/rupiah';
import { BotIdentity } from '../telegram/bot-identity';
import { formatDay, formatWibTime } from './booking-dates';
import { CatalogueService } from './catalogue.service';
import { PaymentState, Reservation, ReservationStatus } from './reservation.types';
import { ReservationsStore } from './reservations.store';
import { StatusLinks } from './status-links';

export const SHOP_NAME = 'Jiot Gadget Solution';

const REPAIR_STATUS: Record<ReservationStatus, string> = {
  awaiting_payment: 'Menunggu pembayaran',
  confirmed: 'Terjadwal',
  in_progress: 'Sedang dikerjakan',
  done: 'Selesai, siap diambil',
  picked_up: 'Sudah diambil',
  cancelled: 'Dibatalkan',
  expired: 'Kedaluwarsa (tidak dibayar)',
};
const PAYMENT_STATUS: Record<PaymentState, string> = {
  unpaid: 'Belum dibayar',
  pending: 'Menunggu pembayaran',
  paid: 'Lunas (Paid)',
  refunded: 'Dikembalikan (refund)',
};

/** "Rp70.000", as the shop's pages write it. */
const rupiah = (amount: bigint) => formatRupiah(amount).replace(' ', '');
const at = (date: Date) =>
  `${formatDay(new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 10))} ${formatWibTime(date)}`;

/** What the web pages show, ready for the templates (which hold no logic). */
@Injectable()
export class PagesService {
  private readonly paymentMinutes: number;

  constructor(
    private readonly catalogue: CatalogueService,
    private readonly store: ReservationsStore,
    private readonly links: StatusLinks,
    private readonly identity: BotIdentity,
    config: ConfigService<ResolvedConfig, true>,
  ) {
    this.paymentMinutes = config.get('reservations', { infer: true }).paymentMinutes;
  }

  async home() {
    const { models, parts, prices, slots } = await this.catalogue.catalogue();
    const partName = new Map(parts.map((p) => [p.code, p.name]));
    return {
      title: SHOP_NAME,
      shop: SHOP_NAME,
      botUrl: this.identity.username ? `https://t.me/${this.identity.username}?start=order` : null,
      models: models
        .map((m) => ({
          name: m.name,
          prices: prices
            .filter((p) => p.model === m.code)
            .map((p) => ({ part: partName.get(p.part), price: rupiah(p.price) })),
        }))
        .filter((m) => m.prices.length > 0),
      slots,
      paymentMinutes: this.paymentMinutes,
    };
  }

  async order(booking: Reservation) {
    const history = await this.store.history(booking.id);
    const unpaid = booking.status === 'awaiting_payment' && booking.paymentStatus !== 'paid';
    const open =
      booking.paymentStatus === 'pending' && booking.paymentExpiresAt && booking.paymentExpiresAt > new Date();
    return {
      title: `Data Order ${booking.code}`,
      shop: SHOP_NAME,
      code: booking.code,
      device: booking.modelName,
      part: booking.partName,
      day: formatDay(booking.day),
      slot: booking.slotLabel,
      total: rupiah(booking.price),
      paymentStatus: PAYMENT_STATUS[booking.paymentStatus],
      repairStatus: REPAIR_STATUS[booking.status],
      // The open attempt's page, or Loket's route that starts a fresh attempt.
      payUrl: unpaid ? (open ? booking.paymentUrl : this.payPath(booking)) : null,
      payBefore: at(booking.holdExpiresAt),
      history: history.map((h) => ({ at: at(h.at), status: REPAIR_STATUS[h.to], note: h.note })),
    };
  }

  notFound() {
    return this.problem(
      'Halaman tidak ditemukan',
      'Link order ini tidak dikenal. Periksa lagi link dari bot, atau ketik /status di bot dan masukkan kode booking Anda.',
    );
  }

  problem(heading: string, message: string) {
    return { title: heading, shop: SHOP_NAME, heading, message };
  }

  private payPath(booking: Reservation): string {
    return `/orders/${booking.code}/pay?t=${this.links.token(booking)}`;
  }
}
