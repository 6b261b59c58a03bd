import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ResolvedConfig } from '../config/loket.config';
import { User } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { AmountTooLargeError, RecipientNotFoundError, SelfTransferError } from './wallet.errors';

/** Checks shared by transfers and bills, before a code is sent and again when it is spent. */
@Injectable()
export class WalletRules {
  private readonly maxAmount: bigint;

  constructor(
    private readonly users: UsersService,
    config: ConfigService<ResolvedConfig, true>,
  ) {
    this.maxAmount = config.get('wallet', { infer: true }).maxAmount;
  }

  checkAmount(amount: bigint): void {
    if (amount > this.maxAmount) throw new AmountTooLargeError(this.maxAmount);
  }

  /** The other party of a transfer or bill: an existing user who is not `sender`. */
  async counterparty(sender: User, username: string, what: 'transfer' | 'bill'): Promise<User> {
    if (username.toLowerCase() === sender.username) throw new SelfTransferError(what);
    const recipient = await this.users.findByUsername(username);
    if (!recipient) throw new RecipientNotFoundError(username);
    return recipient;
  }
}
