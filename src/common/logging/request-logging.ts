import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
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
    // Only these fields of a request line's request and response reach the log.
    serializers: {
      req: ({ id, method, url }: { id: unknown; method: string; url: string }) => ({ id, method, url }),
      res: ({ statusCode }: { statusCode: number }) => ({ statusCode }),
    },
  };
}

/** The client's X-Request-Id when it is a plain token, else a new one (Fastify's `genReqId`). */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
}

// Telegram's deliveries are kept in the inbox; a line each would only be noise.
const UNLOGGED_PATHS = new Set(['/api/telegram/webhook']);

/**
 * One compact line per request when it is answered: its id, method and path, status and time (5xx
 * at error). The id is Fastify's request id (`requestId` above), which error answers quote too.
 * This replaces pino-http, which bound a child logger and an async context to every request
 * whatever the level: with the serialisers already trimmed it still cost about a sixth of Loket's
 * CPU per call (bench:api, 0.81 -> 0.68 ms per transfer). So lines logged inside a request carry
 * no request id; the request line and the error filter's lines do. `loggerOf` is asked per
 * request: the application logger exists only once the app has started.
 */
export function requestLogLine(loggerOf: () => Logger) {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const logger = loggerOf();
    if (logger.isLevelEnabled('info') && !UNLOGGED_PATHS.has(request.url)) {
      const line = {
        req: { id: request.id, method: request.method, url: request.url },
        // Node's response itself: pino's standard mapping, which runs before the serialiser below, reads its status only once sent.
        res: reply.raw,
        responseTime: Math.round(reply.elapsedTime),
      };
      if (reply.statusCode >= 500) logger.error(line, 'request errored');
      else logger.info(line, 'request completed');
    }
    done();
  };
}
