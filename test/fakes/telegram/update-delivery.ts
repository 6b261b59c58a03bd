import { STATUS_CODES } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Update, WebhookInfo } from 'telegraf/types';
import { ApiError, badRequest, bool, conflict, isObject, optInt, optJson, optStr, Params, postJson } from './http';

export interface DeliveryOptions {
  webhookTimeoutMs: number;
  webhookMaxAttempts: number;
  webhookRetryDelayMs: number;
  // Telegram runs a method the webhook names in its answer (telegraf's webhookReply uses this).
  onWebhookReply(method: string, params: Params): void;
  onWebhookAnswered(): void;
}

export interface WebhookDelivery {
  updateId: number;
  attempt: number;
  at: number;
  status?: number;
  error?: string;
}

export interface Webhook {
  url: string;
  secretToken?: string;
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

interface HeldPoll {
  limit: number;
  finish(result: Update[] | ApiError): void;
}

// Telegram leaves these out unless asked for by name.
const OPT_IN_TYPES = ['chat_member', 'message_reaction', 'message_reaction_count'];
const MAX_CONNECTIONS = 40;
const WEBHOOK_ACTIVE =
  "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
const ANOTHER_POLL = 'terminated by other getUpdates request; make sure that only one bot instance is running';

// The bot's pending updates and how they leave: by getUpdates (long poll, offsets) or by webhook.
export class UpdateDelivery {
  readonly deliveries: WebhookDelivery[] = [];
  private pending: Update[] = [];
  private allowedUpdates: string[] = [];
  private hook?: Webhook;
  private held?: HeldPoll;
  private pumping = false;
  private readonly lifetime = new AbortController();

  constructor(private readonly options: DeliveryOptions) {}

  get webhook(): Readonly<Webhook & { allowedUpdates: string[] }> | undefined {
    return this.hook && { ...this.hook, allowedUpdates: this.allowedUpdates };
  }

  push(update: Update): void {
    this.pending.push(update);
    if (this.held) this.wake(this.held);
    void this.pump();
  }

  getUpdates(params: Params, onClose: (listener: () => void) => void): Update[] | Promise<Update[]> {
    if (this.hook) throw conflict(WEBHOOK_ACTIVE);
    this.setAllowedUpdates(params);
    this.confirm(optInt(params, 'offset') ?? 0);
    const limit = Math.min(Math.max(optInt(params, 'limit') ?? 100, 1), 100);
    const timeout = optInt(params, 'timeout') ?? 0;
    this.held?.finish(conflict(ANOTHER_POLL));
    const ready = this.take(limit);
    if (ready.length > 0 || timeout <= 0) return ready;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => poll.finish([]), timeout * 1000);
      const poll: HeldPoll = {
        limit,
        finish: (result) => {
          clearTimeout(timer);
          if (this.held === poll) this.held = undefined;
          if (result instanceof ApiError) reject(result);
          else resolve(result);
        },
      };
      this.held = poll;
      onClose(() => poll.finish([]));
    });
  }

  setWebhook(params: Params): true {
    const url = optStr(params, 'url') ?? '';
    if (url === '') return this.deleteWebhook(params);
    if (!URL.canParse(url)) throw badRequest('bad webhook: invalid URL');
    const secretToken = optStr(params, 'secret_token');
    if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
      throw badRequest('secret token contains unallowed characters');
    }
    this.setAllowedUpdates(params);
    if (bool(params, 'drop_pending_updates')) this.pending = [];
    this.held?.finish(conflict('terminated by setWebhook request'));
    this.hook = { url, secretToken };
    void this.pump();
    return true;
  }

  deleteWebhook(params: Params): true {
    if (bool(params, 'drop_pending_updates')) this.pending = [];
    this.hook = undefined;
    return true;
  }

  webhookInfo(): WebhookInfo {
    const info = {
      url: this.hook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: this.pending.length,
    };
    if (!this.hook) return info;
    const { lastErrorDate, lastErrorMessage } = this.hook;
    return {
      ...info,
      max_connections: MAX_CONNECTIONS,
      ...(this.allowedUpdates.length > 0 && { allowed_updates: this.allowedUpdates }),
      ...(lastErrorDate !== undefined && { last_error_date: lastErrorDate, last_error_message: lastErrorMessage }),
    };
  }

  clear(): void {
    this.pending = [];
    this.deliveries.length = 0;
  }

  stop(): void {
    this.lifetime.abort();
    this.held?.finish([]);
  }

  private wake(poll: HeldPoll): void {
    const ready = this.take(poll.limit);
    if (ready.length > 0) poll.finish(ready);
  }

  // Updates stay pending until a later offset confirms them; a negative offset keeps only the last ones.
  private confirm(offset: number): void {
    if (offset > 0) this.pending = this.pending.filter((u) => u.update_id >= offset);
    if (offset < 0) this.pending = this.pending.slice(offset);
  }

  private take(limit: number): Update[] {
    this.pending = this.pending.filter((u) => this.allows(u));
    return this.pending.slice(0, limit);
  }

  private allows(update: Update): boolean {
    const type = Object.keys(update).find((k) => k !== 'update_id') ?? '';
    return this.allowedUpdates.length > 0 ? this.allowedUpdates.includes(type) : !OPT_IN_TYPES.includes(type);
  }

  // Absent means "keep the previous list", as in Telegram.
  private setAllowedUpdates(params: Params): void {
    const allowed = optJson<unknown>(params, 'allowed_updates');
    if (allowed === undefined) return;
    if (!Array.isArray(allowed) || !allowed.every((t) => typeof t === 'string')) {
      throw badRequest("can't parse allowed updates");
    }
    this.allowedUpdates = allowed;
  }

  // One update at a time, in order. It leaves the queue once delivered or given up on; if the webhook
  // is removed meanwhile it stays, for getUpdates to hand out.
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.hook && !this.lifetime.signal.aborted) {
        const [update] = this.take(1);
        if (!update || !(await this.deliver(update))) return;
        this.pending = this.pending.filter((u) => u !== update);
      }
    } finally {
      this.pumping = false;
    }
  }

  private async deliver(update: Update): Promise<boolean> {
    const { webhookMaxAttempts, webhookRetryDelayMs } = this.options;
    for (let attempt = 1; attempt <= webhookMaxAttempts; attempt++) {
      const hook = this.hook;
      if (!hook || this.lifetime.signal.aborted) return false;
      if (await this.post(hook, update, attempt)) return true;
      if (attempt === webhookMaxAttempts) break;
      try {
        await sleep(webhookRetryDelayMs * 2 ** (attempt - 1), undefined, { signal: this.lifetime.signal });
      } catch {
        return false;
      }
    }
    return true;
  }

  private async post(hook: Webhook, update: Update, attempt: number): Promise<boolean> {
    const record: WebhookDelivery = { updateId: update.update_id, attempt, at: Date.now() };
    this.deliveries.push(record);
    const headers: Record<string, string> = hook.secretToken
      ? { 'X-Telegram-Bot-Api-Secret-Token': hook.secretToken }
      : {};
    try {
      const { webhookTimeoutMs } = this.options;
      const answer = await postJson(hook.url, JSON.stringify(update), headers, webhookTimeoutMs, this.lifetime.signal);
      record.status = answer.status;
      this.options.onWebhookAnswered();
      if (answer.status >= 200 && answer.status < 300) {
        this.runReply(answer.body);
        return true;
      }
      record.error = `Wrong response from the webhook: ${answer.status} ${STATUS_CODES[answer.status] ?? ''}`.trim();
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    }
    hook.lastErrorDate = Math.floor(record.at / 1000);
    hook.lastErrorMessage = record.error;
    return false;
  }

  private runReply(body: string): void {
    let reply: unknown;
    try {
      reply = JSON.parse(body);
    } catch {
      return;
    }
    if (!isObject(reply)) return;
    const { method, ...params } = reply;
    if (typeof method === 'string') this.options.onWebhookReply(method, params);
  }
}
