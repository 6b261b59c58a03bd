import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Page } from '../common/pagination/page';
import { IdempotencyConflictError } from '../ledger/ledger.errors';
import { requestHash } from '../ledger/ledger-sql';
import { LedgerService } from '../ledger/ledger.service';
import { move, walletAccountCode } from '../ledger/ledger.types';
import { OtpService } from '../otp/otp.service';
import { OtpConfirmation } from '../otp/otp.types';
import { User } from '../users/entities/user.entity';
import { WalletTransfer } from './entities/wallet-transfer.entity';
import { WalletRules } from './wallet-rules';

export interface TransferRequest {
  to: string;
  amount: bigint;
  description?: string;
  otp: OtpConfirmation;
}

export interface TransferResult {
  transfer: WalletTransfer;
  replayed: boolean;
}

@Injectable()
export class TransferService {
  private readonly logger = new Logger(TransferService.name);

  constructor(
    @InjectRepository(WalletTransfer) private readonly transfers: Repository<WalletTransfer>,
    private readonly ledger: LedgerService,
    private readonly otp: OtpService,
    private readonly rules: WalletRules,
  ) {}

  /**
   * Sends money from one wallet to another, confirmed by a code bound to this recipient and
   * amount. With an idempotency key, a retry of the same request returns the first transfer.
   */
  async transfer(sender: User, request: TransferRequest, idempotencyKey?: string): Promise<TransferResult> {
    this.rules.checkAmount(request.amount);
    const recipient = await this.rules.counterparty(sender, request.to, 'transfer');
    const hash = idempotencyKey ? requestHash(request) : null;
    const payload = { to: recipient.username, amount: request.amount.toString() };

    const result = await this.otp.confirm<TransferResult>(
      sender.id,
      'transfer',
      payload,
      request.otp,
      async (manager) => {
        const journal = await this.ledger.post(
          {
            kind: 'transfer',
            legs: move(walletAccountCode(sender.id), walletAccountCode(recipient.id), request.amount),
            metadata: { from: sender.username, to: recipient.username, description: request.description },
          },
          manager,
        );
        const balanceAfter = journal.entries.find((e) => e.account === walletAccountCode(sender.id))!.balanceAfter!;
        const transfer = await manager.save(
          manager.create(WalletTransfer, {
            fromUserId: sender.id,
            toUserId: recipient.id,
            amount: request.amount,
            description: request.description ?? null,
            journalId: journal.id,
            balanceAfter,
            idempotencyKey: idempotencyKey ?? null,
            requestHash: hash,
          }),
        );
        return { transfer: { ...transfer, fromUser: sender, toUser: recipient }, replayed: false };
      },
      idempotencyKey ? (manager) => this.replay(manager, sender, idempotencyKey, hash!) : undefined,
    );
    if (!result.replayed) {
      this.logger.log(
        `Transfer ${result.transfer.id}: ${request.amount} from ${sender.id} to ${recipient.id} (journal ${result.transfer.journalId})`,
      );
    }
    return result;
  }

  async list(filter: { username?: string; limit: number; offset: number }): Promise<Page<WalletTransfer>> {
    const query = this.transfers
      .createQueryBuilder('t')
      .innerJoinAndSelect('t.fromUser', 'fromUser')
      .innerJoinAndSelect('t.toUser', 'toUser')
      .orderBy('t.createdAt', 'DESC')
      .addOrderBy('t.id', 'DESC');
    if (filter.username) {
      query.where('(fromUser.username = :username OR toUser.username = :username)', { username: filter.username });
    }
    const [items, total] = await query.take(filter.limit).skip(filter.offset).getManyAndCount();
    return { items, total, limit: filter.limit, offset: filter.offset };
  }

  private async replay(
    manager: EntityManager,
    sender: User,
    idempotencyKey: string,
    hash: string,
  ): Promise<TransferResult | undefined> {
    const first = await manager.findOne(WalletTransfer, {
      where: { fromUserId: sender.id, idempotencyKey },
      relations: { fromUser: true, toUser: true },
    });
    if (!first) return undefined;
    if (first.requestHash !== hash) throw new IdempotencyConflictError(idempotencyKey);
    return { transfer: first, replayed: true };
  }
}
