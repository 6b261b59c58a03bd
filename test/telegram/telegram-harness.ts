import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createLoketApp } from '../../src/app.factory';
import { buildConfig, ResolvedConfig } from '../../src/config/loket.config';
import { BotRegistry } from '../../src/telegram/bot/bot-registry';
import type { BotCommand, ChatRole } from '../../src/telegram/bot/bot-request';
import type { Update } from 'telegraf/types';
import { FakeTelegramApi, FakeTelegramOptions, FakeUser } from '../fakes/telegram/fake-telegram-api';
import { freePort } from '../support/free-port';
import { createTestDatabase, TestApp } from '../support/test-app';

export const TOKEN = '123456:TEST-token';
export const BOT_USERNAME = 'loket_test_bot';
export const WEBHOOK_SECRET = 'rahasia_webhook_loket_01';

export const startFakeTelegram = (options: Partial<FakeTelegramOptions> = {}) =>
  FakeTelegramApi.start({ token: TOKEN, botUsername: BOT_USERNAME, ...options });

/** A test database that outlives the apps started on it, so a test can stop Loket and start it again. */
export interface BotDatabase {
  url: string;
  jwtSecret: string;
  drop(): Promise<void>;
}

export async function createBotDatabase(): Promise<BotDatabase> {
  const database = await createTestDatabase();
  return { ...database, jwtSecret: randomBytes(32).toString('hex') };
}

export interface BotApp extends TestApp {
  port: number;
  /** Closes the app only; the database stays for the next one. */
  close(): Promise<void>;
}

export interface BotAppOptions {
  mode?: 'polling' | 'webhook';
  env?: Record<string, string>;
  /** Test-only commands, registered before the bot starts so no update can arrive ahead of them. */
  commands?: BotCommand[];
}

/**
 * Loket with the bot on, talking to the fake and listening on 127.0.0.1 (in webhook mode the fake
 * posts to it). Replies are paced fast unless `env` says otherwise.
 */
export async function startBotApp(
  tg: FakeTelegramApi,
  database: BotDatabase,
  { mode = 'polling', env = {}, commands = [] }: BotAppOptions = {},
): Promise<BotApp> {
  // The webhook URL is part of the configuration, so the port is chosen before the app is built.
  const port = await freePort();
  const base = buildConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    LOKET_DATA_DIR: mkdtempSync(join(tmpdir(), 'loket-bot-')),
    SIGNIN_RATE_LIMIT: '10000',
    SIGNUP_RATE_LIMIT: '10000',
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: tg.apiRoot,
    TELEGRAM_MODE: mode,
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}`,
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    TELEGRAM_POLL_TIMEOUT: '1',
    TELEGRAM_CHAT_RATE: '50',
    TELEGRAM_GLOBAL_RATE: '1000',
    ...env,
  });
  const config: ResolvedConfig = {
    ...base,
    database: { ...base.database, url: database.url },
    auth: { ...base.auth, jwtSecret: database.jwtSecret },
  };
  const app: INestApplication = await createLoketApp(config);
  for (const command of commands) app.get(BotRegistry).command(command);
  // listen() runs init, whose launcher calls setWebhook; a delivery that beats the socket is retried by the fake.
  await app.listen(port, '127.0.0.1');
  return {
    app,
    config,
    port,
    http: () => request(app.getHttpServer()),
    db: app.get(DataSource),
    databaseUrl: database.url,
    close: () => app.close(),
  };
}

const EVERYONE: ChatRole[] = ['guest', 'customer', 'agent', 'admin'];

/**
 * `/echo <tag>` replies `echo <tag>` (after `SELECT pg_sleep(delaySeconds)` when set), so tests can
 * tell replies apart and make handling take time.
 */
export function echoCommand({ name = 'echo', delaySeconds = 0 } = {}): BotCommand {
  return {
    name,
    description: 'Ulangi (khusus tes)',
    roles: EVERYONE,
    handle: async (request, args) => {
      if (delaySeconds > 0) await request.manager.query('SELECT pg_sleep($1)', [delaySeconds]);
      await request.reply(`${name} ${args}`);
    },
  };
}

export interface InboxRow {
  update_id: number;
  chat_id: number | null;
  kind: string;
  text: string | null;
  outcome: string | null;
  error: string | null;
  handled_at: Date | null;
}

export function inboxRows(db: DataSource): Promise<InboxRow[]> {
  return db.query<InboxRow[]>(
    `SELECT update_id::int, chat_id::float8 AS chat_id, kind, text, outcome, error, handled_at
       FROM telegram_inbox ORDER BY update_id`,
  );
}

export interface OutboxRow {
  id: number;
  chat_id: number;
  method: string;
  payload: { text?: string };
  status: string;
  attempts: number;
  last_error: string | null;
  inbox_update_id: number | null;
}

export function outboxRows(db: DataSource): Promise<OutboxRow[]> {
  return db.query<OutboxRow[]>(
    `SELECT id::int, chat_id::float8 AS chat_id, method, payload, status, attempts, last_error,
            inbox_update_id::int AS inbox_update_id
       FROM telegram_outbox ORDER BY id`,
  );
}

/** The outbox once nothing in it is waiting or being sent. */
export function settledOutbox(db: DataSource): Promise<OutboxRow[]> {
  return eventually(async () => {
    const rows = await outboxRows(db);
    return rows.some((r) => r.status === 'pending' || r.status === 'sending') ? undefined : rows;
  }, 'the outbox to settle');
}

/** Polls `probe` until it returns something other than undefined; fails with `what` after the timeout. */
export async function eventually<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A text message update as Telegram would post it, for tests that call the webhook themselves. */
export function textUpdate(updateId: number, from: FakeUser, text: string): Update {
  const sender = { ...from, is_bot: false, first_name: from.first_name ?? `User ${from.id}` };
  const chat = { id: from.id, type: 'private', first_name: sender.first_name };
  return {
    update_id: updateId,
    message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat, from: sender, text },
  } as Update;
}

export const texts = (messages: { text: string }[]) => messages.map((m) => m.text);
