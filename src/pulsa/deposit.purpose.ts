import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager } from 'typeorm';
import { formatRupiah } from '../common/money/rupiah';
import type { ResolvedConfig } from '../config/loket.config';
import { LedgerQueryService } from '../ledger/ledger-query.service';
import { walletAccountCode } from '../ledger/ledger.types';
import { PaymentPurposes } from '../payments/payment-purposes';
import { CheckoutResult, Payment, PaymentPurpose } from '../payments/payment.types';
import { PaymentsService } from '../payments/payments.service';
import { User } from '../users/entities/user.entity';
import { DepositTooSmallError } from './pulsa.errors';

export const DEPOSIT_PURPOSE = 'pulsa_deposit';
/** Deposits one agent may have waiting at once (then 429). */
const MAX_PENDING_DEPOSITS = 5;

/**
 * An agent's deposit (DEP.NOMINAL) as a payment purpose of its own rather than the wallet's top-up:
 * pulsa must not import the wallet module, its journals are `deposit` (what resellers call it and
 * how reports tell agents' float from customers' top-ups), and its messages speak to agents.
 * The money lands in the same wallet account purchases hold from.
 */
@Injectable()
export class DepositPurpose implements PaymentPurpose, OnModuleInit {
  readonly name = DEPOSIT_PURPOSE;
  readonly journalKind = 'deposit';
  private readonly minAmount: bigint;

  constructor(
    private readonly purposes: PaymentPurposes,
    private readonly payments: PaymentsService,
    private readonly balances: LedgerQueryService,
    config: ConfigService<ResolvedConfig, true>,
  ) {
    this.minAmount = config.get('wallet', { infer: true }).topupMin;
  }

  onModuleInit(): void {
    this.purposes.register(this);
  }

  /** Starts a deposit: a Midtrans checkout whose money goes to the agent's wallet once paid. */
  start(agent: User, amount: bigint): Promise<CheckoutResult> {
    if (amount < this.minAmount) throw new DepositTooSmallError(this.minAmount);
    return this.payments.checkout({
      purpose: DEPOSIT_PURPOSE,
      referenceId: walletAccountCode(agent.id),
      amount,
      ownerId: agent.id,
      items: [{ id: 'deposit', name: 'Deposit saldo agen pulsa', price: amount, quantity: 1 }],
      customer: { firstName: agent.name, email: agent.email, phone: agent.phone },
      maxPendingPerOwner: MAX_PENDING_DEPOSITS,
    });
  }

  describe(payment: Payment) {
    return { account: walletAccountCode(payment.ownerId), label: `Deposit ${formatRupiah(payment.amount)}` };
  }

  readonly orderIdPrefix = 'DEP';

  async onPaid(manager: EntityManager, payment: Payment): Promise<string> {
    return `Deposit ${formatRupiah(payment.amount)} masuk. Saldo ${await this.available(manager, payment)}.`;
  }

  /** Nothing was reserved for a deposit. */
  onFailed(): Promise<void> {
    return Promise.resolve();
  }

  async onRefunded(manager: EntityManager, payment: Payment, amount: bigint): Promise<string> {
    const balance = await this.available(manager, payment);
    return `Deposit ${payment.orderId}: ${formatRupiah(amount)} ditarik kembali. Saldo ${balance}.`;
  }

  private async available(manager: EntityManager, payment: Payment): Promise<string> {
    return formatRupiah((await this.balances.balance(walletAccountCode(payment.ownerId), manager)).available);
  }
}
