import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';

/** The transaction an update is handled in, so replies join the same commit as the change they report. */
export interface BotScope {
  manager: EntityManager;
  updateId: number;
  /** Work queued by the handler for after the update's transaction commits (see BotRequest.afterCommit). */
  afterCommit: Array<() => Promise<void>>;
}

export const botScope = new AsyncLocalStorage<BotScope>();
