import type { EntityManager } from 'typeorm';
import type { User, UserRole } from '../../users/entities/user.entity';
import type { OutgoingMessage } from '../outbox.service';

/** Who is talking: a linked Loket user, or a guest (an unlinked chat is treated as a customer). */
export type ChatRole = UserRole | 'guest';

export interface TelegramSender {
  id: number;
  username?: string;
  first_name?: string;
}

/**
 * One update as a feature handler sees it. Replies go to the outbox in the same transaction as
 * whatever the handler changes; handlers never call Telegram themselves.
 */
export interface BotRequest {
  chatId: number;
  from: TelegramSender;
  /** The linked Loket user, re-read for this update; null for a guest. */
  user: User | null;
  role: ChatRole;
  manager: EntityManager;
  reply(message: OutgoingMessage | string): Promise<void>;
  /**
   * Work that must not run inside the update's transaction, such as a call to Midtrans or a
   * supplier: it starts once the update has committed (never if it rolled back), and its replies
   * go out in transactions of their own. A business rule it breaks is told to the chat as usual.
   */
  afterCommit(task: (reply: (message: OutgoingMessage | string) => Promise<void>) => Promise<void>): void;
  /** Conversation state kept in PostgreSQL, so a restart or another instance continues it. */
  session: BotSession;
}

export interface BotSession {
  get<T>(name: string): Promise<T | undefined>;
  set(name: string, value: unknown): Promise<void>;
  clear(name: string): Promise<void>;
}

export interface BotCommand {
  /** `/name`, without the slash. */
  name: string;
  /** Other texts that mean the same, e.g. "Cek Saldo". */
  aliases?: RegExp[];
  /** Shown by /help, in Bahasa Indonesia. */
  description: string;
  usage?: string;
  roles: ChatRole[];
  handle(request: BotRequest, args: string): Promise<void>;
}

/** A text that is not a command but has a shape of its own, like `S10.081234567890`. */
export interface BotPattern {
  pattern: RegExp;
  description: string;
  usage: string;
  roles: ChatRole[];
  handle(request: BotRequest, match: RegExpExecArray): Promise<void>;
}

/** Inline-button presses whose callback data starts with `prefix:`. */
export interface BotAction {
  prefix: string;
  roles: ChatRole[];
  handle(request: BotRequest, data: string): Promise<string | void>;
}
