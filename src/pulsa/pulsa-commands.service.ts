import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { LedgerQueryService } from '../ledger/ledger-query.service';
import { walletAccountCode } from '../ledger/ledger.types';
import { User } from '../users/entities/user.entity';
import { AgentPinsService } from './agent-pins.service';
import { CatalogueService } from './catalogue.service';
import { COMMAND_FORMATS, parseCommand, PulsaCommand } from './command-parser';
import { DepositPurpose } from './deposit.purpose';
import { normaliseDestination, OPERATOR_NAMES, operatorNamed } from './operators';
import { PurchaseDispatcher } from './purchase-dispatcher.service';
import { PurchaseService } from './purchase.service';
import {
  acceptedText,
  balanceText,
  NO_BALANCE_IN_GROUP,
  NOT_AN_AGENT_TEXT,
  POINTER_TO_HELP,
  priceListText,
  refusalText,
  statusText,
} from './pulsa-replies';
import { InvalidDestinationError, PulsaTransactionNotFoundError, UnknownOperatorError } from './pulsa.errors';
import type { PurchaseChannel } from './pulsa.types';
import { TransactionsStore } from './transactions.store';

export interface Conversation {
  channel: Extract<PurchaseChannel, 'chat' | 'message'>;
  /** A group chat: purchases work, balances are never shown. */
  group: boolean;
}

export interface Answer {
  text: string;
  /** Work to start once the answer is on its way (sending a purchase to the supplier). */
  followUp?: () => void;
}

/**
 * The pulsa commands of every text channel: one parser, then the same services the REST routes
 * call. Runs outside any transaction (purchases commit their own, deposits call Midtrans), and
 * turns refusals into the sentences agents read, so every channel answers a text the same way.
 */
@Injectable()
export class PulsaCommandsService {
  constructor(
    private readonly purchases: PurchaseService,
    private readonly dispatcher: PurchaseDispatcher,
    private readonly catalogue: CatalogueService,
    private readonly pins: AgentPinsService,
    private readonly balances: LedgerQueryService,
    private readonly store: TransactionsStore,
    private readonly deposits: DepositPurpose,
  ) {}

  async answer(user: User, text: string, conversation: Conversation): Promise<Answer> {
    if (user.role !== 'agent') return { text: NOT_AN_AGENT_TEXT };
    const command = parseCommand(text);
    try {
      return await this.run(user, command, conversation);
    } catch (error) {
      if (error instanceof DomainError) return { text: refusalText(error) };
      throw error;
    }
  }

  private async run(agent: User, command: PulsaCommand, conversation: Conversation): Promise<Answer> {
    switch (command.kind) {
      case 'help':
        return { text: ['Format perintah pulsa:', ...COMMAND_FORMATS].join('\n') };
      case 'invalid':
        return { text: `${command.problem} ${POINTER_TO_HELP}` };
      case 'balance': {
        if (conversation.group) return { text: NO_BALANCE_IN_GROUP };
        if (command.pin !== undefined) await this.pins.verify(agent.id, command.pin);
        return { text: balanceText(await this.balances.balance(walletAccountCode(agent.id))) };
      }
      case 'prices': {
        const operator = command.operator === undefined ? undefined : operatorNamed(command.operator);
        if (operator === null) throw new UnknownOperatorError(command.operator!);
        const products = await this.catalogue.list({ operator });
        return { text: priceListText(products, operator && OPERATOR_NAMES[operator]) };
      }
      case 'status': {
        const transaction = await this.store.find(command.shortId, agent.id);
        if (!transaction) throw new PulsaTransactionNotFoundError(command.shortId);
        return { text: statusText(transaction) };
      }
      case 'latest': {
        const destination = normaliseDestination(command.destination);
        if (!destination) throw new InvalidDestinationError();
        const transaction = await this.store.latestTo(agent.id, destination);
        return { text: transaction ? statusText(transaction) : `Belum ada transaksi ke ${destination}.` };
      }
      case 'deposit': {
        const { redirectUrl } = await this.deposits.start(agent, command.amount);
        return { text: `Bayar deposit di tautan ini:\n${redirectUrl}\nSaldo bertambah begitu pembayaran diterima.` };
      }
      case 'buy': {
        const { transaction, available } = await this.purchases.place(agent.id, {
          productCode: command.productCode,
          destination: command.destination,
          pin: command.pin,
          counter: command.counter,
          channel: conversation.channel,
        });
        return {
          text: acceptedText(transaction, conversation.group ? null : available),
          followUp: () => this.dispatcher.dispatch(transaction),
        };
      }
    }
  }
}
