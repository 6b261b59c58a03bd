import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

// Posts prepared Midtrans notifications to Loket from a process of its own, so the load generator
// shares neither Loket's event loop nor the fake Midtrans' (which stays in the benchmark process).
// Driven over IPC by scripts/bench-payments.ts: 'load' the bodies, then run them as a burst or at a rate.

export type PosterCommand =
  | { type: 'load'; bodies: string[] }
  | { type: 'burst'; url: string; concurrency: number }
  | { type: 'rate'; url: string; rate: number }
  | { type: 'stop' };

export type PosterReport =
  | { type: 'ready' }
  | { type: 'loaded' }
  | {
      type: 'done';
      posted: number;
      seconds: number;
      p50: number;
      p99: number;
      /** "200 applied": how many answers had each status and outcome. */
      answers: Record<string, number>;
      /** The first few answers that were not 200 applied, with their order id. */
      odd: string[];
      /** From the start to the last send (the last answer may come later). */
      sendSeconds: number;
      /** At a rate: how far behind its schedule the latest send went out. */
      lateMs: number;
    };

interface Answer {
  /** "<status> <outcome>", e.g. "200 applied", or "error <message>". */
  kind: string;
  /** For anything but 200 applied: the order id and what came back. */
  detail?: string;
  ms: number;
}

// Midtrans waits 15 s for an answer.
const TIMEOUT_MS = 15_000;

let bodies: string[] = [];

process.on('message', (command: PosterCommand) => {
  void (async () => {
    if (command.type === 'stop') process.exit(0);
    if (command.type === 'load') {
      bodies = command.bodies;
      return send({ type: 'loaded' });
    }
    const agent = new Agent({ keepAlive: true, maxSockets: command.type === 'burst' ? command.concurrency : 256 });
    const post = postTo(command.url, agent);
    const started = performance.now();
    const run = command.type === 'burst' ? await burst(post, command.concurrency) : await steady(post, command.rate);
    const seconds = (performance.now() - started) / 1000;
    agent.destroy();
    send({ ...summary(run.answers, seconds), sendSeconds: (run.lastSend - started) / 1000, lateMs: run.lateMs });
  })();
});

const send = (report: PosterReport) => process.send!(report);

/** As fast as `concurrency` requests at a time allow. */
async function burst(post: (body: string) => Promise<Answer>, concurrency: number) {
  const answers: Answer[] = [];
  let next = 0;
  let lastSend = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < bodies.length; i = next++) {
        lastSend = performance.now();
        answers.push(await post(bodies[i]));
      }
    }),
  );
  return { answers, lastSend, lateMs: 0 };
}

/** Open loop: one notification every 1/rate seconds, whether or not the earlier ones were answered. */
async function steady(post: (body: string) => Promise<Answer>, rate: number) {
  const posts: Promise<Answer>[] = [];
  let lateMs = 0;
  const t0 = performance.now();
  for (let i = 0; i < bodies.length; i++) {
    const wait = t0 + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    else lateMs = Math.max(lateMs, -wait);
    posts.push(post(bodies[i]));
  }
  const lastSend = performance.now();
  return { answers: await Promise.all(posts), lastSend, lateMs };
}

function summary(
  answers: Answer[],
  seconds: number,
): Omit<Extract<PosterReport, { type: 'done' }>, 'sendSeconds' | 'lateMs'> {
  const latencies = answers.map((a) => a.ms).sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const counts: Record<string, number> = {};
  for (const { kind } of answers) counts[kind] = (counts[kind] ?? 0) + 1;
  const odd = answers.flatMap((a) => (a.detail ? [`${a.kind}: ${a.detail}`] : [])).slice(0, 5);
  return { type: 'done', posted: answers.length, seconds, p50: at(0.5), p99: at(0.99), answers: counts, odd };
}

/**
 * node:http with kept-alive sockets: fetch cost a load generator more CPU per request than it is
 * worth on the two cores the measurement is about (see bench/telegram-client.ts).
 */
function postTo(endpoint: string, agent: Agent): (body: string) => Promise<Answer> {
  const url = new URL(endpoint);
  return (body) =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const done = (kind: string, detail?: string) => resolve({ kind, detail, ms: performance.now() - t0 });
      const post = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          agent,
          timeout: TIMEOUT_MS,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            accept: 'application/json',
            'user-agent': 'Veritrans',
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.once('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const outcome = /"outcome":"(\w+)"/.exec(text)?.[1] ?? 'no outcome';
            const kind = `${response.statusCode} ${outcome}`;
            done(kind, kind === '200 applied' ? undefined : `${orderOf(body)} ${text.slice(0, 200)}`);
          });
        },
      );
      post.once('timeout', () => post.destroy(new Error(`no answer in ${TIMEOUT_MS} ms`)));
      post.once('error', (error) => done(`error ${error.message}`, orderOf(body)));
      post.end(body);
    });
}

const orderOf = (body: string) => /"order_id":"([^"]*)"/.exec(body)?.[1] ?? '?';

send({ type: 'ready' });
