import express, { type RequestHandler, type Router } from 'express';
import { existsSync } from 'node:fs';
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

const strictPolicy: RequestHandler = (_request, response, next) => {
  response.setHeader('Content-Security-Policy', DASHBOARD_CSP);
  response.setHeader('Referrer-Policy', 'no-referrer');
  next();
};

/** 404 in the API's error shape, saying what to do, when the dashboard was never built here. */
const notBuilt: RequestHandler = (_request, response) => {
  response.status(404).json({
    statusCode: 404,
    error: 'Not Found',
    message: 'The admin dashboard is not built: run `npm run build` (npm start does)',
    code: 'DASHBOARD_NOT_BUILT',
  });
};

/**
 * The single-page app under /admin: its hashed assets cached for good, and index.html (never cached)
 * for every other path, so a reload on /admin/pulsa opens that page.
 */
export function dashboardRouter(dir: string): Router {
  const router = express.Router();
  router.use(strictPolicy);
  if (!existsSync(join(dir, 'index.html'))) {
    router.use(notBuilt);
    return router;
  }
  router.use(
    '/assets',
    express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false, index: false }),
  );
  router.get('/{*path}', (_request, response) => {
    response.setHeader('Cache-Control', 'no-cache');
    // `root` keeps the dot-file check to the file's own name (the folder may sit under a .cache).
    response.sendFile('index.html', { root: dir });
  });
  return router;
}
