import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxService } from '../outbox.service';
import { BotRegistry } from './bot-registry';
import { ChatRole } from './bot-request';

/** Telegram's limits for setMyCommands: a name of a-z, 0-9 and _, a description of 1–256 characters. */
const MENU_NAME = /^[a-z0-9_]{1,32}$/;
const MAX_DESCRIPTION = 256;

/**
 * The outbox queue menu calls wait in. They are not messages to the chat, so they do not take the
 * chat's turn (at TELEGRAM_CHAT_RATE, a menu queued with a link held its welcome back a second).
 */
const MENU_QUEUE = 0;

export interface MenuCommand {
  command: string;
  description: string;
}

/**
 * The command menu Telegram shows beside the text field, by role: the default scope carries the
 * guests' commands (set at start), a linked chat its user's role's (set in the link's transaction,
 * through the outbox, and deleted again on /unlink so the chat falls back to the default).
 */
@Injectable()
export class BotMenu {
  constructor(
    private readonly registry: BotRegistry,
    private readonly outbox: OutboxService,
  ) {}

  /** The slash commands `role` may use, as setMyCommands takes them. */
  commandsFor(role: ChatRole): MenuCommand[] {
    return this.registry
      .commandsFor(role)
      .filter((c) => MENU_NAME.test(c.name))
      .map((c) => ({ command: c.name, description: c.description.slice(0, MAX_DESCRIPTION) }));
  }

  /** setMyCommands' parameters for everyone without a menu of their own. */
  defaultMenu(): { commands: MenuCommand[]; scope: { type: 'default' } } {
    return { commands: this.commandsFor('guest'), scope: { type: 'default' } };
  }

  async showLinked(manager: EntityManager, chatId: number, role: ChatRole): Promise<void> {
    await this.outbox.enqueue(manager, MENU_QUEUE, 'setMyCommands', {
      commands: this.commandsFor(role),
      scope: { type: 'chat', chat_id: chatId },
    });
  }

  async reset(manager: EntityManager, chatId: number): Promise<void> {
    await this.outbox.enqueue(manager, MENU_QUEUE, 'deleteMyCommands', { scope: { type: 'chat', chat_id: chatId } });
  }
}
