import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, HTTP_STATUS_BY_KIND } from '../errors/domain-error';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  DatabaseUnavailableError,
  isDatabaseUnavailable,
} from '../../database/database-unavailable';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  code?: string;
  requestId?: string;
}

/** A stable code for errors that are not business rules: NOT_FOUND, UNAUTHORIZED, PAYLOAD_TOO_LARGE, … */
const codeOf = (status: number) => (STATUS_CODES[status] ?? 'ERROR').toUpperCase().replace(/[^A-Z]+/g, '_');

/** Fastify's own refusals (body too large, a broken URL, a bad media type) carry their status. */
interface FastifyError {
  code?: unknown;
  statusCode?: number;
}

/** The one place where errors become HTTP answers: every body is `{statusCode, error, message}`. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    // Bot handlers run outside HTTP: their errors go back to the update processor, which rolls back.
    if (host.getType() !== 'http') throw exception;
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const body = this.toBody(exception, String(request.id ?? ''));
    if (reply.sent) return;
    if (body.code === DatabaseUnavailableError.code) {
      void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    }
    void reply.code(body.statusCode).type('application/json; charset=utf-8').send(body);
  }

  toBody(exception: unknown, requestId: string): ErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = HTTP_STATUS_BY_KIND[exception.kind];
      return { statusCode, error: STATUS_CODES[statusCode]!, message: exception.message, code: exception.code };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const raw = exception.getResponse();
      const message =
        typeof raw === 'string' ? raw : ((raw as { message?: string | string[] }).message ?? exception.message);
      // A list of messages is the ValidationPipe's, one per bad field.
      const code = Array.isArray(message) ? 'VALIDATION_FAILED' : codeOf(statusCode);
      const body: ErrorBody = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, code };
      if (statusCode === Number(HttpStatus.TOO_MANY_REQUESTS)) body.message = 'Too many requests, try again later';
      return body;
    }
    const fastifyError = exception as FastifyError | undefined;
    const status = fastifyError?.statusCode;
    if (String(fastifyError?.code).startsWith('FST_') && status && status >= 400 && status < 500) {
      const message = String((exception as Error).message);
      return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, code: codeOf(status) };
    }
    // An outage, not a bug: the client is told to retry, and the log needs no stack.
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`Database unavailable for request ${requestId}: ${(exception as Error).message}`);
      return this.toBody(new DatabaseUnavailableError(), requestId);
    }
    this.logger.error({ err: exception, requestId }, 'Unhandled error');
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'Internal Server Error',
      message: 'Something went wrong on our side; quote the request id when reporting it',
      requestId,
    };
  }
}
