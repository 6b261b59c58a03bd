import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { EntityManager } from 'typeorm';

export interface InlineButton {
  text: string;
  /** Callback data, at most 64 bytes (Telegram's limit). */
  data: string;
}

export interface OutgoingMessage {
  text: string;
  buttons?: InlineButton[][];
}

/** Telegram allows 4096 characters a message. */
export const MAX_MESSAGE_LENGTH = 4096;

/**
 * Every message Loket sends is a row here, written in the transaction of the change it reports:
 * a rolled-back change sends nothing, a committed one is never lost. The dispatcher sends them.
 */
@Injectable()
export class OutboxService {
  /** Emits 'queued' so the dispatcher in this process can send at once instead of at its next poll. */
  readonly events = new EventEmitter();

  async sendMessage(manager: EntityManager, chatId: number, message: OutgoingMessage, inboxUpdateId?: number) {
    await this.enqueue(manager, chatId, 'sendMessage', { chat_id: chatId, ...messagePayload(message) }, inboxUpdateId);
  }

  /** Queues a message to the user's linked chat; false (and nothing queued) when they have none. */
  async notifyUser(manager: EntityManager, userId: string, message: OutgoingMessage): Promise<boolean> {
    const [{ notified }] = await manager.query<{ notified: boolean }[]>(
      'SELECT telegram_notify_user($1, $2) AS notified',
      [userId, messagePayload(message)],
    );
    if (notified) this.wake();
    return notified;
  }

  async enqueue(
    manager: EntityManager,
    chatId: number,
    method: string,
    payload: Record<string, unknown>,
    inboxUpdateId?: number,
  ): Promise<void> {
    await manager.query(
      'INSERT INTO telegram_outbox (chat_id, method, payload, inbox_update_id) VALUES ($1, $2, $3, $4)',
      [chatId, method, payload, inboxUpdateId ?? null],
    );
    this.wake();
  }

  /**
   * Tells this process's dispatcher a message was queued, for SQL functions that queue their own
   * (telegram_notify_user). If the transaction is still open its poll finds nothing yet and the next one will.
   */
  wake(): void {
    setImmediate(() => this.events.emit('queued'));
  }
}

/** A sendMessage payload without its chat: text cut to Telegram's limit, buttons as an inline keyboard. */
export function messagePayload(message: OutgoingMessage): Record<string, unknown> {
  const text =
    message.text.length > MAX_MESSAGE_LENGTH ? `${message.text.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : message.text;
  const payload: Record<string, unknown> = { text };
  if (message.buttons) {
    payload.reply_markup = {
      inline_keyboard: message.buttons.map((row) => row.map((b) => ({ text: b.text, callback_data: b.data }))),
    };
  }
  return payload;
}
