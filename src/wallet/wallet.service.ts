import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LedgerQueryService } from '../ledger/ledger-query.service';
import { AccountBalance, walletAccountCode } from '../ledger/ledger.types';
import { OtpService } from '../otp/otp.service';
import { IssuedOtp } from '../otp/otp.types';
import { User } from '../users/entities/user.entity';
import { BillService } from './bill.service';
import { RequestOtpDto } from './dto/wallet.dto';
import { BillNotUnpaidError, OtpFieldsError, RecipientNotFoundError } from './wallet.errors';
import { WalletRules } from './wallet-rules';

@Injectable()
export class WalletService {
  constructor(
    private readonly ledger: LedgerQueryService,
    private readonly otp: OtpService,
    private readonly rules: WalletRules,
    private readonly bills: BillService,
  ) {}

  /** With a manager, as seen inside that transaction (e.g. right after a payment in it). */
  balance(user: User, manager?: EntityManager): Promise<AccountBalance> {
    return this.ledger.balance(walletAccountCode(user.id), manager);
  }

  /**
   * Sends a code for one action on exactly these fields. What would fail later (unknown
   * recipient, yourself, too much, a bill you cannot pay) fails here already, before a code is spent.
   */
  async requestOtp(user: User, request: RequestOtpDto): Promise<IssuedOtp> {
    if (request.action === 'pulsa.pin') {
      if (request.to !== undefined || request.amount !== undefined || request.code !== undefined) {
        throw new OtpFieldsError('pulsa.pin takes no fields: the code confirms the new PIN itself');
      }
      return this.otp.issue(user.id, 'pulsa.pin', {});
    }
    if (request.action === 'bill.pay') {
      if (request.to !== undefined || request.amount !== undefined) {
        throw new OtpFieldsError('bill.pay takes only the bill code');
      }
      const bill = await this.bills.get(user, request.code!);
      if (bill.toUserId !== user.id) throw new OtpFieldsError('Only the payer of a bill can pay it');
      if (bill.status !== 'unpaid') throw new BillNotUnpaidError(bill.status);
      return this.otp.issue(user.id, 'bill.pay', { code: bill.code });
    }
    if (request.code !== undefined) throw new OtpFieldsError(`${request.action} takes to and amount, not a bill code`);
    this.rules.checkAmount(request.amount!);
    // The recipient is looked up in the same call that issues the code.
    const to = this.rules.recipientName(user, request.to!, request.action === 'transfer' ? 'transfer' : 'bill');
    const issued = await this.otp.issueToward(user.id, request.action, { to, amount: request.amount!.toString() }, to);
    if (!issued) throw new RecipientNotFoundError(request.to!);
    return issued;
  }
}
