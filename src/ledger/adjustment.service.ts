import { Injectable, Logger } from '@nestjs/common';
import { User } from '../users/entities/user.entity';
import { LedgerService } from './ledger.service';
import { move, PostedJournal, SystemAccount } from './ledger.types';

/** Admin credits and debits (cash deposits, corrections), always against system:cash and always audited. */
@Injectable()
export class AdjustmentService {
  private readonly logger = new Logger(AdjustmentService.name);

  constructor(private readonly ledger: LedgerService) {}

  async adjust(
    admin: User,
    input: { account: string; amount: bigint; reason: string; idempotencyKey?: string },
  ): Promise<PostedJournal> {
    const credit = input.amount > 0n;
    const amount = credit ? input.amount : -input.amount;
    const journal = await this.ledger.post({
      kind: 'adjustment',
      legs: credit ? move(SystemAccount.cash, input.account, amount) : move(input.account, SystemAccount.cash, amount),
      scope: `admin.adjustment:${admin.id}`,
      idempotencyKey: input.idempotencyKey,
      reference: `adjustment:${input.account}`,
      metadata: { reason: input.reason, adminId: admin.id, adminUsername: admin.username },
    });
    if (!journal.replayed) {
      this.logger.log(
        `Adjustment ${journal.id}: ${input.amount} on ${input.account} by admin ${admin.id} (${admin.username}): ${input.reason}`,
      );
    }
    return journal;
  }
}
