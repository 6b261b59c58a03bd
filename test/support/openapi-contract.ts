import { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createApiDocument } from '../../src/common/openapi/openapi-document';

/**
 * Every response a test app sends is checked against the API document the service publishes.
 * A response that the document does not describe (an undeclared status, a missing or extra field,
 * a wrong type) is recorded here, and the test that produced it fails (see contract-check.ts).
 *
 * The other half of the contract: a request the service accepted (answered below 400) must be one
 * the document accepts too, or a client generated from it could not send what the README shows.
 * Requests are checked on copies, so the service still gets them exactly as sent.
 *
 * Requests are matched to operations by their URL path and method alone (OpenAPI's own reading:
 * case-sensitive, a literal segment before a template one, and a trailing slash only where the
 * router ignores it), never by the route that answered them.
 * Paths the document does not list (web pages, /api/docs, unknown routes) are not checked.
 */
const violations: string[] = [];

export function takeContractViolations(): string[] {
  return violations.splice(0);
}

/** Mounts both checks on the Nest app's Fastify instance (call before `app.init()`). */
export function checkResponsesAgainstDocument(app: INestApplication): void {
  addContractChecks(app.getHttpAdapter().getInstance() as FastifyInstance, createApiDocument(app));
}

/** Checks every request (preHandler, once its body is parsed) and every answer (onSend) against `document`. */
export function addContractChecks(fastify: FastifyInstance, document: OpenAPIObject): void {
  const contract = contractFor(document);
  // Follow the router where it reads a path more loosely than OpenAPI does (Loket: /api/wallet/ is /api/wallet).
  const router = fastify.initialConfig.routerOptions;
  const reading = {
    ignoreTrailingSlash: router?.ignoreTrailingSlash === true,
    ignoreDuplicateSlashes: router?.ignoreDuplicateSlashes === true,
  };
  const state = new WeakMap<FastifyRequest, { match?: Match; refusal?: string }>();
  const stateOf = (request: FastifyRequest) => {
    let found = state.get(request);
    if (!found) {
      found = { match: contract.match(request.method, request.url, reading) };
      state.set(request, found);
    }
    return found;
  };

  fastify.addHook('preHandler', (request, _reply, done) => {
    try {
      const found = stateOf(request);
      if (found.match) found.refusal = contract.refusal(found.match, request);
    } catch (error) {
      violations.push(`${request.method} ${request.url}: the contract check failed on the request: ${String(error)}`);
    }
    done();
  });

  fastify.addHook('onSend', (request, reply, payload, done) => {
    try {
      const { match, refusal } = stateOf(request);
      if (match) {
        const status = reply.statusCode;
        if (refusal !== undefined && status < 400) {
          violations.push(
            `${request.method} ${request.url} was accepted (${status}) but the document refuses it: ${refusal}`,
          );
        }
        const answer = textOf(payload);
        const problem = answer === undefined ? undefined : contract.responseProblem(match, status, reply, answer);
        if (problem) {
          violations.push(
            `${request.method} ${request.url} answered ${status}: ${problem}\n  ${answer!.slice(0, 300)}`,
          );
        }
      }
    } catch (error) {
      violations.push(`${request.method} ${request.url}: the contract check failed on the answer: ${String(error)}`);
    }
    done(null, payload);
  });
}

/** The payload as text; undefined for a stream, which cannot be read here without consuming it. */
function textOf(payload: unknown): string | undefined {
  if (payload === null || payload === undefined) return '';
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The compiled document: operations with their path regexes, and validators built on first use.

type Schema = Record<string, unknown>;

interface Parameter {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required?: boolean;
  schema?: Schema;
  content?: Record<string, { schema?: Schema }>;
  style?: string;
  explode?: boolean;
  allowEmptyValue?: boolean;
}

interface MediaType {
  schema?: Schema;
}

interface Operation {
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required?: boolean; content?: Record<string, MediaType> } | { $ref: string };
  responses?: Record<string, { content?: Record<string, MediaType> } | { $ref: string }>;
}

interface Route {
  method: string;
  regex: RegExp;
  names: string[];
  /** 0 for a literal segment, 1 for a template one: literal paths win (`/reservations/availability`). */
  rank: number[];
  operation: Operation;
  request?: RequestCheck;
  responses: Map<number, ResponseCheck>;
}

interface PathReading {
  ignoreTrailingSlash: boolean;
  ignoreDuplicateSlashes: boolean;
}

interface Match {
  route: Route;
  pathParams: Record<string, string>;
}

interface RequestCheck {
  /** Parameters that need deserializing before validation (arrays, objects, JSON content). */
  shaped: Parameter[];
  query: Set<string>;
  anyQueryAllowed: boolean;
  allowEmpty: Set<string>;
  headers: string[];
  validateParameters: ValidateFunction;
  body?: { required: boolean; types: Map<string, ValidateFunction | undefined> };
}

type ResponseCheck =
  | { kind: 'undeclared' }
  | { kind: 'no-content' }
  | { kind: 'content'; types: Map<string, ValidateFunction | undefined> };

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];
/** ajv's id for the document's components; every `#/components/...` reference is rewritten to it. */
const DOCUMENT_ID = 'loket-openapi';
const ARRAY_DELIMITER: Record<string, string> = { form: ',', simple: ',', spaceDelimited: ' ', pipeDelimited: '|' };
const JSON_MEDIA_TYPE = /^application\/([\w.+-]+\+)?json$/;

const contracts = new Map<string, Contract>();

/** One compiled contract per document text: test files build many apps on the same document. */
function contractFor(document: OpenAPIObject): Contract {
  const key = JSON.stringify(document);
  let contract = contracts.get(key);
  if (!contract) {
    contract = new Contract(JSON.parse(key) as OpenAPIObject);
    contracts.set(key, contract);
  }
  return contract;
}

class Contract {
  private readonly document: Record<string, any>;
  private readonly routes = new Map<string, Route[]>();
  /** Responses and bodies: no coercion. */
  private readonly strict: Ajv;
  /** Query, path and header parameters arrive as text: coerced as express-openapi-validator did. */
  private readonly coercing: Ajv;

  constructor(document: OpenAPIObject) {
    this.document = prepare(document) as Record<string, any>;
    this.strict = newAjv(false);
    this.coercing = newAjv(true);
    for (const ajv of [this.strict, this.coercing]) {
      ajv.addSchema({ components: this.document.components ?? {} }, DOCUMENT_ID);
    }

    for (const [path, item] of Object.entries((this.document.paths ?? {}) as Record<string, Record<string, unknown>>)) {
      const { regex, names, rank } = compilePath(path);
      for (const method of METHODS) {
        const operation = item[method] as Operation | undefined;
        if (!operation) continue;
        const inherited = (item.parameters as Parameter[] | undefined) ?? [];
        if (inherited.length > 0) {
          const own = new Set(
            (operation.parameters ?? []).map((p) => this.parameter(p)).map((p) => `${p.in}:${p.name}`),
          );
          operation.parameters = [
            ...(operation.parameters ?? []),
            ...inherited.filter((p) => !own.has(`${this.parameter(p).in}:${this.parameter(p).name}`)),
          ];
        }
        const key = method.toUpperCase();
        const list = this.routes.get(key) ?? [];
        list.push({ method: key, regex, names, rank, operation, responses: new Map() });
        this.routes.set(key, list);
      }
    }
    for (const list of this.routes.values()) list.sort((a, b) => compareRanks(a.rank, b.rank));
  }

  match(method: string, url: string, reading: PathReading): Match | undefined {
    const routes = this.routes.get(method);
    if (!routes) return undefined;
    let raw = url.split('?', 1)[0];
    if (reading.ignoreDuplicateSlashes) raw = raw.replace(/\/{2,}/g, '/');
    if (reading.ignoreTrailingSlash && raw.length > 1 && raw.endsWith('/')) raw = raw.slice(0, -1);
    let segments: string[];
    try {
      segments = raw.split('/').map((segment) => decodeURIComponent(segment));
    } catch {
      return undefined; // The service answers an undecodable path with a 400 of its own.
    }
    // A decoded slash inside a segment must not split it: match the raw path and decode the values then.
    const encodedSlash = segments.some((segment) => segment.includes('/'));
    const path = encodedSlash ? raw : segments.join('/');
    for (const route of routes) {
      const found = route.regex.exec(path);
      if (!found) continue;
      const pathParams: Record<string, string> = {};
      route.names.forEach((name, index) => {
        const value = found[index + 1];
        pathParams[name] = encodedSlash ? decodeURIComponent(value) : value;
      });
      return { route, pathParams };
    }
    return undefined;
  }

  // --- requests ----------------------------------------------------------------------------

  /** Why the document refuses `request`, or undefined when it accepts it. */
  refusal(match: Match, request: FastifyRequest): string | undefined {
    const check = (match.route.request ??= this.requestCheck(match.route.operation));
    const reasons: string[] = [];

    const query: Record<string, unknown> = {};
    for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
      query[name] = Array.isArray(value) ? [...(value as unknown[])] : value;
    }
    const params: Record<string, unknown> = { ...match.pathParams };
    const headers: Record<string, unknown> = {};
    for (const name of check.headers) {
      const value = request.headers[name];
      if (value !== undefined) headers[name] = Array.isArray(value) ? [...value] : value;
    }
    const fields = { query, headers, params } as Record<string, Record<string, unknown>>;
    for (const parameter of check.shaped) shape(parameter, fields);

    if (!check.anyQueryAllowed) {
      for (const [name, value] of Object.entries(query)) {
        if (!check.query.has(name)) reasons.push(`Unknown query parameter '${name}'`);
        else if (value === '' && !check.allowEmpty.has(name)) {
          reasons.push(`Empty value found for query parameter '${name}'`);
        }
      }
    }
    if (!check.validateParameters(fields)) reasons.push(errorsText('request', check.validateParameters.errors));

    if (check.body) {
      const header = request.headers['content-type'];
      const mediaType = header ? header.split(';', 1)[0].trim().toLowerCase() : undefined;
      const present = request.body !== undefined;
      if (!mediaType) {
        if (check.body.required || present) reasons.push('media type not specified');
      } else if (!check.body.types.has(mediaType) && !wildcardCovers(check.body.types, mediaType)) {
        reasons.push(`unsupported media type ${mediaType}`);
      } else if (!present) {
        if (check.body.required) reasons.push(`request must have required property 'body'`);
      } else {
        const validate =
          check.body.types.get(mediaType) ??
          (JSON_MEDIA_TYPE.test(mediaType) ? wildcardValidator(check.body.types, mediaType) : undefined);
        // Validation only reads: no coercion, no defaults, so the real body is safe.
        if (validate && !validate(request.body)) reasons.push(errorsText('request/body', validate.errors));
      }
    }
    return reasons.length > 0 ? reasons.join('; ') : undefined;
  }

  private requestCheck(operation: Operation): RequestCheck {
    const parameters = (operation.parameters ?? []).map((p) => this.parameter(p));
    const groups: Record<string, { type: 'object'; properties: Record<string, Schema>; required: string[] }> = {
      query: { type: 'object', properties: {}, required: [] },
      headers: { type: 'object', properties: {}, required: [] },
      params: { type: 'object', properties: {}, required: [] },
    };
    const check: RequestCheck = {
      shaped: [],
      query: new Set(),
      anyQueryAllowed: false,
      allowEmpty: new Set(),
      headers: [],
      validateParameters: undefined as unknown as ValidateFunction,
    };
    for (const parameter of parameters) {
      if (parameter.in === 'cookie') continue;
      const name = parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name;
      const field = parameter.in === 'query' ? 'query' : parameter.in === 'header' ? 'headers' : 'params';
      const schema = this.parameterSchema(parameter);
      const normalized: Parameter = {
        ...parameter,
        name,
        style: parameter.style ?? (parameter.in === 'query' ? 'form' : 'simple'),
        explode: parameter.explode ?? parameter.in === 'query',
        schema,
      };
      groups[field].properties[name] = schema;
      if (parameter.required || parameter.in === 'path') groups[field].required.push(name);
      if (parameter.in === 'query') {
        check.query.add(name);
        if (parameter.allowEmptyValue) check.allowEmpty.add(name);
        if (schema.type === 'object' && schema.additionalProperties) check.anyQueryAllowed = true;
      }
      if (parameter.in === 'header') check.headers.push(name);
      if (parameter.content || schema.type === 'array' || isObjectLike(schema)) check.shaped.push(normalized);
    }
    check.validateParameters = this.coercing.compile({
      type: 'object',
      properties: groups,
      required: ['query', 'headers', 'params'],
    });

    const body = this.resolve(operation.requestBody) as
      { required?: boolean; content?: Record<string, MediaType> } | undefined;
    if (body?.content) {
      const types = new Map<string, ValidateFunction | undefined>();
      for (const [type, media] of Object.entries(body.content)) {
        const mediaType = type.split(';', 1)[0].trim().toLowerCase();
        const readable = media.schema && (JSON_MEDIA_TYPE.test(mediaType) || mediaType.endsWith('/*'));
        types.set(mediaType, readable ? this.strict.compile(media.schema!) : undefined);
      }
      check.body = { required: body.required === true, types };
    }
    return check;
  }

  private parameter(parameter: Parameter | { $ref: string }): Parameter {
    return this.resolve(parameter) as Parameter;
  }

  private parameterSchema(parameter: Parameter): Schema {
    if (parameter.schema) return parameter.schema;
    const content = Object.values(parameter.content ?? {})[0];
    return content?.schema ?? {};
  }

  // --- responses ---------------------------------------------------------------------------

  /** What is wrong with an answer of `status` carrying `answer`, or undefined when the document describes it. */
  responseProblem(match: Match, status: number, reply: FastifyReply, answer: string): string | undefined {
    let check = match.route.responses.get(status);
    if (!check) {
      check = this.responseCheck(match.route.operation, status);
      match.route.responses.set(status, check);
    }
    if (check.kind === 'undeclared') return `no schema defined for status code '${status}' in the openapi spec`;
    if (check.kind === 'no-content') return answer.length > 0 ? 'response should NOT have a body' : undefined;

    const header = reply.getHeader('content-type');
    const mediaType = typeof header === 'string' ? header.split(';', 1)[0].trim().toLowerCase() : undefined;
    if (answer.length === 0) return check.types.size > 0 ? 'response body required.' : undefined;
    const declared = mediaType !== undefined && (check.types.has(mediaType) || wildcardCovers(check.types, mediaType));
    if (!declared) {
      return `the answer is ${mediaType ?? 'without a content type'}, the document declares ${[...check.types.keys()].join(', ')}`;
    }
    const validate =
      check.types.get(mediaType) ??
      (JSON_MEDIA_TYPE.test(mediaType) ? wildcardValidator(check.types, mediaType) : undefined);
    if (!validate) return undefined;
    let body: unknown;
    try {
      body = JSON.parse(answer);
    } catch {
      return `the answer is not JSON although it says ${mediaType}`;
    }
    return validate(body) ? undefined : errorsText('/response', validate.errors);
  }

  private responseCheck(operation: Operation, status: number): ResponseCheck {
    const responses = operation.responses ?? {};
    const found = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    if (!found) return { kind: 'undeclared' };
    const response = this.resolve(found) as { content?: Record<string, MediaType> };
    const entries = Object.entries(response.content ?? {});
    if (entries.length === 0) return { kind: 'no-content' };
    const types = new Map<string, ValidateFunction | undefined>();
    for (const [type, media] of entries) {
      const mediaType = type.split(';', 1)[0].trim().toLowerCase();
      const readable = media.schema && (JSON_MEDIA_TYPE.test(mediaType) || mediaType.endsWith('/*'));
      types.set(mediaType, readable ? this.strict.compile(media.schema!) : undefined);
    }
    return { kind: 'content', types };
  }

  /** Follows a `$ref` to a component (parameters, request bodies, responses). */
  private resolve(value: unknown): unknown {
    let current = value as { $ref?: unknown } | undefined;
    for (let hops = 0; current && typeof current.$ref === 'string' && hops < 10; hops++) {
      const pointer = current.$ref.slice(current.$ref.indexOf('#') + 1);
      current = pointer
        .split('/')
        .slice(1)
        .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce<any>((node, part) => node?.[part], this.document);
    }
    return current;
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

function newAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    coerceTypes,
    useDefaults: false,
    validateSchema: false,
    logger: false,
  });
  addFormats(ajv, { mode: 'fast' });
  // OpenAPI's own formats: the type says all that is checked.
  for (const format of ['int32', 'int64', 'float', 'double'] as const) {
    ajv.addFormat(format, { type: 'number', validate: () => true });
  }
  for (const format of ['byte', 'binary', 'password'] as const) {
    ajv.addFormat(format, { type: 'string', validate: () => true });
  }
  return ajv;
}

/**
 * A copy of the document ajv can read: component references point at DOCUMENT_ID (the
 * components, added to both ajv instances), and a `nullable` without a `type` (which ajv refuses) becomes
 * "this or null".
 */
function prepare(document: OpenAPIObject): unknown {
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (!node || typeof node !== 'object') return node;
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      copy[key] =
        key === '$ref' && typeof value === 'string' && value.startsWith('#') ? DOCUMENT_ID + value : rewrite(value);
    }
    if (copy.nullable === true && copy.type === undefined && copy.$ref === undefined) {
      delete copy.nullable;
      return { anyOf: [copy, { type: 'null' }] };
    }
    return copy;
  };
  return rewrite(document);
}

function compilePath(path: string): { regex: RegExp; names: string[]; rank: number[] } {
  const names: string[] = [];
  const rank: number[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      rank.push(segment.includes('{') ? 1 : 0);
      return segment
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const parameter = /^\{([^}]+)\}$/.exec(part);
          if (!parameter) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(parameter[1]);
          return '([^/]+)';
        })
        .join('');
    })
    .join('/');
  return { regex: new RegExp(`^${source}$`), names, rank };
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

function isObjectLike(schema: Schema): boolean {
  if (schema.type === 'object' || typeof schema.$ref === 'string') return true;
  return ['allOf', 'oneOf', 'anyOf'].some((key) => ((schema[key] as Schema[] | undefined) ?? []).some(isObjectLike));
}

/** Deserializes one parameter of the copies as express-openapi-validator did: arrays, objects, JSON content. */
function shape(parameter: Parameter, fields: Record<string, Record<string, unknown>>): void {
  const field = fields[parameter.in === 'query' ? 'query' : parameter.in === 'header' ? 'headers' : 'params'];
  const schema = parameter.schema ?? {};
  const { name } = parameter;
  const parseJson = () => {
    if (typeof field[name] !== 'string') return;
    try {
      field[name] = JSON.parse(field[name]);
    } catch {
      // Left as text: the validator says what is wrong with it.
    }
  };
  if (parameter.content) {
    const type = Object.keys(parameter.content)[0]?.split(';', 1)[0].trim().toLowerCase() ?? '';
    if (JSON_MEDIA_TYPE.test(type)) parseJson();
  } else if (parameter.in === 'query' && isObjectLike(schema)) {
    if (parameter.style === 'deepObject') {
      const prefix = `${name}[`;
      for (const key of Object.keys(field)) {
        if (!key.startsWith(prefix) || !key.endsWith(']')) continue;
        const object = (field[name] ??= {}) as Record<string, unknown>;
        if (typeof object === 'object') object[key.slice(prefix.length, -1)] = field[key];
        delete field[key];
      }
    } else if (parameter.style === 'form' && parameter.explode) {
      parseJson();
      const properties = objectProperties(schema);
      if (properties.some((property) => property in field)) {
        const object: Record<string, unknown> = {};
        for (const property of properties) {
          if (!(property in field) || property === name) continue;
          object[property] = field[property];
          delete field[property];
        }
        field[name] = object;
      }
    } else if (parameter.style === 'form' && schema.type === 'object' && typeof field[name] === 'string') {
      const value = field[name];
      const items = value.split(',');
      if (!value.includes('{') && items.length % 2 === 0) {
        const object: Record<string, string> = {};
        for (let i = 0; i < items.length; i += 2) object[items[i]] = items[i + 1];
        field[name] = object;
      } else {
        parseJson();
      }
    } else {
      parseJson();
    }
  } else if (schema.type === 'array') {
    const value = field[name];
    if (typeof value !== 'string') return;
    if (parameter.explode && parameter.in === 'query') field[name] = [value];
    else field[name] = value.split(ARRAY_DELIMITER[parameter.style ?? 'form'] ?? ',');
  }
}

function objectProperties(schema: Schema): string[] {
  const own = Object.keys((schema.properties as Schema | undefined) ?? {});
  const nested = ['allOf', 'oneOf', 'anyOf'].flatMap((key) =>
    ((schema[key] as Schema[] | undefined) ?? []).flatMap((part) => objectProperties(part)),
  );
  return [...own, ...nested];
}

function wildcardCovers(types: Map<string, unknown>, mediaType: string): boolean {
  return types.has('*/*') || types.has(`${mediaType.split('/', 1)[0]}/*`);
}

function wildcardValidator(types: Map<string, ValidateFunction | undefined>, mediaType: string) {
  return types.get(`${mediaType.split('/', 1)[0]}/*`) ?? types.get('*/*');
}

/** ajv's errors as express-openapi-validator wrote them: `/response/balance must be string`, enums listed. */
function errorsText(prefix: string, errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((error) => {
      const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
      const message = error.keyword === 'enum' && allowed ? `${error.message}: ${allowed.join(', ')}` : error.message;
      return `${prefix}${error.instancePath} ${message}`;
    })
    .join(', ');
}
