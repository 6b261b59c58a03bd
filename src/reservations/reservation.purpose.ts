import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SystemAccount } from '../ledger/ledger.types';
import { PaymentPurposes } from '../payments/payment-purposes';
import { Payment, PaymentPurpose } from '../payments/payment.types';
import { ReservationMovesService } from './reservation-moves.service';
import { ReservationNotifier } from './reservation-notifier';
import { Reservation, RESERVATION_PURPOSE } from './reservation.types';
import { ReservationsStore } from './reservations.store';

/**
 * Reservation payments: the money is service revenue, the booking code is the first attempt's
 * order_id (as in the source), and the hooks move the booking inside the payment's transaction.
 * The customer hears of it in their chat, so the payment's owner (a system user) gets no message.
 */
@Injectable()
export class ReservationPurpose implements PaymentPurpose, OnModuleInit {
  readonly name = RESERVATION_PURPOSE;
  readonly journalKind = 'reservation_payment';
  private readonly logger = new Logger(ReservationPurpose.name);

  constructor(
    private readonly purposes: PaymentPurposes,
    private readonly store: ReservationsStore,
    private readonly moves: ReservationMovesService,
    private readonly notifier: ReservationNotifier,
  ) {}

  onModuleInit(): void {
    this.purposes.register(this);
  }

  describe(payment: Payment) {
    return { account: SystemAccount.serviceRevenue, label: `Servis booking ${payment.referenceId}` };
  }

  /** 12345678 for the first attempt, 12345678-2 for the second, and so on. */
  orderId(code: string, attempt: number): string {
    return attempt === 1 ? code : `${code}-${attempt}`;
  }

  async onPaid(manager: EntityManager, payment: Payment): Promise<undefined> {
    const booking = await this.store.lockByCode(manager, payment.referenceId);
    if (!booking) return undefined;
    if (booking.paymentStatus === 'paid') return this.needsRefund(manager, booking, payment, 'dibayar dua kali');
    await this.store.setPayment(manager, booking.id, 'paid');
    const paid = { ...booking, paymentStatus: 'paid' as const };
    // Money that arrives for a booking that expired or was cancelled meanwhile does not revive it.
    if (booking.status !== 'awaiting_payment')
      return this.needsRefund(manager, paid, payment, `masuk saat ${booking.status}`);
    await this.moves.move(manager, paid, 'confirmed', 'payment', `Dibayar (${payment.orderId})`);
    return undefined;
  }

  /** An attempt failed or expired: the booking may pay again while its hold lasts, else it expires. */
  async onFailed(manager: EntityManager, payment: Payment): Promise<void> {
    const booking = await this.store.lockByCode(manager, payment.referenceId);
    if (!booking || booking.status !== 'awaiting_payment' || booking.paymentStatus === 'paid') return;
    if (booking.lastOrderId === null || booking.lastOrderId === payment.orderId) {
      await this.store.setPayment(manager, booking.id, 'unpaid');
    }
    if (booking.holdExpiresAt <= new Date()) {
      await this.moves.move(manager, booking, 'expired', 'system', `Pembayaran ${payment.orderId} ${payment.status}`);
    }
  }

  async onRefunded(manager: EntityManager, payment: Payment, amount: bigint): Promise<undefined> {
    const booking = await this.store.lockByCode(manager, payment.referenceId);
    if (!booking) return undefined;
    if (payment.refundedAmount >= payment.amount) await this.store.setPayment(manager, booking.id, 'refunded');
    await this.store.addHistory(
      manager,
      booking.id,
      booking.status,
      booking.status,
      'payment',
      `Refund ${amount} rupiah (${payment.orderId})`,
    );
    await this.notifier.refunded(manager, booking, amount);
    return undefined;
  }

  /** Money for a booking that cannot take it: kept on record for an admin to refund. */
  private async needsRefund(manager: EntityManager, booking: Reservation, payment: Payment, why: string) {
    this.logger.warn(`Booking ${booking.code}: payment ${payment.orderId} ${why}; refund it`);
    await this.store.addHistory(
      manager,
      booking.id,
      booking.status,
      booking.status,
      'payment',
      `Pembayaran ${payment.orderId} ${why}: perlu refund`,
    );
    return undefined;
  }
}
