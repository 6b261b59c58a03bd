import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import fastifyView from '@fastify/view';
import type { FastifyReply, FastifyRequest } from 'fastify';
import handlebars from 'handlebars';
import { Logger, PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { BODY_LIMIT_BYTES, parseJsonBodies } from './common/http/request-body';
import { securityHeaders } from './common/http/security-headers';
import { QuietStartLogger } from './common/logging/quiet-start.logger';
import { requestId, requestLogLine } from './common/logging/request-logging';
import { ApiExceptionFilter } from './common/filters/api-exception.filter';
import { createApiDocument } from './common/openapi/openapi-document';
import { JsonDepthPipe } from './common/validation/json-depth.pipe';
import { ResolvedConfig } from './config/loket.config';
import { serveDashboard } from './dashboard/dashboard-static';
import { MIDTRANS_NOTIFICATION_PATH } from './payments/notification.controller';
import { DIGIFLAZZ_CALLBACK_PATH } from './pulsa/digiflazz-callback.controller';
import { VIEWS_DIR as RESERVATION_VIEWS_DIR } from './reservations/pages.controller';

export const API_PREFIX = 'api';
export const DOCS_PATH = 'api/docs';

/**
 * Builds the HTTP application; start-up, scripts and tests all get the same one. It runs on Fastify
 * rather than Express: that took a fifth to a quarter off Loket's CPU per REST transfer, and a quarter
 * to a third per code-and-transfer pair (README, Benchmarks).
 * Tests that serve it without `listen` must await `ready()` on the Fastify instance after `init()`.
 */
export async function createLoketApp(config: ResolvedConfig): Promise<NestFastifyApplication> {
  const errors = new ApiExceptionFilter();
  // Security headers on every answer; the Swagger UI needs only its own files and inline styles, which the defaults allow.
  const headers = securityHeaders();
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: requestId,
    // A URL that cannot be decoded never reaches a route, nor Nest's filter: the same JSON 400 here.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      const body = errors.toBody(error, request.id);
      void reply.headers(headers).code(body.statusCode).send(body);
    },
    // As Express did: /api/wallet/ is /api/wallet.
    routerOptions: { ignoreTrailingSlash: true },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  const fastify = adapter.getInstance();
  // Provider callbacks are stored exactly as received, so their routes get the bytes; the rest is JSON only.
  parseJsonBodies(fastify, [MIDTRANS_NOTIFICATION_PATH, DIGIFLAZZ_CALLBACK_PATH]);
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
  // Every request gets its line once answered, whatever answered it.
  fastify.addHook(
    'onResponse',
    requestLogLine(() => PinoLogger.root),
  );
  app.useLogger(new QuietStartLogger(app.get(Logger)));
  // The admin dashboard: static files of its own with a stricter policy than helmet's default.
  serveDashboard(fastify, config.dashboardDir);
  app.setGlobalPrefix(API_PREFIX, {
    exclude: ['health', 'health/ready', '/', 'reservasi.css', 'orders/:code', 'orders/:code/pay'],
  });
  // The reservation web pages, rendered with Handlebars inside views/layout.hbs.
  await app.register(fastifyView, {
    engine: { handlebars },
    root: RESERVATION_VIEWS_DIR,
    layout: 'layout.hbs',
    viewExt: 'hbs',
    // Compiled once; a developer editing a page wants it re-read.
    production: config.nodeEnv !== 'development',
  });
  app.useGlobalPipes(
    new JsonDepthPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      stopAtFirstError: true,
    }),
  );
  app.useGlobalFilters(errors);

  const document = createApiDocument(app);
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}-json` });
  return app;
}
