import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { FakeTelegramApi } from '../../test/fakes/telegram/fake-telegram-api';

// The benchmark's other side, in a process of its own so it does not share Loket's event loop:
// the fake Telegram API that receives Loket's replies, and the poster of updates to the webhook.
// Driven over IPC by scripts/bench-telegram.ts.

export type ClientCommand =
  | { type: 'burst'; webhook: string; secret: string; chats: number; first: number; count: number; concurrency: number }
  | { type: 'rate'; webhook: string; secret: string; chats: number; first: number; rate: number; seconds: number }
  | { type: 'stop' };

export type ClientReport =
  { type: 'ready'; apiRoot: string } | { type: 'done'; posted: number; refused: number; seconds: number };

const send = (report: ClientReport) => process.send!(report);

async function main(): Promise<void> {
  const tg = await FakeTelegramApi.start({ token: process.argv[2], botUsername: 'loket_bench_bot' });
  process.on('message', (command: ClientCommand) => {
    void (async () => {
      if (command.type === 'stop') {
        await tg.stop();
        process.exit(0);
      }
      const post = postTo(command.webhook, command.secret, command.chats);
      const started = performance.now();
      const results = command.type === 'burst' ? await burst(post, command) : await steady(post, command);
      send({
        type: 'done',
        posted: results.length,
        refused: results.filter((ok) => !ok).length,
        seconds: (performance.now() - started) / 1000,
      });
    })();
  });
  send({ type: 'ready', apiRoot: tg.apiRoot });
}

/** As fast as `concurrency` requests at a time allow. */
async function burst(post: (id: number) => Promise<boolean>, c: { first: number; count: number; concurrency: number }) {
  const results: boolean[] = [];
  let next = c.first;
  const last = c.first + c.count - 1;
  await Promise.all(
    Array.from({ length: c.concurrency }, async () => {
      for (let id = next++; id <= last; id = next++) results.push(await post(id));
    }),
  );
  return results;
}

/** Open loop: one update every 1/rate seconds, whether or not the earlier ones were answered. */
async function steady(post: (id: number) => Promise<boolean>, c: { first: number; rate: number; seconds: number }) {
  const posts: Promise<boolean>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < c.rate * c.seconds; i++) {
    const wait = t0 + (i * 1000) / c.rate - performance.now();
    if (wait > 0) await sleep(wait);
    posts.push(post(c.first + i));
  }
  return Promise.all(posts);
}

// node:http with kept-alive sockets: fetch cost this process more CPU per update than Loket's own
// share, on the same two cores the measurement is about.
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** Posts update `id` from chat id % chats; true when Loket took it. */
function postTo(webhook: string, secret: string, chats: number): (id: number) => Promise<boolean> {
  const url = new URL(webhook);
  return (id) =>
    new Promise((resolve) => {
      const chat = { id: 700_000 + (id % chats), type: 'private', first_name: `Bench ${id % chats}` };
      const message = { message_id: id, date: Math.floor(Date.now() / 1000), chat, text: '/help' };
      const body = JSON.stringify({ update_id: id, message: { ...message, from: { ...chat, is_bot: false } } });
      const post = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          agent,
          timeout: 10_000,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-telegram-bot-api-secret-token': secret,
          },
        },
        (response) => {
          response.resume();
          response.once('close', () => resolve(response.complete && (response.statusCode ?? 500) < 300));
        },
      );
      post.once('timeout', () => post.destroy());
      post.once('error', () => resolve(false));
      post.end(body);
    });
}

void main();
