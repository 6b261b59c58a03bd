import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InjectBot } from 'nestjs-telegraf';
import { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import { DataSource, EntityManager } from 'typeorm';
import { botScope } from './bot-scope';
import { SOMETHING_WENT_WRONG } from './bot/bot-messages';
import { OutboxService } from './outbox.service';

/**
 * Handles stored updates: one chat at a time and in update_id order (across instances too,
 * through a per-chat advisory lock), different chats in parallel. Each update is one transaction:
 * what the handler changes, its replies in the outbox and the inbox row's outcome commit together.
 */
@Injectable()
export class UpdateProcessorService implements OnApplicationShutdown {
  private readonly logger = new Logger(UpdateProcessorService.name);
  private readonly chains = new Map<number, Promise<void>>();
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectBot() private readonly bot: Telegraf,
    private readonly outbox: OutboxService,
  ) {
    // Errors must reach the processor so the update's transaction rolls back.
    this.bot.catch((error) => {
      throw error;
    });
  }

  /** Queues a drain of this chat's backlog behind any drain already running for it here. */
  schedule(chatId: number): Promise<void> {
    const previous = this.chains.get(chatId) ?? Promise.resolve();
    const next = previous
      .then(() => this.drain(chatId))
      .catch((error: unknown) => {
        this.logger.error({ err: error }, `Draining chat ${chatId} failed`);
      });
    this.chains.set(chatId, next);
    void next.then(() => {
      if (this.chains.get(chatId) === next) this.chains.delete(chatId);
    });
    return next;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.chains.values());
  }

  private async drain(chatId: number): Promise<void> {
    while (!this.stopped) {
      const handled = await this.handleNext(chatId);
      if (!handled) return;
    }
  }

  /** Handles the oldest unhandled update of the chat; false when there is none or another instance has the chat. */
  private async handleNext(chatId: number): Promise<boolean> {
    let failed: { updateId: number; error: unknown } | undefined;
    const handled = await this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query<{ locked: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock(hashtextextended('telegram-chat:' || $1, 0)) AS locked`,
        [chatId],
      );
      if (!locked) return false;
      const [row] = await manager.query<{ update_id: string; payload: Update }[]>(
        `SELECT update_id, payload FROM telegram_inbox WHERE chat_id = $1 AND handled_at IS NULL
          ORDER BY update_id LIMIT 1`,
        [chatId],
      );
      if (!row) return false;
      const updateId = Number(row.update_id);
      try {
        await manager.transaction((inner) =>
          botScope.run({ manager: inner, updateId }, () => this.bot.handleUpdate(row.payload)),
        );
        await manager.query(
          `UPDATE telegram_inbox SET handled_at = clock_timestamp(), outcome = 'ok' WHERE update_id = $1`,
          [updateId],
        );
      } catch (error) {
        failed = { updateId, error };
        await this.recordFailure(manager, chatId, updateId, error);
      }
      return true;
    });
    if (failed) this.logger.error({ err: failed.error }, `Update ${failed.updateId} of chat ${chatId} failed`);
    return handled;
  }

  /** A failed update is not retried forever: it is marked, and the user is told something went wrong. */
  private async recordFailure(manager: EntityManager, chatId: number, updateId: number, error: unknown): Promise<void> {
    await manager.query(
      `UPDATE telegram_inbox SET handled_at = clock_timestamp(), outcome = 'error', error = $2 WHERE update_id = $1`,
      [updateId, String(error instanceof Error ? error.message : error).slice(0, 1000)],
    );
    await this.outbox.sendMessage(manager, chatId, { text: SOMETHING_WENT_WRONG }, updateId);
  }
}
