import { createServer, IncomingMessage, Server, ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BotCommand, Message, Update, UserFromGetMe } from 'telegraf/types';
import { Chats, FakeGroup, FakeUser } from './chats';
import { ApiError, Params, readParams, sendJson } from './http';
import { Menus } from './menus';
import { UpdateDelivery, Webhook, WebhookDelivery } from './update-delivery';

export type { FakeGroup, FakeUser } from './chats';
export type { WebhookDelivery } from './update-delivery';

export interface FakeTelegramOptions {
  token: string;
  botUsername: string;
  botName?: string;
  // How long a webhook may take to answer before the delivery counts as failed and is retried.
  webhookTimeoutMs?: number;
  webhookMaxAttempts?: number;
  // Doubles after each failed attempt.
  webhookRetryDelayMs?: number;
}

export interface RecordedCall {
  method: string;
  params: Params;
  at: number;
  // The HTTP status answered; 0 while the call is still held (a long poll). 200 for webhook-reply calls.
  status: number;
}

export interface InjectedFailure {
  // Answer this error instead of doing the call.
  status?: number;
  description?: string;
  retryAfter?: number;
  // Answer this much later. Without a status the call still takes effect at once (a message is sent),
  // only the answer is late: what a client that times out must not blindly repeat.
  delayMs?: number;
  // How many of the next calls fail this way (default 1).
  count?: number;
}

export interface WaitOptions {
  timeoutMs?: number;
}

type Handler = (params: Params, onClose: (listener: () => void) => void) => unknown;

interface Waiter {
  check(): void;
  fail(error: Error): void;
}

const DEFAULT_WAIT_MS = 5_000;
const DESCRIPTIONS: Record<number, string> = { 403: 'Forbidden: bot was blocked by the user' };
const GET_ME_FLAGS = { can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };

// A Telegram Bot API server on 127.0.0.1 for one bot, good enough for telegraf in polling or webhook mode.
export class FakeTelegramApi {
  readonly calls: RecordedCall[] = [];
  readonly me: UserFromGetMe;
  private readonly chats: Chats;
  private readonly menus = new Menus();
  private readonly updates: UpdateDelivery;
  private readonly methods: Map<string, { name: string; run: Handler }>;
  private readonly failures: (InjectedFailure & { method: string; left: number })[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly lifetime = new AbortController();
  private readonly server: Server;
  private nextUpdateId = 1;
  private port = 0;

  private constructor(private readonly options: FakeTelegramOptions) {
    const id = Number(/^(\d+):/.exec(options.token)?.[1] ?? 1);
    const name = options.botName ?? 'Loket Test Bot';
    this.me = { id, is_bot: true, first_name: name, username: options.botUsername, ...GET_ME_FLAGS };
    this.chats = new Chats({ id, is_bot: true, first_name: name, username: options.botUsername });
    this.updates = new UpdateDelivery({
      webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
      webhookMaxAttempts: options.webhookMaxAttempts ?? 4,
      webhookRetryDelayMs: options.webhookRetryDelayMs ?? 50,
      onWebhookReply: (method, params) => this.runWebhookReply(method, params),
      onWebhookAnswered: () => this.notify(),
    });
    const handlers: Record<string, Handler> = {
      getMe: () => this.me,
      getUpdates: (p, onClose) => this.updates.getUpdates(p, onClose),
      setWebhook: (p) => this.updates.setWebhook(p),
      deleteWebhook: (p) => this.updates.deleteWebhook(p),
      getWebhookInfo: () => this.updates.webhookInfo(),
      sendMessage: (p) => this.chats.sendMessage(p),
      editMessageText: (p) => this.chats.editMessageText(p),
      editMessageReplyMarkup: (p) => this.chats.editMessageReplyMarkup(p),
      answerCallbackQuery: (p) => this.chats.answerCallbackQuery(p),
      deleteMessage: (p) => this.chats.deleteMessage(p),
      setMyCommands: (p) => this.menus.set(p),
      deleteMyCommands: (p) => this.menus.delete(p),
      getMyCommands: (p) => this.menus.get(p),
    };
    // Bot API method names are case-insensitive.
    this.methods = new Map(Object.entries(handlers).map(([name, run]) => [name.toLowerCase(), { name, run }]));
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(options: FakeTelegramOptions): Promise<FakeTelegramApi> {
    const api = new FakeTelegramApi(options);
    await new Promise<void>((resolve, reject) => {
      api.server.once('error', reject);
      api.server.listen(0, '127.0.0.1', resolve);
    });
    api.port = (api.server.address() as AddressInfo).port;
    return api;
  }

  // What `new Telegraf(token, { telegram: { apiRoot } })` takes.
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get webhook(): Readonly<Webhook & { allowedUpdates: string[] }> | undefined {
    return this.updates.webhook;
  }

  get deliveries(): readonly WebhookDelivery[] {
    return this.updates.deliveries;
  }

  // --- what users do; each queues an update for getUpdates or the webhook and returns it

  sendText(from: FakeUser, text: string): Update.MessageUpdate<Message.TextMessage> {
    return this.pushUpdate({ update_id: this.nextUpdateId, message: this.chats.text(from, text) });
  }

  // A member's text in a group. Delivered as when the bot reads every group message (privacy mode off,
  // or the bot is a group admin); with privacy mode on Telegram would pass only commands and mentions.
  sendGroupText(group: FakeGroup, from: FakeUser, text: string): Update.MessageUpdate<Message.TextMessage> {
    return this.pushUpdate({ update_id: this.nextUpdateId, message: this.chats.text(from, text, group) });
  }

  // Presses a button on messageId, or on the bot's latest message in that chat with this button.
  pressButton(from: FakeUser, callbackData: string, messageId?: number): Update.CallbackQueryUpdate {
    const query = this.chats.callbackQuery(from, callbackData, messageId);
    return this.pushUpdate({ update_id: this.nextUpdateId, callback_query: query });
  }

  sendSticker(from: FakeUser): Update.MessageUpdate<Message.StickerMessage> {
    return this.pushUpdate({ update_id: this.nextUpdateId, message: this.chats.sticker(from) });
  }

  sendPhoto(from: FakeUser, caption?: string): Update.MessageUpdate<Message.PhotoMessage> {
    return this.pushUpdate({ update_id: this.nextUpdateId, message: this.chats.photo(from, caption) });
  }

  // Queues an update as given (and keeps the id counter ahead of it): a repeated delivery, or a kind the helpers above don't build.
  pushUpdate<U extends Update>(update: U): U {
    this.nextUpdateId = Math.max(this.nextUpdateId, update.update_id + 1);
    this.updates.push(structuredClone(update));
    return update;
  }

  // --- what the bot did

  messagesTo(chatId: number): Message.TextMessage[] {
    return this.chats.messagesTo(chatId);
  }

  // The command menu set for a scope (the default scope without one); undefined when none is.
  commandsFor(scope?: Record<string, unknown>, languageCode?: string): BotCommand[] | undefined {
    return this.menus.of(scope, languageCode);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  // Resolves with everything the bot sent to that chat once there are at least n messages.
  waitForMessages(
    chatId: number,
    n: number,
    { timeoutMs = DEFAULT_WAIT_MS }: WaitOptions = {},
  ): Promise<Message.TextMessage[]> {
    return this.waitUntil(
      () => {
        const messages = this.messagesTo(chatId);
        return messages.length >= n ? messages : undefined;
      },
      timeoutMs,
      () => `${n} message(s) to chat ${chatId}; it has ${JSON.stringify(this.messagesTo(chatId).map((m) => m.text))}`,
    );
  }

  // Resolves with the first answered call of that method, recorded so far or to come.
  waitForCall(method: string, { timeoutMs = DEFAULT_WAIT_MS }: WaitOptions = {}): Promise<RecordedCall> {
    return this.waitUntil(
      () => this.calls.find((call) => call.method === method && call.status !== 0),
      timeoutMs,
      () => `a ${method} call`,
    );
  }

  // Resolves once the webhook answered that update with a 2xx.
  waitForDelivery(updateId: number, { timeoutMs = DEFAULT_WAIT_MS }: WaitOptions = {}): Promise<WebhookDelivery> {
    return this.waitUntil(
      () => this.deliveries.find((d) => d.updateId === updateId && d.status !== undefined && d.status < 300),
      timeoutMs,
      () => `the webhook to accept update ${updateId}; deliveries: ${JSON.stringify(this.deliveries)}`,
    );
  }

  // --- test control

  failNext(method: string, failure: InjectedFailure): void {
    if (failure.status === undefined && failure.delayMs === undefined) {
      throw new Error('failNext needs a status or a delayMs');
    }
    this.failures.push({ ...failure, method: method.toLowerCase(), left: failure.count ?? 1 });
  }

  // Forgets calls, messages, pending updates, deliveries and failures; keeps the command menus, the webhook and the id counters.
  reset(): void {
    this.calls.length = 0;
    this.failures.length = 0;
    this.chats.clear();
    this.updates.clear();
  }

  async stop(): Promise<void> {
    if (this.lifetime.signal.aborted) return;
    this.lifetime.abort();
    this.updates.stop();
    for (const waiter of [...this.waiters]) waiter.fail(new Error('The fake Telegram API was stopped'));
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      // Let a released long poll write its answer first.
      setImmediate(() => this.server.closeAllConnections());
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { status, body, delayMs } = await this.answer(req, res);
    this.notify();
    if (delayMs) await sleep(delayMs, undefined, { signal: this.lifetime.signal }).catch(() => undefined);
    sendJson(res, status, body);
  }

  private async answer(req: IncomingMessage, res: ServerResponse) {
    let delayMs: number | undefined;
    let call: RecordedCall | undefined;
    try {
      const url = new URL(req.url ?? '/', this.apiRoot);
      const [, token, name] = /^\/bot([^/]+)\/([^/]+)$/.exec(url.pathname) ?? [];
      if (token !== undefined && token !== this.options.token) throw new ApiError(401, 'Unauthorized');
      const method = this.methods.get(name?.toLowerCase() ?? '');
      if (!method) throw new ApiError(404, 'Not Found');
      call = { method: method.name, params: await readParams(req, url.searchParams), at: Date.now(), status: 0 };
      this.calls.push(call);
      const failure = this.takeFailure(method.name);
      delayMs = failure?.delayMs;
      if (failure?.status !== undefined) throw injectedError(failure.status, failure);
      const result = await method.run(call.params, (listener) => res.on('close', listener));
      call.status = 200;
      return { status: 200, body: { ok: true, result }, delayMs };
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(500, `Internal Server Error: ${String(error)}`);
      if (call) call.status = apiError.status;
      const { status, description, parameters } = apiError;
      return { status, body: { ok: false, error_code: status, description, parameters }, delayMs };
    }
  }

  private runWebhookReply(name: string, params: Params): void {
    const method = this.methods.get(name.toLowerCase());
    if (!method) return;
    const call: RecordedCall = { method: method.name, params, at: Date.now(), status: 200 };
    this.calls.push(call);
    // Telegram has nobody to report a failure of these to.
    Promise.resolve()
      .then(() => method.run(params, () => undefined))
      .catch((error: unknown) => (call.status = error instanceof ApiError ? error.status : 500))
      .finally(() => this.notify());
  }

  private takeFailure(method: string): InjectedFailure | undefined {
    const index = this.failures.findIndex((f) => f.method === method.toLowerCase());
    const failure = this.failures[index];
    if (failure && --failure.left === 0) this.failures.splice(index, 1);
    return failure;
  }

  private waitUntil<T>(probe: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          const value = probe();
          if (value === undefined) return;
          done();
          resolve(value);
        },
        fail: (error) => {
          done();
          reject(error);
        },
      };
      const timer = setTimeout(() => waiter.fail(new Error(this.describeTimeout(timeoutMs, what()))), timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
      waiter.check();
    });
  }

  private describeTimeout(timeoutMs: number, what: string): string {
    const recent = this.calls
      .slice(-10)
      .map((c) => `  ${c.method} → ${c.status || 'held'} ${JSON.stringify(c.params).slice(0, 200)}`);
    return [`Waited ${timeoutMs} ms for ${what}.`, 'Last calls to the fake Telegram API:', ...recent].join('\n');
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }
}

function injectedError(status: number, { description, retryAfter }: InjectedFailure): ApiError {
  if (status === 429) {
    const after = retryAfter ?? 1;
    return new ApiError(429, description ?? `Too Many Requests: retry after ${after}`, { retry_after: after });
  }
  return new ApiError(status, description ?? DESCRIPTIONS[status] ?? STATUS_CODES[status] ?? 'Error');
}
