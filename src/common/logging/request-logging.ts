import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger, LoggerOptions } from 'pino';
import type { ResolvedConfig } from '../../config/loket.config';

/** Body fields that never reach a log line (a request line carries no headers and no body at all). */
const REDACTED = [
  '*.password',
  '*.pin',
  '*.otp',
  '*.code',
  '*.token',
  '*.accessToken',
  '*.secret',
  '*.serverKey',
  '*.apiKey',
];

const PRETTY_LOGS = {
  target: 'pino-pretty',
  options: {
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service,context,req,res,responseTime',
    messageFormat:
      '{if context}[{context}] {end}{msg}{if req} {req.method} {req.url} {res.statusCode} {responseTime}ms{end}',
  },
};

/** Where the application's log lines go: pino, as JSON or (for a person at a terminal) as lines. */
export function loggerOptions(config: ResolvedConfig): LoggerOptions {
  return {
    level: config.logLevel,
    // A person at a terminal reads lines; anything else (files, collectors, production) gets JSON.
    transport: config.nodeEnv === 'development' && process.stdout.isTTY ? PRETTY_LOGS : undefined,
    base: { pid: process.pid, hostname: hostname(), service: 'loket' },
    redact: { paths: REDACTED, censor: '[redacted]' },
    // pino-http hands these its standard mapping of Node's request and response, which refers to the
    // headers without copying them; only these fields reach the line.
    serializers: {
      req: ({ id, method, url }: { id: unknown; method: string; url: string }) => ({ id, method, url }),
      res: ({ statusCode }: { statusCode: number }) => ({ statusCode }),
    },
  };
}

/** The client's X-Request-Id when it is a plain token, else a new one. */
function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
}

// Telegram's deliveries are kept in the inbox; a line each would only be noise.
const UNLOGGED_PATHS = new Set(['/api/telegram/webhook']);

/**
 * One compact line per request when it finishes: its id, method and path, status and time (5xx at
 * error). The request gets its id here (`req.id`, which error answers quote). This replaces
 * pino-http, which bound a child logger and an async context to every request whatever the level:
 * with the serialisers already trimmed it still cost about a sixth of Loket's CPU per call
 * (bench:api, 0.81 -> 0.68 ms per transfer). So lines logged inside a request carry no request id;
 * the request line and the error filter's lines do. `loggerOf` is asked per request: the
 * application logger exists only once the app has started.
 */
export function requestLogLine(loggerOf: () => Logger) {
  return (req: IncomingMessage & { id?: string }, res: ServerResponse, next: () => void) => {
    req.id = requestId(req);
    const logger = loggerOf();
    if (!logger.isLevelEnabled('info') || UNLOGGED_PATHS.has(req.url ?? '')) return next();
    const started = performance.now();
    res.once('finish', () => {
      const line = { req, res, responseTime: Math.round(performance.now() - started) };
      if (res.statusCode >= 500) logger.error(line, 'request errored');
      else logger.info(line, 'request completed');
    });
    next();
  };
}
