import { Injectable } from '@nestjs/common';
import { BookingService, PaymentLink } from './booking.service';
import { Reservation } from './reservation.types';
import { ReservationMovesService } from './reservation-moves.service';
import { ReservationNotFoundError } from './reservations.errors';
import { ReservationsStore } from './reservations.store';
import { StatusLinks } from './status-links';

/** What a customer holding a status link may do; a wrong token is the same "not found" as an unknown code. */
@Injectable()
export class ReservationAccess {
  constructor(
    private readonly store: ReservationsStore,
    private readonly links: StatusLinks,
    private readonly moves: ReservationMovesService,
    private readonly bookings: BookingService,
  ) {}

  async find(code: string, token: unknown): Promise<Reservation> {
    const booking = await this.store.findByCode(code);
    if (!booking || !this.links.matches(booking, token)) throw new ReservationNotFoundError(code);
    return booking;
  }

  paymentLink(code: string, token: unknown): Promise<PaymentLink> {
    return this.find(code, token).then(() => this.bookings.paymentLink(code));
  }

  /** The customer cancels before work starts; a paid booking is refunded. */
  async cancel(code: string, token: unknown): Promise<Reservation> {
    await this.find(code, token);
    return this.moves.moveByCode(code, 'cancelled', 'customer', { note: 'Dibatalkan oleh pelanggan' });
  }
}
