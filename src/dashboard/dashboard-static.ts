import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';

export const DASHBOARD_PATH = '/admin';

/**
 * The dashboard may load only its own files and talk only to this origin: no inline script or style,
 * no other host, no framing. Its canvases and QR codes are drawn by script, so images need no data: URLs.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** 404 in the API's error shape, saying what to do, when the dashboard was never built here. */
const NOT_BUILT = {
  statusCode: 404,
  error: 'Not Found',
  message: 'The admin dashboard is not built: run `npm run build` (npm start does)',
  code: 'DASHBOARD_NOT_BUILT',
};

/** Asked of every request, so the common answer (not /admin) costs one prefix test. */
const underDashboard = (url: string) => {
  if (!url.startsWith(DASHBOARD_PATH)) return false;
  const rest = url.charAt(DASHBOARD_PATH.length);
  return rest === '' || rest === '/' || rest === '?';
};

/**
 * The single-page app under /admin: its hashed assets cached for good, and index.html (never cached)
 * for every other path, so a reload on /admin/pulsa opens that page. Every answer under /admin,
 * a 404 included, carries the dashboard's own policy instead of helmet's default.
 */
export function serveDashboard(fastify: FastifyInstance, dir: string): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (underDashboard(request.url)) reply.header('content-security-policy', DASHBOARD_CSP);
    done();
  });
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    for (const url of [DASHBOARD_PATH, `${DASHBOARD_PATH}/*`])
      fastify.all(url, (_request, reply) => reply.code(404).send(NOT_BUILT));
    return;
  }
  void fastify.register(fastifyStatic, {
    root: join(dir, 'assets'),
    prefix: `${DASHBOARD_PATH}/assets/`,
    decorateReply: false,
    index: false,
    immutable: true,
    maxAge: '365d',
  });
  const page = (_request: FastifyRequest, reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(createReadStream(index));
  fastify.get(DASHBOARD_PATH, page);
  fastify.get(`${DASHBOARD_PATH}/*`, page);
}
