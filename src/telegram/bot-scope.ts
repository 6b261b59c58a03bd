import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';

/** The transaction an update is handled in, so replies join the same commit as the change they report. */
export interface BotScope {
  manager: EntityManager;
  updateId: number;
}

export const botScope = new AsyncLocalStorage<BotScope>();
