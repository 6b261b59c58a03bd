import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import helmet from 'helmet';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger, PinoLogger } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { AppModule } from './app.module';
import { QuietStartLogger } from './common/logging/quiet-start.logger';
import { requestLogLine } from './common/logging/request-logging';
import { ApiExceptionFilter } from './common/filters/api-exception.filter';
import { createApiDocument } from './common/openapi/openapi-document';
import { JsonDepthPipe } from './common/validation/json-depth.pipe';
import { ResolvedConfig } from './config/loket.config';
import { DASHBOARD_PATH, dashboardRouter } from './dashboard/dashboard-static';
import { MIDTRANS_NOTIFICATION_PATH } from './payments/notification.controller';
import { VIEWS_DIR as RESERVATION_VIEWS_DIR } from './reservations/pages.controller';

export const API_PREFIX = 'api';
export const DOCS_PATH = 'api/docs';

/** Routes whose controllers read the raw body themselves (see the JSON parser below). */
const READS_OWN_BODY = [MIDTRANS_NOTIFICATION_PATH];
/** application/json and the +json types, with or without parameters such as charset. */
const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

/** Builds the HTTP application; start-up, scripts and tests all get the same one. */
export async function createLoketApp(config: ResolvedConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    rawBody: true,
    // JSON only: a form-encoded body would let any web page post to sign-up and sign-in.
    bodyParser: false,
  });
  // First, so that every request gets its id and its line, whatever answers it.
  app.use(requestLogLine(() => PinoLogger.root));
  // Security headers on every answer; the Swagger UI needs only its own files and inline styles, which the defaults allow.
  app.use(helmet());
  // No ETag on API answers: hashing every body cost ~0.1 ms of CPU per request (bench:api), and no
  // client here revalidates JSON. The dashboard's static files keep theirs (express.static's own).
  app.set('etag', false);
  // Provider callbacks are stored exactly as received, even when they are not JSON at all, so their
  // controllers read the body themselves; everything else is parsed here.
  app.useBodyParser('json', {
    limit: '100kb',
    type: (request: IncomingMessage) =>
      !READS_OWN_BODY.includes(request.url?.split('?')[0] ?? '') &&
      JSON_TYPE.test(request.headers['content-type'] ?? ''),
  });
  app.useLogger(new QuietStartLogger(app.get(Logger)));
  // The admin dashboard: static files of its own with a stricter policy than helmet's default.
  app.use(DASHBOARD_PATH, dashboardRouter(config.dashboardDir));
  app.setGlobalPrefix(API_PREFIX, {
    exclude: ['health', 'health/ready', '/', 'reservasi.css', 'orders/:code', 'orders/:code/pay'],
  });
  // The reservation web pages, rendered with Handlebars (hbs picks views/layout.hbs as their layout).
  app.setBaseViewsDir(RESERVATION_VIEWS_DIR);
  app.setViewEngine('hbs');
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
  app.useGlobalFilters(new ApiExceptionFilter());

  const document = createApiDocument(app);
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}-json` });
  return app;
}
