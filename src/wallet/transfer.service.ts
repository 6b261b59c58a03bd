import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { requestHash } from '../common/hash/request-hash';
import { Page } from '../common/pagination/page';
import { IdempotencyConflictError } from '../ledger/ledger.errors';
import { LedgerService } from '../ledger/ledger.service';
import { move, walletAccountCode } from '../ledger/ledger.types';
import { OtpService } from '../otp/otp.service';
import { OtpConfirmation } from '../otp/otp.types';
import { User } from '../users/entities/user.entity';
import { WalletTransfer } from './entities/wallet-transfer.entity';
import { WalletNotifier } from './wallet-notifier';
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
    private readonly notifier: WalletNotifier,
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
      async (manager) => ({
        transfer: await this.move(manager, sender, recipient, request.amount, request.description, {
          idempotencyKey,
          hash,
        }),
        replayed: false,
      }),
      idempotencyKey ? (manager) => this.replay(manager, sender, idempotencyKey, hash!) : undefined,
    );
    return result;
  }

  /** A transfer confirmed in the sender's own linked Telegram chat: the chat is the second factor. */
  async transferInChat(manager: EntityManager, sender: User, to: string, amount: bigint): Promise<WalletTransfer> {
    this.rules.checkAmount(amount);
    const recipient = await this.rules.counterparty(sender, to, 'transfer');
    return this.move(manager, sender, recipient, amount, undefined, {});
  }

  private async move(
    manager: EntityManager,
    sender: User,
    recipient: User,
    amount: bigint,
    description: string | undefined,
    idempotency: { idempotencyKey?: string; hash?: string | null },
  ): Promise<WalletTransfer> {
    const journal = await this.ledger.post(
      {
        kind: 'transfer',
        legs: move(walletAccountCode(sender.id), walletAccountCode(recipient.id), amount),
        metadata: { from: sender.username, to: recipient.username, description },
      },
      manager,
    );
    const balanceAfter = journal.entries.find((e) => e.account === walletAccountCode(sender.id))!.balanceAfter!;
    const transfer = await manager.save(
      manager.create(WalletTransfer, {
        fromUserId: sender.id,
        toUserId: recipient.id,
        amount,
        description: description ?? null,
        journalId: journal.id,
        balanceAfter,
        idempotencyKey: idempotency.idempotencyKey ?? null,
        requestHash: idempotency.hash ?? null,
      }),
    );
    await this.notifier.moneyReceived(manager, recipient, sender, amount, description);
    this.logger.log(`Transfer ${transfer.id}: ${amount} from ${sender.id} to ${recipient.id} (journal ${journal.id})`);
    return { ...transfer, fromUser: sender, toUser: recipient };
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
