import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Update } from 'telegraf/types';
import { DataSource } from 'typeorm';

export interface StoredUpdate {
  updateId: number;
  chatId: number | null;
  /** False when this update_id was already in the inbox: a repeat delivery, acknowledged and ignored. */
  isNew: boolean;
}

/** Every update Telegram sends, stored once by update_id whichever way it came (polling or webhook). */
@Injectable()
export class InboxService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async store(update: Update): Promise<StoredUpdate> {
    const summary = summarise(update);
    const inserted = await this.dataSource.query<unknown[]>(
      `INSERT INTO telegram_inbox (update_id, chat_id, from_id, kind, text, callback_data, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (update_id) DO NOTHING RETURNING update_id`,
      [update.update_id, summary.chatId, summary.fromId, summary.kind, summary.text, summary.callbackData, update],
    );
    return { updateId: update.update_id, chatId: summary.chatId, isNew: inserted.length > 0 };
  }

  /** The offset for getUpdates: one past the newest update already stored. */
  async nextOffset(): Promise<number> {
    const [row] = await this.dataSource.query<{ next: string | null }[]>(
      'SELECT max(update_id) + 1 AS next FROM telegram_inbox',
    );
    return row.next === null ? 0 : Number(row.next);
  }

  /** Chats with updates nobody has handled yet (left by a crash or another instance). */
  async chatsWithBacklog(): Promise<number[]> {
    const rows = await this.dataSource.query<{ chat_id: string }[]>(
      'SELECT DISTINCT chat_id FROM telegram_inbox WHERE handled_at IS NULL AND chat_id IS NOT NULL LIMIT 500',
    );
    return rows.map((r) => Number(r.chat_id));
  }
}

function summarise(update: Update) {
  if ('message' in update) {
    const message = update.message;
    return {
      kind: 'message',
      chatId: message.chat.id,
      fromId: message.from?.id ?? null,
      text: 'text' in message ? message.text : null,
      callbackData: null,
    };
  }
  if ('callback_query' in update) {
    const query = update.callback_query;
    return {
      kind: 'callback_query',
      chatId: query.message?.chat.id ?? query.from.id,
      fromId: query.from.id,
      text: null,
      callbackData: 'data' in query ? query.data.slice(0, 128) : null,
    };
  }
  return {
    kind: Object.keys(update).find((k) => k !== 'update_id') ?? 'unknown',
    chatId: null,
    fromId: null,
    text: null,
    callbackData: null,
  };
}
