import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import helmet from 'helmet';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { QuietStartLogger } from './common/logging/quiet-start.logger';
import { ApiExceptionFilter } from './common/filters/api-exception.filter';
import { createApiDocument } from './common/openapi/openapi-document';
import { JsonDepthPipe } from './common/validation/json-depth.pipe';
import { ResolvedConfig } from './config/loket.config';

export const API_PREFIX = 'api';
export const DOCS_PATH = 'api/docs';

/** Builds the HTTP application; start-up, scripts and tests all get the same one. */
export async function createLoketApp(config: ResolvedConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    rawBody: true,
    // JSON only: a form-encoded body would let any web page post to sign-up and sign-in.
    bodyParser: false,
  });
  // Security headers on every answer; the Swagger UI needs only its own files and inline styles, which the defaults allow.
  app.use(helmet());
  app.useBodyParser('json', { limit: '100kb' });
  app.useLogger(new QuietStartLogger(app.get(Logger)));
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'health/ready'] });
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
