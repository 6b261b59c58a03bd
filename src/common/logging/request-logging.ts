import type { IncomingMessage } from 'node:http';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Options } from 'pino-http';
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

/**
 * One compact line per request: its id, method and path, status and time. pino-http binds the
 * request to a child logger on every request, whatever the level, so the serialisers decide what
 * that costs; with every header serialised and redacted it was a tenth of Loket's CPU per call.
 */
export function requestLogging(config: ResolvedConfig): Options {
  return {
    level: config.logLevel,
    // A person at a terminal reads lines; anything else (files, collectors, production) gets JSON.
    transport: config.nodeEnv === 'development' && process.stdout.isTTY ? PRETTY_LOGS : undefined,
    base: { pid: process.pid, hostname: hostname(), service: 'loket' },
    redact: { paths: REDACTED, censor: '[redacted]' },
    // pino-http hands these its standard serialisation, which refers to the headers without copying them.
    serializers: {
      req: ({ id, method, url }: { id: unknown; method: string; url: string }) => ({ id, method, url }),
      res: ({ statusCode }: { statusCode: number }) => ({ statusCode }),
    },
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    // Telegram's deliveries are kept in the inbox; a log line each would only be noise.
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/telegram/webhook' },
  };
}
