import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager } from 'typeorm';
import type { ResolvedConfig } from '../config/loket.config';
import { LedgerService } from '../ledger/ledger.service';
import { MidtransGateway } from '../payments/midtrans.gateway';
import { PaymentsService } from '../payments/payments.service';
import { PaymentProviderError, PaymentsDisabledError } from '../payments/payments.errors';
import { normaliseIndonesianPhone } from '../users/phone-number';
import { InvalidPhoneError } from '../users/users.errors';
import { CatalogueService } from './catalogue.service';
import { Reservation, RESERVATION_PURPOSE, RESERVATIONS_OWNER_ID } from './reservation.types';
import { NotPayableError, ReservationNotFoundError, SlotFullError } from './reservations.errors';
import { ReservationsStore } from './reservations.store';
import { takePlace } from './slot-places';
import { StatusLinks } from './status-links';

export interface BookingRequest {
  date: string;
  slot: string;
  model: string;
  part: string;
  customer: { name: string; phone?: string | null };
  /** The Telegram chat that booked, told of every change; none over REST. */
  chatId?: number;
}

export interface PaymentLink {
  redirectUrl: string;
  expiresAt: Date;
}

export interface BookingResult {
  booking: Reservation;
  statusUrl: string;
  /** Null when Midtrans could not be reached: the booking holds its place, and the status page pays it. */
  payment: PaymentLink | null;
}

/**
 * Making a booking: the date, the catalogue and a place in the slot are decided and the booking
 * committed in one transaction; only then is Midtrans asked for a payment page.
 */
@Injectable()
export class BookingService {
  private readonly logger = new Logger(BookingService.name);
  private readonly holdMinutes: number;

  constructor(
    private readonly catalogue: CatalogueService,
    private readonly store: ReservationsStore,
    private readonly ledger: LedgerService,
    private readonly payments: PaymentsService,
    private readonly gateway: MidtransGateway,
    private readonly links: StatusLinks,
    config: ConfigService<ResolvedConfig, true>,
  ) {
    this.holdMinutes = config.get('reservations', { infer: true }).paymentMinutes;
  }

  async book(request: BookingRequest): Promise<BookingResult> {
    const booking = await this.reserve(request);
    return { booking, statusUrl: this.links.url(booking), payment: await this.tryPayment(booking) };
  }

  /**
   * The booking and its place; nothing is paid yet. In `manager`'s transaction when given (a chat
   * update), else in one of its own. `code` is the code to use if it is still free.
   */
  async reserve(request: BookingRequest, manager?: EntityManager, code?: string): Promise<Reservation> {
    if (!this.gateway.enabled) throw new PaymentsDisabledError();
    const phone = request.customer.phone ? normaliseIndonesianPhone(request.customer.phone) : null;
    if (request.customer.phone && !phone) throw new InvalidPhoneError();
    const work = async (manager: EntityManager) => {
      const day = await this.catalogue.checkBookable(request.date, manager);
      const line = await this.catalogue.orderLine(request, manager);
      if (!(await takePlace(manager, line.slot.code, day))) throw new SlotFullError();
      const booking = await this.store.insert(
        manager,
        {
          day,
          slotCode: line.slot.code,
          modelCode: line.model.code,
          partCode: line.part.code,
          price: line.price,
          customerName: request.customer.name,
          customerPhone: phone,
          chatId: request.chatId ?? null,
          holdExpiresAt: new Date(Date.now() + this.holdMinutes * 60_000),
        },
        code,
      );
      await this.store.addHistory(manager, booking.id, null, 'awaiting_payment', 'customer', 'Booking dibuat');
      return booking;
    };
    return manager ? work(manager) : this.ledger.transaction(work);
  }

  /** The payment page of an unpaid booking: the open attempt's, or a new attempt's when the last one ended. */
  async paymentLink(code: string): Promise<PaymentLink> {
    const booking = await this.store.findByCode(code);
    if (!booking) throw new ReservationNotFoundError(code);
    if (booking.status !== 'awaiting_payment' || booking.paymentStatus === 'paid') {
      throw new NotPayableError(booking.status);
    }
    const open = booking.paymentStatus === 'pending' && booking.paymentUrl && booking.paymentExpiresAt;
    if (open && booking.paymentExpiresAt! > new Date()) {
      return { redirectUrl: booking.paymentUrl!, expiresAt: booking.paymentExpiresAt! };
    }
    return this.startPayment(booking);
  }

  async tryPayment(booking: Reservation): Promise<PaymentLink | null> {
    try {
      return await this.startPayment(booking);
    } catch (error) {
      if (!(error instanceof PaymentProviderError)) throw error;
      this.logger.warn(`Booking ${booking.code}: no payment page yet (${error.message})`);
      return null;
    }
  }

  /** A Midtrans attempt that ends with the booking's hold: paying later than that could find the place gone. */
  private async startPayment(booking: Reservation): Promise<PaymentLink> {
    const minutesLeft = Math.floor((booking.holdExpiresAt.getTime() - Date.now()) / 60_000);
    if (minutesLeft < 1) throw new NotPayableError('expired');
    const name = `Servis ${booking.modelName} - ${booking.partName}`.slice(0, 50);
    const { payment, redirectUrl } = await this.payments.checkout({
      purpose: RESERVATION_PURPOSE,
      referenceId: booking.code,
      amount: booking.price,
      ownerId: RESERVATIONS_OWNER_ID,
      items: [{ id: `${booking.modelCode}.${booking.partCode}`.slice(0, 50), name, price: booking.price, quantity: 1 }],
      customer: { firstName: booking.customerName, phone: booking.customerPhone },
      expiresInMinutes: minutesLeft,
    });
    await this.store.notePaymentAttempt(booking.id, {
      orderId: payment.orderId,
      url: redirectUrl,
      expiresAt: payment.expiresAt,
    });
    return { redirectUrl, expiresAt: payment.expiresAt };
  }
}
