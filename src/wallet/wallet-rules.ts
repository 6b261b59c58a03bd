import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ResolvedConfig } from '../config/loket.config';
import { USERNAME_PATTERN } from '../users/dto/username';
import { User } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { AmountTooLargeError, RecipientNotFoundError, SelfBillError, SelfTransferError } from './wallet.errors';

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
    const recipient = await this.users.findByUsername(this.recipientName(sender, username, what));
    if (!recipient) throw new RecipientNotFoundError(username);
    return recipient;
  }

  /**
   * The checks on the other party that need no database, for callers that look them up in SQL of
   * their own (wallet_transfer); returns the name as stored (usernames are lower case).
   */
  recipientName(sender: User, username: string, what: 'transfer' | 'bill'): string {
    const name = username.toLowerCase();
    if (name === sender.username) throw what === 'transfer' ? new SelfTransferError() : new SelfBillError();
    // No stored username can match anything else, and PostgreSQL rejects some text (NUL) outright.
    if (!USERNAME_PATTERN.test(name)) throw new RecipientNotFoundError(username);
    return name;
  }
}
