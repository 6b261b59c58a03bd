import { Injectable } from '@nestjs/common';
import type { Context } from 'telegraf';
import type { CallbackQuery, Message, Update } from 'telegraf/types';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { botScope } from '../bot-scope';
import { OutboxService, OutgoingMessage } from '../outbox.service';
import { TelegramLinksService } from '../telegram-links.service';
import { BotRegistry } from './bot-registry';
import { BotRequest, ChatRole } from './bot-request';
import { sessionFor } from './bot-sessions';
import { NOT_ALLOWED, NOT_TEXT, NOT_UNDERSTOOD, sentenceFor, TOO_LONG, UNKNOWN_COMMAND } from './bot-messages';

const asMessage = (message: OutgoingMessage | string): OutgoingMessage =>
  typeof message === 'string' ? { text: message } : message;

// Longer texts are not commands anyone types; they get a polite answer instead of a parse.
const MAX_COMMAND_LENGTH = 1000;

/** Turns a message or a button press into a call of the registered handler, and its errors into sentences. */
@Injectable()
export class BotDispatcherService {
  constructor(
    private readonly registry: BotRegistry,
    private readonly outbox: OutboxService,
    private readonly links: TelegramLinksService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onMessage(ctx: Context): Promise<void> {
    const request = await this.request(ctx);
    if (!request) return;
    const message = ctx.message as Message;
    const text = 'text' in message ? message.text.trim() : '';
    if (!text) return request.reply(NOT_TEXT);
    if (text.length > MAX_COMMAND_LENGTH) return request.reply(TOO_LONG);

    const command = this.registry.findCommand(text);
    if (command) {
      if (!command.command.roles.includes(request.role)) return request.reply(NOT_ALLOWED);
      return command.command.handle(request, command.args);
    }
    const pattern = this.registry.findPattern(text);
    if (pattern) {
      if (!pattern.pattern.roles.includes(request.role)) return request.reply(NOT_ALLOWED);
      return pattern.pattern.handle(request, pattern.match);
    }
    return request.reply(this.registry.isCommand(text) ? UNKNOWN_COMMAND : NOT_UNDERSTOOD);
  }

  async onCallbackQuery(ctx: Context): Promise<void> {
    const request = await this.request(ctx);
    const query = ctx.callbackQuery as CallbackQuery;
    if (!request) return;
    const data = 'data' in query ? query.data : '';
    const action = this.registry.findAction(data);
    let notice: string | void = undefined;
    if (!action) notice = 'Tombol ini sudah tidak berlaku.';
    else if (!action.roles.includes(request.role)) notice = NOT_ALLOWED;
    else notice = await action.handle(request, data);
    await this.outbox.enqueue(request.manager, request.chatId, 'answerCallbackQuery', {
      callback_query_id: query.id,
      ...(notice ? { text: notice.slice(0, 200) } : {}),
    });
  }

  private async request(ctx: Context): Promise<BotRequest | undefined> {
    const scope = botScope.getStore();
    if (!scope || !ctx.chat || !ctx.from) return undefined;
    const { manager, updateId, afterCommit } = scope;
    const chatId = ctx.chat.id;
    const user = await this.links.userOfChat(manager, chatId);
    const role: ChatRole = user?.role ?? 'guest';
    return {
      chatId,
      from: ctx.from,
      user,
      role,
      manager,
      reply: (message) => this.outbox.sendMessage(manager, chatId, asMessage(message), updateId),
      afterCommit: (task) => afterCommit.push(() => this.runAfterCommit(chatId, task)),
      session: sessionFor(manager, chatId),
    };
  }

  private async runAfterCommit(chatId: number, task: Parameters<BotRequest['afterCommit']>[0]): Promise<void> {
    const reply = async (message: OutgoingMessage | string) => {
      await this.dataSource.transaction((manager) => this.outbox.sendMessage(manager, chatId, asMessage(message)));
      this.outbox.wake();
    };
    try {
      await task(reply);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await reply(sentenceFor(error));
    }
  }

  /**
   * A handler stopped by a business rule: its update was rolled back whole (writes, session,
   * replies), and this, in a transaction of its own, tells the chat why and answers a pressed button.
   */
  async refuse(manager: EntityManager, update: Update, chatId: number, error: DomainError): Promise<void> {
    await this.outbox.sendMessage(manager, chatId, { text: sentenceFor(error) }, update.update_id);
    if ('callback_query' in update) {
      await this.outbox.enqueue(manager, chatId, 'answerCallbackQuery', {
        callback_query_id: update.callback_query.id,
      });
    }
  }
}
