import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InjectBot } from 'nestjs-telegraf';
import { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import { DataSource, EntityManager } from 'typeorm';
import { botScope } from './bot-scope';
import { SOMETHING_WENT_WRONG } from './bot/bot-messages';
import { DomainError } from '../common/errors/domain-error';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import { BotDispatcherService } from './bot/bot-dispatcher.service';
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
    private readonly dispatcher: BotDispatcherService,
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
      const more = await this.handleNext(chatId);
      if (!more) return;
    }
  }

  /**
   * Handles the oldest unhandled update of the chat and says whether more are waiting; false too
   * when another instance holds the chat (that one drains it).
   */
  private async handleNext(chatId: number): Promise<boolean> {
    let failed: { updateId: number; payload: Update } | undefined;
    const afterCommit: Array<() => Promise<void>> = [];
    try {
      const more = await this.dataSource.transaction(async (manager) => {
        // The chat's lock and its two oldest unhandled updates, in one round trip.
        const rows = await manager.query<{ update_id: string; payload: Update }[]>(
          `SELECT update_id, payload FROM telegram_inbox
            WHERE chat_id = $1 AND handled_at IS NULL
              AND pg_try_advisory_xact_lock(hashtextextended('telegram-chat:' || $1, 0))
            ORDER BY update_id LIMIT 2`,
          [chatId],
        );
        if (rows.length === 0) return false;
        const updateId = Number(rows[0].update_id);
        failed = { updateId, payload: rows[0].payload };
        await botScope.run({ manager, updateId, afterCommit }, () => this.bot.handleUpdate(rows[0].payload));
        failed = undefined;
        await manager.query(
          `UPDATE telegram_inbox SET handled_at = clock_timestamp(), outcome = 'ok' WHERE update_id = $1`,
          [updateId],
        );
        return rows.length > 1;
      });
      // Started, not awaited: a slow provider must not hold up the chat's next update.
      for (const task of afterCommit) {
        task().catch((error: unknown) =>
          this.logger.error({ err: error }, `After-commit work of chat ${chatId} failed`),
        );
      }
      return more;
    } catch (error) {
      // With the database away the update stays unhandled, and the backlog sweep tries it again.
      if (!failed || isDatabaseUnavailable(error)) throw error;
      // The handler's writes rolled back with the transaction; the outcome is recorded on its own.
      const { updateId, payload } = failed;
      if (error instanceof DomainError) {
        await this.dataSource.transaction(async (manager) => {
          if (await this.markHandled(manager, updateId, 'ok')) {
            await this.dispatcher.refuse(manager, payload, chatId, error);
          }
        });
        return true;
      }
      this.logger.error({ err: error }, `Update ${updateId} of chat ${chatId} failed`);
      await this.dataSource.transaction((manager) => this.recordFailure(manager, chatId, updateId, error));
      return true;
    }
  }

  /** A failed update is not retried forever: it is marked, and the user is told something went wrong. */
  private async recordFailure(manager: EntityManager, chatId: number, updateId: number, error: unknown): Promise<void> {
    const reason = String(error instanceof Error ? error.message : error).slice(0, 1000);
    if (await this.markHandled(manager, updateId, 'error', reason)) {
      await this.outbox.sendMessage(manager, chatId, { text: SOMETHING_WENT_WRONG }, updateId);
    }
  }

  /** False when someone else recorded this update meanwhile. */
  private async markHandled(
    manager: EntityManager,
    updateId: number,
    outcome: 'ok' | 'error',
    error?: string,
  ): Promise<boolean> {
    const marked = await manager.query<unknown[]>(
      `WITH marked AS (UPDATE telegram_inbox SET handled_at = clock_timestamp(), outcome = $2, error = $3
                        WHERE update_id = $1 AND handled_at IS NULL RETURNING update_id)
       SELECT update_id FROM marked`,
      [updateId, outcome, error ?? null],
    );
    return marked.length > 0;
  }
}
