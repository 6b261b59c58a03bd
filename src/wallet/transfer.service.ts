import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { requestHash } from '../common/hash/request-hash';
import { Page } from '../common/pagination/page.dto';
import { IdempotencyConflictError } from '../ledger/ledger.errors';
import { LedgerService } from '../ledger/ledger.service';
import { OtpSpendOutcome, otpSpendError } from '../otp/otp.errors';
import { OtpService } from '../otp/otp.service';
import { OtpConfirmation, OtpProof } from '../otp/otp.types';
import { messagePayload } from '../telegram/outbox.service';
import { User } from '../users/entities/user.entity';
import { WalletTransfer } from './entities/wallet-transfer.entity';
import { RecipientNotFoundError, SelfTransferError } from './wallet.errors';
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

/**
 * One row of the wallet_transfer SQL function (TransferIsItsJournal migration); the transfer's
 * columns are set for ok and replayed only, and its id is its ledger journal's.
 */
interface TransferRow {
  outcome:
    | 'ok'
    | 'replayed'
    | 'recipient_not_found'
    | 'self_transfer'
    | 'idempotency_conflict'
    | `otp_${Exclude<OtpSpendOutcome, 'ok'>}`;
  tries_left: number | null;
  id: string;
  to_user_id: string;
  to_username: string;
  amount: string;
  description: string | null;
  balance_after: string;
  journal_id: string;
  created_at: Date;
  notified: boolean | null;
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
   * One database call: the code is spent, the journal (which is the transfer) posted and the
   * recipient told together, or none of it.
   */
  async transfer(sender: User, request: TransferRequest, idempotencyKey?: string): Promise<TransferResult> {
    const to = this.recipientName(sender, request.to, request.amount);
    const proof = this.otp.proof('transfer', { to, amount: request.amount.toString() }, request.otp);
    const hash = idempotencyKey ? requestHash(request) : null;
    const row = await this.move(sender, to, request.amount, request.description, { key: idempotencyKey, hash }, proof);
    if (row.outcome === 'idempotency_conflict') throw new IdempotencyConflictError(idempotencyKey!);
    return { transfer: this.toTransfer(row, sender), replayed: row.outcome === 'replayed' };
  }

  /** A transfer confirmed in the sender's own linked Telegram chat: the chat is the second factor. */
  async transferInChat(manager: EntityManager, sender: User, to: string, amount: bigint): Promise<WalletTransfer> {
    const row = await this.move(sender, this.recipientName(sender, to, amount), amount, undefined, {}, null, manager);
    return this.toTransfer(row, sender);
  }

  /** The amount's limit and the recipient's name as stored; the rest is checked in wallet_transfer. */
  private recipientName(sender: User, to: string, amount: bigint): string {
    this.rules.checkAmount(amount);
    return this.rules.recipientName(sender, to, 'transfer');
  }

  private async move(
    sender: User,
    to: string,
    amount: bigint,
    description: string | undefined,
    idempotency: { key?: string; hash?: string | null },
    proof: OtpProof | null,
    manager?: EntityManager,
  ): Promise<TransferRow> {
    // The same key sent with another code at the same moment: when the other request commits first,
    // the journal's idempotency index makes this one fail as IdempotencyConflictError (LKIDC).
    const [row] = await this.ledger.execute<TransferRow>(
      'SELECT * FROM wallet_transfer($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
      [
        sender.id,
        to,
        amount.toString(),
        description ?? null,
        { from: sender.username, to, description },
        idempotency.key ?? null,
        idempotency.hash ?? null,
        proof?.challengeId ?? null,
        proof?.payloadHash ?? null,
        proof?.codeHash ?? null,
        messagePayload(this.notifier.moneyReceived(sender, amount, description)),
      ],
      manager,
    );
    switch (row.outcome) {
      case 'recipient_not_found':
        throw new RecipientNotFoundError(to);
      case 'self_transfer':
        throw new SelfTransferError();
      case 'ok':
        if (row.notified) this.notifier.queued();
        this.logger.log(
          `Transfer ${row.id}: ${amount} from ${sender.id} to ${row.to_user_id} (journal ${row.journal_id})`,
        );
        return row;
      case 'replayed':
      case 'idempotency_conflict':
        return row;
      default:
        throw otpSpendError(row.outcome.slice('otp_'.length) as Exclude<OtpSpendOutcome, 'ok'>, row.tries_left);
    }
  }

  private toTransfer(row: TransferRow, sender: User): WalletTransfer {
    return {
      id: row.id,
      fromUserId: sender.id,
      fromUser: sender,
      toUserId: row.to_user_id,
      toUser: { id: row.to_user_id, username: row.to_username } as User,
      amount: BigInt(row.amount),
      description: row.description,
      journalId: row.journal_id,
      balanceAfter: BigInt(row.balance_after),
      idempotencyKey: null,
      requestHash: null,
      createdAt: row.created_at,
    };
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
}
