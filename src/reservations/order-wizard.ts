import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { formatRupiah } from '../common/money/rupiah';
import type { BotRequest } from '../telegram/bot/bot-request';
import type { InlineButton } from '../telegram/outbox.service';
import { formatChatDate, formatWibTime, parseChatDate } from './booking-dates';
import { BookingService } from './booking.service';
import { CatalogueService } from './catalogue.service';
import { BookingDateError, SlotFullError } from './reservations.errors';
import { newBookingCode } from './reservations.store';
import { StatusLinks } from './status-links';

export const ORDER_SESSION = 'reservation';
export const ACTION = 'rsv';

/** Where a chat is in /order (or /status); kept in telegram_sessions, so a restart continues it. */
export interface OrderState {
  step: 'intro' | 'date' | 'model' | 'slot' | 'part' | 'confirm' | 'status';
  /** Buttons carry it: a press from an older wizard (or another chat's message) finds no match. */
  nonce: string;
  date?: string;
  model?: string;
  slot?: string;
  part?: string;
  code?: string;
}

const INTRO =
  'Terimakasih, telah memilih layanan kami. Pastikan anda sudah menentukan apa yang ingin anda pesan, ' +
  'silahkan dengan memasukan perintah yang tertera di menu /help\n\nJika sudah yakin, silahkan pilih menu ' +
  "'Booking' dibawah";
export const STALE = 'Tombol ini sudah tidak berlaku. Ketik /order untuk mulai lagi.';
const column = (buttons: InlineButton[]) => buttons.map((b) => [b]);

/**
 * The source's /order flow: intro (Booking / Cancel) → date typed as dd/mm/yyyy → model → slot
 * (only those with places left) → part (only those priced for the model) → summary (Book Now /
 * Cancel) → the booking code, the status link, and, once the update has committed, the payment link.
 */
@Injectable()
export class OrderWizard {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly bookings: BookingService,
    private readonly links: StatusLinks,
  ) {}

  async start(request: BotRequest): Promise<void> {
    const state: OrderState = { step: 'intro', nonce: randomBytes(4).toString('hex') };
    await request.session.set(ORDER_SESSION, state);
    await request.reply({
      text: INTRO,
      buttons: [[this.button(state, 'Booking', 'go')], [this.button(state, 'Cancel', 'menu')]],
    });
  }

  async typedDate(request: BotRequest, state: OrderState, text: string): Promise<void> {
    const date = parseChatDate(text);
    if (!date) return request.reply('Format tanggal tidak dikenali. Tulis seperti 05/12/2026 (tanggal/bulan/tahun).');
    try {
      await this.catalogue.checkBookable(date, request.manager);
    } catch (error) {
      if (error instanceof BookingDateError) return request.reply(`${error.params!.reason} Masukkan tanggal lain:`);
      throw error;
    }
    await this.askModel(request, { ...state, step: 'model', date });
  }

  /** A button of this chat's current wizard; anything else is stale and gets a polite answer. */
  async pressed(request: BotRequest, state: OrderState | undefined, data: string): Promise<string | void> {
    const [, nonce, what, value] = data.split(':');
    if (!state || state.nonce !== nonce) return STALE;
    if (state.step === 'intro' && what === 'go') return this.askDate(request, state);
    if (state.step === 'intro' && what === 'menu')
      return this.leave(request, 'Kembali ke menu. Ketik /help untuk daftar perintah.');
    if (state.step === 'model' && what === 'm') return this.askSlot(request, { ...state, model: value });
    if (state.step === 'slot' && what === 's') return this.askPart(request, { ...state, slot: value });
    if (state.step === 'part' && what === 'p') return this.summary(request, { ...state, part: value });
    if (state.step === 'confirm' && what === 'book') return this.book(request, state);
    if (state.step === 'confirm' && what === 'drop') return this.leave(request, 'Booking dibatalkan.');
    return STALE;
  }

  async leave(request: BotRequest, text: string): Promise<void> {
    await request.session.clear(ORDER_SESSION);
    await request.reply(text);
  }

  private async askDate(request: BotRequest, state: OrderState): Promise<void> {
    await request.session.set(ORDER_SESSION, { ...state, step: 'date' });
    await request.reply('Silahkan masukan tanggal book, contoh: 05/12/2026');
  }

  private async askModel(request: BotRequest, state: OrderState): Promise<void> {
    const { models, prices } = await this.catalogue.catalogue();
    const offered = models.filter((m) => prices.some((p) => p.model === m.code));
    await request.session.set(ORDER_SESSION, state);
    await request.reply({
      text: 'Pilih tipe device anda :',
      buttons: column(offered.map((m, i) => this.button(state, `${i + 1}. ${m.name}`, 'm', m.code))),
    });
  }

  private async askSlot(request: BotRequest, state: OrderState, prefix = ''): Promise<void> {
    const open = (await this.catalogue.availability(state.date!, request.manager)).filter((s) => s.left > 0);
    if (open.length === 0) {
      await request.session.set(ORDER_SESSION, { ...state, step: 'date' });
      return request.reply(
        `${prefix}Maaf, semua jam pada ${formatChatDate(state.date!)} sudah penuh. Masukkan tanggal lain:`,
      );
    }
    await request.session.set(ORDER_SESSION, { ...state, step: 'slot' });
    await request.reply({
      text: `${prefix}Jam Booking :`,
      buttons: column(open.map((s) => this.button(state, `${s.label} (sisa ${s.left})`, 's', s.code))),
    });
  }

  private async askPart(request: BotRequest, state: OrderState): Promise<void> {
    const { parts, prices } = await this.catalogue.catalogue();
    const offered = parts
      .map((part) => ({ part, price: prices.find((p) => p.model === state.model && p.part === part.code) }))
      .filter((o) => o.price);
    await request.session.set(ORDER_SESSION, { ...state, step: 'part' });
    await request.reply({
      text: 'Pilih sparepart yang ingin diganti :',
      buttons: column(
        offered.map((o) => this.button(state, `${o.part.name} - ${formatRupiah(o.price!.price)}`, 'p', o.part.code)),
      ),
    });
  }

  private async summary(request: BotRequest, state: OrderState): Promise<void> {
    const line = await this.catalogue.orderLine(
      { model: state.model!, part: state.part!, slot: state.slot! },
      request.manager,
    );
    const next: OrderState = { ...state, step: 'confirm', code: newBookingCode() };
    await request.session.set(ORDER_SESSION, next);
    await request.reply({
      text:
        `id: ${next.code},\nTotal: ${formatRupiah(line.price)},\nTanggal : ${formatChatDate(state.date!)},\n` +
        `Jam : ${line.slot.label},\nDevice: ${line.model.name},\nProduct: ${line.part.name}.\n\n` +
        'Apakah sudah yakin untuk booking ?',
      buttons: [[this.button(next, 'Book Now', 'book')], [this.button(next, 'Cancel', 'drop')]],
    });
  }

  private async book(request: BotRequest, state: OrderState): Promise<string | void> {
    const customer = { name: request.from.first_name ?? request.from.username ?? `Telegram ${request.from.id}` };
    let booking;
    try {
      booking = await this.bookings.reserve(
        {
          date: state.date!,
          slot: state.slot!,
          model: state.model!,
          part: state.part!,
          customer,
          chatId: request.chatId,
        },
        request.manager,
        state.code,
      );
    } catch (error) {
      // The place went while the customer chose: the slots left, to choose again.
      if (!(error instanceof SlotFullError)) throw error;
      await this.askSlot(request, { ...state, step: 'slot', slot: undefined }, 'Maaf, slot penuh. ');
      return 'Slot penuh';
    }
    await request.session.clear(ORDER_SESSION);
    await request.reply(`Kode Booking : ${booking.code}\n\nLink status dan pembayaran:\n${this.links.url(booking)}`);
    // Midtrans is called only after this update (and so the booking) has committed.
    request.afterCommit(async (reply) => {
      const payment = await this.bookings.tryPayment(booking);
      await reply(
        payment
          ? `Link pembayaran (bayar sebelum ${formatWibTime(payment.expiresAt)}):\n${payment.redirectUrl}`
          : 'Link pembayaran belum bisa dibuat. Buka link status di atas untuk membayar nanti.',
      );
    });
    return 'Booking berhasil';
  }

  private button(state: OrderState, text: string, what: string, value?: string): InlineButton {
    return { text, data: [ACTION, state.nonce, what, ...(value ? [value] : [])].join(':') };
  }
}
