import { RupiahAmount, RupiahProperty } from '../../common/money/rupiah';
import { CheckoutResult } from '../../payments/payment.types';

export class CreateTopupDto {
  @RupiahAmount({ description: 'Amount to add, from TOPUP_MIN to WALLET_MAX_AMOUNT' })
  amount!: bigint;
}

export class TopupResponse {
  /** Midtrans' order_id; follow it at GET /api/payments/{orderId}. @example "TOPUP-7KQ2M9X4PZ3A" */
  orderId!: string;
  @RupiahProperty()
  amount!: string;
  /** Until Midtrans confirms the payment. @example "pending" */
  status!: 'pending';
  /** Midtrans' payment page: send the customer there. */
  redirectUrl!: string;
  /** The Snap token, for Snap.js on a web page. */
  token!: string;
  expiresAt!: Date;

  static of(checkout: CheckoutResult): TopupResponse {
    return {
      orderId: checkout.payment.orderId,
      amount: checkout.payment.amount.toString(),
      status: 'pending',
      redirectUrl: checkout.redirectUrl,
      token: checkout.token,
      expiresAt: checkout.payment.expiresAt,
    };
  }
}
