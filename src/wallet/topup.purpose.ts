import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { formatRupiah } from '../common/money/rupiah';
import { LedgerQueryService } from '../ledger/ledger-query.service';
import { walletAccountCode } from '../ledger/ledger.types';
import { PaymentPurposes } from '../payments/payment-purposes';
import { Payment, PaymentPurpose } from '../payments/payment.types';

export const TOPUP_PURPOSE = 'wallet_topup';

/** Top-ups as a payment purpose: the money goes to the owner's wallet, and the owner hears of it. */
@Injectable()
export class TopupPurpose implements PaymentPurpose, OnModuleInit {
  readonly name = TOPUP_PURPOSE;
  readonly journalKind = 'topup';
  /** Every top-up is its own order with a random id: nothing is paid twice under one id. */
  readonly orderIdPrefix = 'TOPUP';

  constructor(
    private readonly purposes: PaymentPurposes,
    private readonly ledger: LedgerQueryService,
  ) {}

  onModuleInit(): void {
    this.purposes.register(this);
  }

  describe(payment: Payment) {
    return { account: walletAccountCode(payment.ownerId), label: `Top up ${formatRupiah(payment.amount)}` };
  }

  async onPaid(manager: EntityManager, payment: Payment): Promise<string> {
    const balance = await this.availableBalance(manager, payment);
    return `Top up ${formatRupiah(payment.amount)} berhasil, saldo ${balance}.`;
  }

  /** Nothing was reserved for a top-up, so there is nothing to release. */
  onFailed(): Promise<void> {
    return Promise.resolve();
  }

  async onRefunded(manager: EntityManager, payment: Payment, amount: bigint): Promise<string> {
    const balance = await this.availableBalance(manager, payment);
    return `Top up ${payment.orderId}: ${formatRupiah(amount)} ditarik kembali dari saldo Anda, saldo ${balance}.`;
  }

  private async availableBalance(manager: EntityManager, payment: Payment): Promise<string> {
    const { available } = await this.ledger.balance(walletAccountCode(payment.ownerId), manager);
    return formatRupiah(available);
  }
}
