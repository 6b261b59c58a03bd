import type { EntityManager } from 'typeorm';
import type { BotSession } from './bot-request';

/** Conversation state for one chat in telegram_sessions, read and written in the update's transaction. */
export function sessionFor(manager: EntityManager, chatId: number): BotSession {
  const key = (name: string) => `${chatId}:${name}`;
  return {
    async get<T>(name: string) {
      const [row] = await manager.query<{ data: T }[]>('SELECT data FROM telegram_sessions WHERE key = $1', [
        key(name),
      ]);
      return row?.data;
    },
    async set(name: string, value: unknown) {
      await manager.query(
        `INSERT INTO telegram_sessions (key, data) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET data = $2, updated_at = now()`,
        [key(name), JSON.stringify(value)],
      );
    },
    async clear(name: string) {
      await manager.query('DELETE FROM telegram_sessions WHERE key = $1', [key(name)]);
    },
  };
}
