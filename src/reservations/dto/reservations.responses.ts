import { ApiProperty } from '@nestjs/swagger';
import { RupiahProperty } from '../../common/money/rupiah';
import {
  Catalogue,
  HistoryEntry,
  RESERVATION_STATUSES,
  PaymentState,
  Reservation,
  ReservationStatus,
  Slot,
  SlotAvailability,
} from '../reservation.types';
import type { BookingResult, PaymentLink } from '../booking.service';
import type { EventSource, PaymentStatus } from '../../payments/payment.types';

export class ReservationCatalogueItemResponse {
  /** @example "iphone-x" */
  code!: string;
  /** @example "iPhone X" */
  name!: string;
}

export class ReservationPriceResponse {
  /** @example "iphone-x" */
  model!: string;
  /** @example "battery" */
  part!: string;
  /** @example "70000" */
  @RupiahProperty()
  price!: string;
}

export class ReservationSlotResponse {
  /** @example "pagi" */
  code!: string;
  /** @example "Pukul : 09.00 - 11.00 WIB" */
  label!: string;
  /** Asia/Jakarta. @example "09:00" */
  start!: string;
  /** @example "11:00" */
  end!: string;
  /** Bookings the slot takes on one day (technicians). @example 2 */
  capacity!: number;

  static of(s: Slot): ReservationSlotResponse {
    return { code: s.code, label: s.label, start: s.start, end: s.end, capacity: s.capacity };
  }
}

export class CatalogResponse {
  models!: ReservationCatalogueItemResponse[];
  parts!: ReservationCatalogueItemResponse[];
  prices!: ReservationPriceResponse[];
  slots!: ReservationSlotResponse[];

  static of(c: Catalogue): CatalogResponse {
    return {
      models: c.models.map(({ code, name }) => ({ code, name })),
      parts: c.parts.map(({ code, name }) => ({ code, name })),
      prices: c.prices.map((p) => ({ model: p.model, part: p.part, price: p.price.toString() })),
      slots: c.slots.map((s) => ReservationSlotResponse.of(s)),
    };
  }
}

export class ReservationSlotAvailabilityResponse extends ReservationSlotResponse {
  /** Places left on that day. @example 1 */
  left!: number;
}

export class ReservationAvailabilityResponse {
  /** @example "2026-12-05" */
  date!: string;
  slots!: ReservationSlotAvailabilityResponse[];

  static of(date: string, slots: SlotAvailability[]): ReservationAvailabilityResponse {
    return { date, slots: slots.map((s) => ({ ...ReservationSlotResponse.of(s), left: s.left })) };
  }
}

export class ReservationPaymentLinkResponse {
  /** The Midtrans payment page. */
  redirectUrl!: string;
  /** Pay before this; the booking's place is held until then. */
  expiresAt!: Date;

  static of(p: PaymentLink): ReservationPaymentLinkResponse {
    return { redirectUrl: p.redirectUrl, expiresAt: p.expiresAt };
  }
}

export class BookingCreatedResponse {
  /** 8 digits; the first payment attempt's Midtrans order id. @example "62473383" */
  bookingCode!: string;
  /** @example "70000" */
  @RupiahProperty()
  total!: string;
  /** @example "awaiting_payment" */
  status!: ReservationStatus;
  /** The booking's status page (Data Order), with its secret `t`. */
  statusUrl!: string;
  /** Null when Midtrans could not be reached: the place is held, and the status page pays it. */
  payment!: ReservationPaymentLinkResponse | null;

  static of(r: BookingResult): BookingCreatedResponse {
    return {
      bookingCode: r.booking.code,
      total: r.booking.price.toString(),
      status: r.booking.status,
      statusUrl: r.statusUrl,
      payment: r.payment ? ReservationPaymentLinkResponse.of(r.payment) : null,
    };
  }
}

export class ReservationResponse {
  /** @example "62473383" */
  code!: string;
  /** @example "2026-12-05" */
  date!: string;
  /** @example "pagi" */
  slot!: string;
  /** @example "Pukul : 09.00 - 11.00 WIB" */
  slotLabel!: string;
  /** @example "iphone-x" */
  model!: string;
  /** @example "battery" */
  part!: string;
  /** @example "70000" */
  @RupiahProperty()
  total!: string;
  /** @example "Siti Nurhaliza" */
  customerName!: string;
  /** @example "6281234567890" */
  customerPhone!: string | null;
  /** True when it was booked in Telegram (the chat hears of every change). */
  viaTelegram!: boolean;
  status!: ReservationStatus;
  paymentStatus!: PaymentState;
  /** The latest payment attempt's Midtrans order id. @example "62473383" */
  orderId!: string | null;
  /** An unpaid booking's place is held until then. */
  holdExpiresAt!: Date;
  createdAt!: Date;

  static of(r: Reservation): ReservationResponse {
    return {
      code: r.code,
      date: r.day,
      slot: r.slotCode,
      slotLabel: r.slotLabel,
      model: r.modelCode,
      part: r.partCode,
      total: r.price.toString(),
      customerName: r.customerName,
      customerPhone: r.customerPhone,
      viaTelegram: r.chatId !== null,
      status: r.status,
      paymentStatus: r.paymentStatus,
      orderId: r.lastOrderId,
      holdExpiresAt: r.holdExpiresAt,
      createdAt: r.createdAt,
    };
  }
}

export class ReservationHistoryResponse {
  @ApiProperty({ type: 'string', enum: [...RESERVATION_STATUSES, null], nullable: true })
  from!: ReservationStatus | null;
  to!: ReservationStatus;
  actor!: 'customer' | 'admin' | 'payment' | 'system';
  note!: string | null;
  at!: Date;

  static of(h: HistoryEntry): ReservationHistoryResponse {
    return { from: h.from, to: h.to, actor: h.actor, note: h.note, at: h.at };
  }
}

export class ReservationPaymentEventResponse {
  /** @example "62473383" */
  orderId!: string;
  /** The payment's state this event reported. @example "paid" */
  status!: PaymentStatus;
  /** @example "notification" */
  source!: EventSource;
  /** Midtrans' transaction_status, when the event came from Midtrans. */
  providerStatus!: string | null;
  applied!: boolean;
  detail!: string | null;
  at!: Date;
}

export class ReservationDetailResponse extends ReservationResponse {
  /** The statuses an admin may move the booking to now (PATCH refuses any other with 409); empty once it is final. */
  @ApiProperty({ enum: RESERVATION_STATUSES, isArray: true, example: ['in_progress', 'cancelled'] })
  allowedMoves!: ReservationStatus[];
  /** The customer's status page (Data Order) with its secret `t`, to send to the customer. */
  statusUrl!: string;
  history!: ReservationHistoryResponse[];
  /** Every payment attempt's events, oldest first. */
  paymentEvents!: ReservationPaymentEventResponse[];
}

export class ReservationPageResponse {
  items!: ReservationResponse[];
  total!: number;
  limit!: number;
  offset!: number;
}

export class ReservationScheduleSlotResponse extends ReservationSlotResponse {
  /** Places left. @example 1 */
  left!: number;
  bookings!: ReservationResponse[];
}

export class ReservationScheduleResponse {
  /** @example "2026-12-05" */
  date!: string;
  /** True when the shop is closed that day (bookings made before it closed still show). */
  closed!: boolean;
  slots!: ReservationScheduleSlotResponse[];
}
