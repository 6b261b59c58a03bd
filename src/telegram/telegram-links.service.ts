import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { User } from '../users/entities/user.entity';
import { BotIdentity } from './bot-identity';
import { BotMenu } from './bot/bot-menu';
import {
  ChatAlreadyLinkedError,
  LinkInGroupError,
  LinkCodeInvalidError,
  TelegramDisabledError,
} from './telegram.errors';
import { TelegramSender } from './bot/bot-request';

const LINK_CODE_TTL_MINUTES = 15;

export interface LinkInvitation {
  code: string;
  deepLink: string;
  expiresAt: Date;
}

/** Which Telegram chat belongs to which Loket account: made by a one-use code from the API, opened with /start. */
@Injectable()
export class TelegramLinksService {
  private readonly logger = new Logger(TelegramLinksService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly identity: BotIdentity,
    private readonly menu: BotMenu,
  ) {}

  /** A one-use code for `user`'s account; `issuedBy` when an admin asks on their behalf (logged). */
  async invite(user: User, issuedBy?: User): Promise<LinkInvitation> {
    const bot = this.identity.username;
    if (!bot) throw new TelegramDisabledError();
    // Telegram allows A-Z, a-z, 0-9, _ and - in a /start parameter, up to 64 characters.
    const code = randomBytes(18).toString('base64url');
    const [row] = await this.dataSource.query<{ expires_at: Date }[]>(
      `INSERT INTO telegram_link_codes (code, user_id, expires_at)
       VALUES ($1, $2, now() + make_interval(mins => $3)) RETURNING expires_at`,
      [code, user.id, LINK_CODE_TTL_MINUTES],
    );
    if (issuedBy) this.logger.log(`Telegram link code for user ${user.id} issued by admin ${issuedBy.id}`);
    return { code, deepLink: `https://t.me/${bot}?start=${code}`, expiresAt: row.expires_at };
  }

  /** Spends a link code for this chat; the chat now acts as that user. */
  async link(manager: EntityManager, code: string, chatId: number, from: TelegramSender): Promise<User> {
    // Group and channel ids are negative: a linked group would show every member the account's balance.
    if (chatId < 0) throw new LinkInGroupError();
    const [invitation] = await manager.query<{ user_id: string }[]>(
      `WITH spent AS (UPDATE telegram_link_codes SET used_at = now()
                        WHERE code = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id)
       SELECT user_id FROM spent`,
      [code],
    );
    if (!invitation) throw new LinkCodeInvalidError();
    const [taken] = await manager.query<{ user_id: string }[]>(
      'SELECT user_id FROM telegram_links WHERE chat_id = $1',
      [chatId],
    );
    if (taken && taken.user_id !== invitation.user_id) throw new ChatAlreadyLinkedError();
    // The chat this account was linked to before, if another: it is a guest's again.
    const [replaced] = await manager.query<{ chat_id: string }[]>(
      `SELECT chat_id::text FROM telegram_links WHERE user_id = $1 AND chat_id <> $2`,
      [invitation.user_id, chatId],
    );
    await manager.query(
      `INSERT INTO telegram_links (user_id, chat_id, telegram_user_id, telegram_username) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE SET chat_id = $2, telegram_user_id = $3, telegram_username = $4, linked_at = now()`,
      [invitation.user_id, chatId, from.id, from.username ?? null],
    );
    this.logger.log(`User ${invitation.user_id} linked Telegram chat ${chatId}`);
    const user = await manager.findOneByOrFail(User, { id: invitation.user_id });
    if (replaced) await this.menu.reset(manager, Number(replaced.chat_id));
    await this.menu.showLinked(manager, chatId, user.role);
    return user;
  }

  async unlink(manager: EntityManager, chatId: number): Promise<boolean> {
    const removed = await manager.query<unknown[]>(
      'WITH gone AS (DELETE FROM telegram_links WHERE chat_id = $1 RETURNING user_id) SELECT user_id FROM gone',
      [chatId],
    );
    if (removed.length > 0) await this.menu.reset(manager, chatId);
    return removed.length > 0;
  }

  /** Runs for every update, so it is one plain query rather than a query builder's. */
  async userOfChat(manager: EntityManager, chatId: number): Promise<User | null> {
    const [row] = await manager.query<
      (Omit<User, 'createdAt' | 'updatedAt' | 'passwordHash'> & { created_at: Date; updated_at: Date })[]
    >(
      `SELECT u.id, u.username, u.name, u.email, u.phone, u.role, u.created_at, u.updated_at
         FROM telegram_links l JOIN users u ON u.id = l.user_id WHERE l.chat_id = $1`,
      [chatId],
    );
    if (!row) return null;
    const { created_at, updated_at, ...user } = row;
    return manager.create(User, { ...user, createdAt: created_at, updatedAt: updated_at });
  }

  /**
   * The user whose private chat this Telegram account linked (most recently): how a group, which
   * is linked to nobody, knows who of its members is speaking.
   */
  async userOfSender(manager: EntityManager, telegramUserId: number): Promise<User | null> {
    const [link] = await manager.query<{ user_id: string }[]>(
      'SELECT user_id FROM telegram_links WHERE telegram_user_id = $1 ORDER BY linked_at DESC LIMIT 1',
      [telegramUserId],
    );
    return link ? manager.findOneBy(User, { id: link.user_id }) : null;
  }

  async isLinked(userId: string): Promise<boolean> {
    return (await this.linkedAmong([userId])).size > 0;
  }

  /** Those of `userIds` whose account is linked to a chat, in one query (a page of a list). */
  async linkedAmong(userIds: string[]): Promise<Set<string>> {
    const rows = await this.dataSource.query<{ user_id: string }[]>(
      'SELECT user_id FROM telegram_links WHERE user_id = ANY($1::uuid[])',
      [userIds],
    );
    return new Set(rows.map((r) => r.user_id));
  }
}
