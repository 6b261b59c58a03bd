import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ResolvedConfig } from '../config/loket.config';
import { walletAccountCode } from '../ledger/ledger.types';
import { PaymentsService } from '../payments/payments.service';
import { CheckoutResult } from '../payments/payment.types';
import { User } from '../users/entities/user.entity';
import { TOPUP_PURPOSE } from './topup.purpose';
import { WalletRules } from './wallet-rules';
import { TopupTooSmallError } from './wallet.errors';

/** Pending top-ups one user may have at once (then 429). */
export const MAX_PENDING_TOPUPS = 5;

/** Adding money to a wallet through Midtrans: the rules of a top-up, then a checkout. */
@Injectable()
export class TopupService {
  private readonly minAmount: bigint;

  constructor(
    private readonly payments: PaymentsService,
    private readonly rules: WalletRules,
    config: ConfigService<ResolvedConfig, true>,
  ) {
    this.minAmount = config.get('wallet', { infer: true }).topupMin;
  }

  start(user: User, amount: bigint): Promise<CheckoutResult> {
    if (amount < this.minAmount) throw new TopupTooSmallError(this.minAmount);
    this.rules.checkAmount(amount);
    return this.payments.checkout({
      purpose: TOPUP_PURPOSE,
      referenceId: walletAccountCode(user.id),
      amount,
      ownerId: user.id,
      items: [{ id: 'topup', name: 'Top up saldo Loket', price: amount, quantity: 1 }],
      customer: { firstName: user.name, email: user.email, phone: user.phone },
      maxPendingPerOwner: MAX_PENDING_TOPUPS,
    });
  }
}
