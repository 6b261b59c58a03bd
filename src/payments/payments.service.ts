import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { PaymentsConfig, ResolvedConfig } from '../config/loket.config';
import { LedgerService } from '../ledger/ledger.service';
import { MidtransGateway, MidtransRefusedError, MidtransUnavailableError } from './midtrans.gateway';
import { PaymentPurposes } from './payment-purposes';
import { PaymentStatusService } from './payment-status.service';
import { CheckoutRequest, CheckoutResult, Payment, PaymentPurpose } from './payment.types';
import { PaymentProviderError, PaymentsDisabledError, TooManyPendingPaymentsError } from './payments.errors';
import { PaymentsStore } from './payments.store';

const ORDER_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A fresh Midtrans order_id (Midtrans refuses a reused one): `PREFIX-` and 12 random characters. */
function randomOrderId(prefix: string): string {
  const random = [...randomBytes(12)].map((b) => ORDER_ALPHABET[b % 32]).join('');
  return `${prefix}-${random}`;
}

/**
 * What other modules call to take a payment. Starts a payment: the pending row is committed first, then (outside any transaction) Snap is
 * asked for a checkout page. A refusal fails the row; no answer leaves it pending, since Midtrans
 * may have created the order, and the reconciler or a notification settles it either way.
 */
@Injectable()
export class PaymentsService {
  private readonly config: PaymentsConfig;

  constructor(
    private readonly store: PaymentsStore,
    private readonly purposes: PaymentPurposes,
    private readonly gateway: MidtransGateway,
    private readonly ledger: LedgerService,
    private readonly statuses: PaymentStatusService,
    config: ConfigService<ResolvedConfig, true>,
  ) {
    this.config = config.get('payments', { infer: true });
  }

  async checkout(request: CheckoutRequest): Promise<CheckoutResult> {
    if (!this.gateway.enabled) throw new PaymentsDisabledError();
    const itemsTotal = request.items.reduce((sum, item) => sum + item.price * BigInt(item.quantity), 0n);
    if (itemsTotal !== request.amount) {
      throw new Error(`Checkout items add up to ${itemsTotal}, not the amount ${request.amount}`);
    }
    const expiresInMinutes = request.expiresInMinutes ?? this.config.expiryMinutes;
    const payment = await this.createPending(request, expiresInMinutes);
    try {
      const snap = await this.gateway.createSnap({
        orderId: payment.orderId,
        amount: payment.amount,
        items: request.items,
        customer: request.customer,
        startsAt: new Date(payment.expiresAt.getTime() - expiresInMinutes * 60_000),
        expiresInMinutes,
        finishUrl: this.config.publicUrl,
      });
      await this.store.update(undefined, payment.id, { snap_token: snap.token, redirect_url: snap.redirectUrl });
      return {
        payment: { ...payment, snapToken: snap.token, redirectUrl: snap.redirectUrl },
        token: snap.token,
        redirectUrl: snap.redirectUrl,
      };
    } catch (error) {
      if (error instanceof MidtransRefusedError) {
        await this.statuses.failCheckout(payment, error.reason);
        throw new PaymentProviderError(`Midtrans refused the payment: ${error.reason}`);
      }
      if (error instanceof MidtransUnavailableError) {
        await this.store.update(undefined, payment.id, { provider_error: error.reason.slice(0, 500) });
        throw new PaymentProviderError(
          `Midtrans did not answer (${error.reason}); payment ${payment.orderId} stays pending and is credited if Midtrans confirms it`,
        );
      }
      throw error;
    }
  }

  private createPending(request: CheckoutRequest, expiresInMinutes: number): Promise<Payment> {
    const purpose = this.purposes.get(request.purpose);
    return this.ledger.transaction(async (manager) => {
      // One checkout at a time per owner (and so per reference), so the count and the attempt number hold.
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `payments-owner:${request.ownerId}`,
      ]);
      const max = request.maxPendingPerOwner;
      if (max !== undefined && (await this.store.countPending(manager, purpose.name, request.ownerId)) >= max) {
        throw new TooManyPendingPaymentsError(max);
      }
      const payment = await this.store.insert(manager, {
        orderId: await this.orderId(manager, purpose, request.referenceId),
        purpose: purpose.name,
        referenceId: request.referenceId,
        ownerId: request.ownerId,
        amount: request.amount,
        expiresAt: new Date(Date.now() + expiresInMinutes * 60_000),
      });
      await this.store.addEvent(manager, payment.id, { status: 'pending', source: 'checkout', applied: true });
      return payment;
    });
  }

  /**
   * The attempt's order_id. Past attempts at the reference are counted only for a purpose that
   * numbers its order ids by attempt: a top-up's reference is the owner's wallet, whose history only grows.
   */
  private async orderId(manager: EntityManager, purpose: PaymentPurpose, referenceId: string): Promise<string> {
    if (!purpose.orderId) return randomOrderId(purpose.orderIdPrefix ?? 'PAY');
    const attempt = (await this.store.countAttempts(manager, purpose.name, referenceId)) + 1;
    return purpose.orderId(referenceId, attempt);
  }
}
