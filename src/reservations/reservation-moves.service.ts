import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LedgerService } from '../ledger/ledger.service';
import { RefundService } from '../payments/refund.service';
import { ReservationNotifier } from './reservation-notifier';
import { canMove, HOLDS_PLACE } from './reservation-moves';
import { Actor, Reservation, RESERVATIONS_OWNER_ID, ReservationStatus } from './reservation.types';
import { ReservationNotFoundError, StatusMoveError } from './reservations.errors';
import { ReservationsStore } from './reservations.store';
import { releasePlace } from './slot-places';

/**
 * Every status change of a booking: checked against the allowed moves, written with its history
 * line, the place given back when the booking stops holding one, and the customer told, all in
 * one transaction. A paid booking that is cancelled is refunded after that transaction commits.
 */
@Injectable()
export class ReservationMovesService {
  private readonly logger = new Logger(ReservationMovesService.name);

  constructor(
    private readonly store: ReservationsStore,
    private readonly notifier: ReservationNotifier,
    private readonly ledger: LedgerService,
    private readonly refunds: RefundService,
  ) {}

  async move(
    manager: EntityManager,
    booking: Reservation,
    to: ReservationStatus,
    actor: Actor,
    note?: string,
  ): Promise<Reservation> {
    if (!canMove(booking.status, to, actor)) throw new StatusMoveError(booking.status, to);
    const moved = await this.store.setStatus(manager, booking, to, actor, note);
    if (HOLDS_PLACE(booking.status) && !HOLDS_PLACE(to)) await releasePlace(manager, booking.slotCode, booking.day);
    await this.notifier.statusChanged(manager, moved);
    return moved;
  }

  /** An admin's move (or a customer's cancel, by code); refunds a cancelled paid booking afterwards. */
  async moveByCode(
    code: string,
    to: ReservationStatus,
    actor: Actor,
    options: { note?: string; requestedBy?: string } = {},
  ): Promise<Reservation> {
    const moved = await this.ledger.transaction(async (manager) => {
      const booking = await this.store.lockByCode(manager, code);
      if (!booking) throw new ReservationNotFoundError(code);
      return this.move(manager, booking, to, actor, options.note);
    });
    if (moved.status === 'cancelled' && moved.paymentStatus === 'paid') {
      await this.refund(moved, options.requestedBy ?? RESERVATIONS_OWNER_ID);
    }
    return (await this.store.findByCode(code)) ?? moved;
  }

  /**
   * Asks payments to refund the booking's paid attempt. The cancel stands whatever Midtrans says:
   * a refusal or no answer is noted in the history, and an admin can refund from the payments routes.
   */
  private async refund(booking: Reservation, requestedBy: string): Promise<void> {
    const orderId = booking.lastOrderId;
    if (!orderId) return;
    try {
      await this.refunds.refund(
        requestedBy,
        orderId,
        { reason: `Booking ${booking.code} dibatalkan` },
        `reservation-cancel:${booking.code}`,
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Refund of booking ${booking.code} (${orderId}) did not go through: ${reason}`);
      await this.ledger.transaction((manager) =>
        this.store.addHistory(
          manager,
          booking.id,
          'cancelled',
          'cancelled',
          'system',
          `Refund belum berhasil: ${reason}`,
        ),
      );
    }
  }
}
