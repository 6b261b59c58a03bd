import { INestApplication } from '@nestjs/common';
import {
  DocumentBuilder,
  getSchemaPath,
  OpenAPIObject,
  OperationObject,
  ResponseObject,
  SchemaObject,
  SwaggerModule,
} from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { DomainErrorClass, HTTP_STATUS_BY_KIND } from '../errors/domain-error';
import { RUPIAH_INPUT_SCHEMA, RUPIAH_SCHEMA } from '../money/rupiah-schema';
import { CommonErrors } from './common-errors';
import { ErrorResponse } from './error.response';
import { EXTENSION } from './operation-extensions';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;
const BEARER = 'bearer';

/** The API document as the service publishes it at /api/docs-json. */
export function createApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Loket API')
      .setDescription(
        'Wallet, pulsa reseller and reservations on one ledger. Amounts are whole rupiah: send a JSON integer ' +
          'or a string of digits; responses carry them as strings. Every error is `ErrorResponse`.',
      )
      .setVersion('1')
      .addBearerAuth(undefined, BEARER)
      .build(),
    { extraModels: [ErrorResponse] },
  );
  return finishDocument(document);
}

/**
 * Turns the operation facts left by @Public, @Roles and @ApiErrors into security and error
 * responses, so no route lists by hand the failures every route shares.
 */
function finishDocument(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components ??= {}).schemas ?? {};
  schemas.Rupiah = RUPIAH_SCHEMA;
  schemas.RupiahInput = RUPIAH_INPUT_SCHEMA;
  for (const schema of Object.values(schemas) as SchemaObject[]) {
    // Requests refuse unknown fields (the validation pipe) and responses carry only what is declared.
    if (schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      schema.properties![name] = finishReference(property as SchemaObject);
    }
  }
  document.components.schemas = schemas;

  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = path[method];
      if (operation) finishOperation(operation as Extended);
    }
  }
  return document;
}

/** Matches null only: OpenAPI 3.0 has no null type, and `nullable` means nothing next to a reference. */
const NULL_ONLY: SchemaObject = { type: 'object', nullable: true, enum: [null] };

/**
 * A property that is a reference (`allOf: [$ref]`, as the plugin writes one) keeps only its
 * description beside it: a format or type there would contradict the referenced schema, and a
 * nullable one becomes "the reference or null", which validators and generators read alike.
 */
function finishReference(property: SchemaObject): SchemaObject {
  if (property.allOf?.length !== 1 || !('$ref' in property.allOf[0])) return property;
  const { description, nullable, allOf } = property;
  const example: unknown = property.example;
  const kept: SchemaObject = { ...(description && { description }), ...(example !== undefined && { example }) };
  return nullable ? { ...kept, anyOf: [allOf[0], NULL_ONLY] } : { ...kept, allOf };
}

type Extended = OperationObject & Record<string, unknown>;

function finishOperation(operation: Extended): void {
  const isPublic = operation[EXTENSION.isPublic] === true;
  const roles = operation[EXTENSION.roles] as string[] | undefined;
  const named = (operation[EXTENSION.errors] as DomainErrorClass[] | undefined) ?? [];
  for (const key of Object.values(EXTENSION)) delete operation[key];

  const errors: DomainErrorClass[] = [
    CommonErrors.validation,
    CommonErrors.badRequest,
    CommonErrors.databaseUnavailable,
    ...named,
  ];
  if (isPublic) {
    operation.security = [];
  } else {
    operation.security = [{ [BEARER]: [] }];
    errors.push(CommonErrors.unauthorized);
  }
  if (roles?.length) {
    errors.push(CommonErrors.forbidden);
    operation.description = [operation.description, `Needs the ${roles.join(' or ')} role.`]
      .filter(Boolean)
      .join('\n\n');
  }

  // Any route may meet a body too large or of a type (or charset) Loket does not read.
  const codesByStatus = new Map<number, Set<string>>([
    [413, new Set(['PAYLOAD_TOO_LARGE'])],
    [415, new Set(['UNSUPPORTED_MEDIA_TYPE'])],
  ]);
  for (const error of errors) {
    const status = HTTP_STATUS_BY_KIND[error.kind];
    codesByStatus.set(status, (codesByStatus.get(status) ?? new Set()).add(error.code));
  }
  // Query values are decoded whether or not a client percent-encodes reserved characters (`prefix=system:`).
  for (const parameter of operation.parameters ?? []) {
    if ('in' in parameter && parameter.in === 'query') parameter.allowReserved = true;
  }
  operation.responses ??= {};
  for (const [status, codes] of [...codesByStatus].sort(([a], [b]) => a - b)) {
    operation.responses[status] ??= errorResponse(status, [...codes].sort());
  }
}

function errorResponse(status: number, codes: string[]): ResponseObject {
  const response: ResponseObject = {
    description: `${STATUS_CODES[status]}: ${codes.join(', ')}`,
    content: {
      'application/json': {
        schema: {
          allOf: [
            { $ref: getSchemaPath(ErrorResponse) },
            { type: 'object', properties: { code: { type: 'string', enum: codes } } },
          ],
        },
      },
    },
  };
  if (status === 503) {
    response.headers = {
      'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } },
    };
  }
  return response;
}
