import { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import type { OpenAPIV3 } from 'express-openapi-validator/dist/framework/types';
import { createApiDocument } from '../../src/common/openapi/openapi-document';

/**
 * Every response a test app sends is checked against the API document the service publishes.
 * A response that the document does not describe (an undeclared status, a missing or extra field,
 * a wrong type) is recorded here, and the test that produced it fails (see contract-check.ts).
 */
const violations: string[] = [];

export function takeContractViolations(): string[] {
  return violations.splice(0);
}

/** The response validator over `document`, recording instead of answering for the route. */
export function responseValidator(document: OpenAPIObject): RequestHandler[] {
  return OpenApiValidator.middleware({
    apiSpec: structuredClone(document) as unknown as OpenAPIV3.DocumentV3,
    validateRequests: false,
    validateSecurity: false,
    // Unknown routes are Loket's JSON 404; the docs pages are not part of the API.
    ignoreUndocumented: true,
    validateResponses: {
      allErrors: true,
      onError: (error, body, request: Request) => {
        const status = (request.res as Response | undefined)?.statusCode;
        const answer = JSON.stringify(body)?.slice(0, 300);
        violations.push(`${request.method} ${request.originalUrl} answered ${status}: ${error.message}\n  ${answer}`);
      },
    },
  });
}

/**
 * The other half of the contract: a request the service accepted (answered below 400) must be one
 * the document accepts too, or a client generated from it could not send what the README shows.
 * The validator works on a copy, so the service still gets the request exactly as sent.
 */
export function acceptedRequestChecker(document: OpenAPIObject): RequestHandler {
  const chain = OpenApiValidator.middleware({
    apiSpec: structuredClone(document) as unknown as OpenAPIV3.DocumentV3,
    validateRequests: true,
    validateResponses: false,
    validateSecurity: false,
    ignoreUndocumented: true,
  }) as unknown as RequestHandler[];
  return (request, response, next) => {
    runChain(chain, copyOf(request), response, (refusal) => {
      if (refusal) {
        response.on('finish', () => {
          if (response.statusCode >= 400) return;
          const reason = refusal instanceof Error ? refusal.message : JSON.stringify(refusal);
          violations.push(
            `${request.method} ${request.originalUrl} was accepted (${response.statusCode}) but the document refuses it: ${reason}`,
          );
        });
      }
      next();
    });
  };
}

function copyOf(request: Request): Request {
  const copy = Object.create(request) as Request;
  for (const field of ['body', 'query', 'headers'] as const) {
    Object.defineProperty(copy, field, { value: structuredClone(request[field]), writable: true });
  }
  return copy;
}

function runChain(chain: RequestHandler[], request: Request, response: Response, done: (error?: unknown) => void) {
  let index = 0;
  const step = (error?: unknown): void => {
    if (error || index === chain.length) return done(error);
    try {
      void chain[index++](request, response, step);
    } catch (thrown) {
      done(thrown);
    }
  };
  step();
}

/** Mounts both checks before Nest registers its routes (call before `app.init()`). */
export function checkResponsesAgainstDocument(app: INestApplication): void {
  const document = createApiDocument(app);
  for (const handler of [acceptedRequestChecker(document), ...responseValidator(document)]) {
    // A path that cannot be decoded matches no route; Loket answers it with a JSON 400 of its own.
    app.use((request: Request, response: Response, next: NextFunction) =>
      decodable(request.path) ? handler(request, response, next) : next(),
    );
  }
}

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
