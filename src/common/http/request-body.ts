import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The most any request may carry (Fastify answers 413 above it, before any parser runs). */
export const BODY_LIMIT_BYTES = 100 * 1024;

/** application/json and the +json types, with or without parameters such as charset. */
const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

/** A request whose route reads the bytes as received (`rawBody`) instead of a parsed body. */
export interface RawBodyRequest extends FastifyRequest {
  rawBody?: Buffer;
}

/**
 * One parser for every body. Routes in `readsOwnBody` (provider callbacks, stored exactly as
 * received even when they are not JSON) get the bytes as `rawBody` and no body. Elsewhere only JSON
 * is read, as one object or array (a bare string or number is refused), in UTF-8; any other type is
 * not read at all, so the route's validation refuses the missing body. Form bodies are never parsed:
 * they would let any web page post to sign-up and sign-in.
 */
export function parseJsonBodies(fastify: FastifyInstance, readsOwnBody: readonly string[]): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (request: RawBodyRequest, bytes: Buffer, done) => {
    // The route's own path, so /notification/ (a trailing slash the router ignores) is the same route.
    if (readsOwnBody.includes(request.routeOptions.url ?? '')) {
      request.rawBody = bytes;
      return done(null, undefined);
    }
    const type = request.headers['content-type'] ?? '';
    if (!JSON_TYPE.test(type)) return done(null, undefined);
    const charset = CHARSET.exec(type)?.[1].toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      return done(new UnsupportedMediaTypeException(`Unsupported charset "${charset}"; send UTF-8`), undefined);
    }
    try {
      done(null, parseJsonDocument(bytes.toString('utf8')));
    } catch (error) {
      done(new BadRequestException((error as Error).message), undefined);
    }
  });
}

/** JSON.parse, but only an object or an array at the top, and an empty body is an empty object. */
function parseJsonDocument(text: string): unknown {
  const start = /\S/.exec(text);
  if (start === null) return {};
  if (start[0] !== '{' && start[0] !== '[') {
    throw new SyntaxError('The body must be a JSON object');
  }
  return JSON.parse(text) as unknown;
}

/** A provider's callback as received: its bytes, and the headers worth keeping (each cut to 200 characters). */
export function receivedCallback(
  request: RawBodyRequest,
  keptHeaders: readonly string[],
): { rawBody: Buffer; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  for (const name of keptHeaders) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value.slice(0, 200);
  }
  return { rawBody: request.rawBody ?? Buffer.alloc(0), headers };
}
