import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { uniqueViolation } from '../database/unique-violation';
import { Page } from '../common/pagination/page.dto';
import { LedgerService } from '../ledger/ledger.service';
import { move, walletAccountCode } from '../ledger/ledger.types';
import { OtpService } from '../otp/otp.service';
import { OtpConfirmation } from '../otp/otp.types';
import { User } from '../users/entities/user.entity';
import { BILL_CODE_PATTERN } from './dto/wallet.dto';
import { Bill, BillStatus } from './entities/bill.entity';
import { BillNotFoundError, BillNotUnpaidError } from './wallet.errors';
import { WalletNotifier } from './wallet-notifier';
import { WalletRules } from './wallet-rules';

// No 0/O, 1/I/L: codes are read aloud and typed from chat messages.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 10;

export interface NewBill {
  to: string;
  name: string;
  amount: bigint;
  description?: string;
  otp: OtpConfirmation;
}

/** Bills: `from` asks `to` for money; only those two ever see a bill. */
@Injectable()
export class BillService {
  private readonly logger = new Logger(BillService.name);

  constructor(
    @InjectRepository(Bill) private readonly bills: Repository<Bill>,
    private readonly ledger: LedgerService,
    private readonly otp: OtpService,
    private readonly rules: WalletRules,
    private readonly notifier: WalletNotifier,
  ) {}

  async create(sender: User, input: NewBill): Promise<Bill> {
    this.rules.checkAmount(input.amount);
    const payer = await this.rules.counterparty(sender, input.to, 'bill');
    const payload = { to: payer.username, amount: input.amount.toString() };
    for (let attempt = 1; ; attempt++) {
      try {
        const bill = await this.otp.confirm(sender.id, 'bill.create', payload, input.otp, async (manager) => {
          const created = await manager.save(
            manager.create(Bill, {
              code: newBillCode(),
              name: input.name,
              description: input.description ?? null,
              amount: input.amount,
              fromUserId: sender.id,
              toUserId: payer.id,
              status: 'unpaid',
            }),
          );
          await this.notifier.billReceived(manager, created, sender, payer);
          return created;
        });
        this.logger.log(`Bill ${bill.code}: ${sender.id} asks ${payer.id} for ${input.amount}`);
        return { ...bill, fromUser: sender, toUser: payer };
      } catch (error) {
        // 31^10 codes make a clash very unlikely; a clash rolls back, so just draw again.
        if (attempt < 3 && isCodeClash(error)) continue;
        throw error;
      }
    }
  }

  async list(
    user: User,
    filter: { direction?: 'incoming' | 'outgoing'; status?: BillStatus; limit: number; offset: number },
  ): Promise<Page<Bill>> {
    const query = this.withParties().orderBy('bill.createdAt', 'DESC').addOrderBy('bill.id', 'DESC');
    if (filter.direction === 'incoming') query.where('bill.toUserId = :id', { id: user.id });
    else if (filter.direction === 'outgoing') query.where('bill.fromUserId = :id', { id: user.id });
    else query.where('(bill.toUserId = :id OR bill.fromUserId = :id)', { id: user.id });
    if (filter.status) query.andWhere('bill.status = :status', { status: filter.status });
    const [items, total] = await query.take(filter.limit).skip(filter.offset).getManyAndCount();
    return { items, total, limit: filter.limit, offset: filter.offset };
  }

  async listAll(filter: {
    username?: string;
    status?: BillStatus;
    limit: number;
    offset: number;
  }): Promise<Page<Bill>> {
    const query = this.withParties().orderBy('bill.createdAt', 'DESC').addOrderBy('bill.id', 'DESC');
    if (filter.username) {
      query.where('(fromUser.username = :username OR toUser.username = :username)', { username: filter.username });
    }
    if (filter.status) query.andWhere('bill.status = :status', { status: filter.status });
    const [items, total] = await query.take(filter.limit).skip(filter.offset).getManyAndCount();
    return { items, total, limit: filter.limit, offset: filter.offset };
  }

  /** A bill its sender or payer may see; anyone else is told it does not exist. */
  async get(user: User, code: string): Promise<Bill> {
    const bill = BILL_CODE_PATTERN.test(code)
      ? await this.withParties().where('bill.code = :code', { code }).getOne()
      : null;
    if (!bill || (bill.fromUserId !== user.id && bill.toUserId !== user.id)) throw new BillNotFoundError(code);
    return bill;
  }

  /** The payer pays: the journal and the bill's status commit together. */
  async pay(payer: User, code: string, otp: OtpConfirmation): Promise<Bill> {
    const bill = await this.payable(payer, code);
    return this.otp.confirm(payer.id, 'bill.pay', { code }, otp, (manager) => this.settle(manager, bill, payer));
  }

  /** Paying from the payer's own linked Telegram chat: the chat is the second factor. */
  async payInChat(manager: EntityManager, payer: User, code: string): Promise<Bill> {
    return this.settle(manager, await this.payable(payer, code), payer);
  }

  private async payable(payer: User, code: string): Promise<Bill> {
    const bill = await this.get(payer, code);
    if (bill.toUserId !== payer.id) throw new BillNotFoundError(code);
    return bill;
  }

  /** The journal and the bill's status commit together. */
  private async settle(manager: EntityManager, bill: Bill, payer: User): Promise<Bill> {
    const locked = await this.lockUnpaid(manager, bill.id);
    const journal = await this.ledger.post(
      {
        kind: 'bill_payment',
        legs: move(walletAccountCode(payer.id), walletAccountCode(locked.fromUserId), locked.amount),
        reference: `bill:${locked.code}`,
        metadata: { bill: locked.code, name: locked.name, from: payer.username, to: bill.fromUser.username },
      },
      manager,
    );
    const resolved = { status: 'paid' as const, journalId: journal.id, resolvedAt: new Date() };
    await manager.update(Bill, { id: locked.id }, resolved);
    await this.notifier.billPaid(manager, bill, payer, bill.fromUser);
    this.logger.log(`Bill ${bill.code} paid by ${payer.id} (journal ${journal.id})`);
    return { ...bill, ...resolved };
  }

  /** The sender withdraws an unpaid bill. */
  cancel(sender: User, code: string): Promise<Bill> {
    return this.close(sender, code, 'fromUserId', 'cancelled');
  }

  /** The payer refuses an unpaid bill. */
  decline(payer: User, code: string): Promise<Bill> {
    return this.close(payer, code, 'toUserId', 'declined');
  }

  private async close(
    user: User,
    code: string,
    party: 'fromUserId' | 'toUserId',
    status: 'cancelled' | 'declined',
  ): Promise<Bill> {
    const bill = await this.get(user, code);
    if (bill[party] !== user.id) throw new BillNotFoundError(code);
    const resolved = { status, resolvedAt: new Date() };
    await this.ledger.transaction(async (manager) => {
      await this.lockUnpaid(manager, bill.id);
      await manager.update(Bill, { id: bill.id }, resolved);
    });
    this.logger.log(`Bill ${code} ${status} by ${user.id}`);
    return { ...bill, ...resolved };
  }

  private async lockUnpaid(manager: EntityManager, id: string): Promise<Bill> {
    const bill = await manager.findOne(Bill, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!bill) throw new BillNotFoundError(id);
    if (bill.status !== 'unpaid') throw new BillNotUnpaidError(bill.status);
    return bill;
  }

  private withParties() {
    return this.bills
      .createQueryBuilder('bill')
      .innerJoinAndSelect('bill.fromUser', 'fromUser')
      .innerJoinAndSelect('bill.toUser', 'toUser');
  }
}

export function newBillCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

function isCodeClash(error: unknown): boolean {
  return uniqueViolation(error) === 'bills_code_key';
}
