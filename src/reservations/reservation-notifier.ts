import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { formatRupiah } from '../common/money/rupiah';
import { OutboxService } from '../telegram/outbox.service';
import { formatDay } from './booking-dates';
import { Reservation, ReservationStatus } from './reservation.types';

const what = (b: Reservation) => `${b.modelName} - ${b.partName}`;
const when = (b: Reservation) => `${formatDay(b.day)}, ${b.slotLabel}`;

/** What the customer reads in Telegram when their booking changes; in Bahasa Indonesia. */
const STATUS_MESSAGES: Partial<Record<ReservationStatus, (b: Reservation) => string>> = {
  confirmed: (b) =>
    `Pembayaran ${formatRupiah(b.price)} untuk booking ${b.code} sudah kami terima. ` +
    `Sampai jumpa ${when(b)} untuk servis ${what(b)}.`,
  in_progress: (b) => `Perangkat Anda (${what(b)}, booking ${b.code}) sedang dikerjakan teknisi kami.`,
  done: (b) => `Servis ${what(b)} (booking ${b.code}) sudah selesai. Perangkat bisa diambil di toko.`,
  picked_up: (b) => `Perangkat booking ${b.code} sudah diambil. Terima kasih telah memilih layanan kami!`,
  cancelled: (b) =>
    `Booking ${b.code} (${when(b)}) dibatalkan.` +
    (b.paymentStatus === 'paid' ? ` Pembayaran ${formatRupiah(b.price)} akan dikembalikan.` : ''),
  expired: (b) =>
    `Booking ${b.code} (${when(b)}) kedaluwarsa karena belum dibayar, dan tempatnya sudah dilepas. ` +
    'Ketik /order untuk booking lagi.',
};

/** Tells the booking's chat (bookings made over REST have none) in the transaction of the change. */
@Injectable()
export class ReservationNotifier {
  constructor(private readonly outbox: OutboxService) {}

  async statusChanged(manager: EntityManager, booking: Reservation): Promise<void> {
    const text = STATUS_MESSAGES[booking.status]?.(booking);
    if (text) await this.send(manager, booking, text);
  }

  async refunded(manager: EntityManager, booking: Reservation, amount: bigint): Promise<void> {
    await this.send(manager, booking, `Dana ${formatRupiah(amount)} untuk booking ${booking.code} sudah dikembalikan.`);
  }

  async reminder(manager: EntityManager, booking: Reservation): Promise<void> {
    await this.send(
      manager,
      booking,
      `Pengingat: besok ${when(booking)} servis ${what(booking)}. Kode booking ${booking.code}. Sampai jumpa!`,
    );
  }

  private async send(manager: EntityManager, booking: Reservation, text: string): Promise<void> {
    if (booking.chatId !== null) await this.outbox.sendMessage(manager, booking.chatId, { text });
  }
}
