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
  allowEmptyValue?: boolean;
}

interface MediaType {
  schema?: Schema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, MediaType> };
  responses?: Record<string, { content?: Record<string, MediaType> }>;
}

interface Route {
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
  query: Set<string>;
  allowEmpty: Set<string>;
  headers: string[];
  validateParameters: ValidateFunction;
  body?: { required: boolean; validate: ValidateFunction };
}

type ResponseCheck = { kind: 'undeclared' } | { kind: 'no-content' } | { kind: 'json'; validate: ValidateFunction };

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];
/** ajv's id for the document's components; every `#/components/...` reference is rewritten to it. */
const DOCUMENT_ID = 'loket-openapi';
const JSON_TYPE = 'application/json';

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

/**
 * The check reads what Loket's document uses: scalar query, path and header parameters, and JSON
 * bodies and answers, all written in place. Anything else (a `$ref` to a parameter, body or
 * response, path-level parameters, cookies, arrays or objects as parameters, another media type)
 * stops the test app here rather than go unchecked: teach the check first.
 */
function unsupported(path: string, method: string, item: Record<string, unknown>, operation: Operation): string[] {
  const where = `${method.toUpperCase()} ${path}`;
  const found: string[] = [];
  if (item.parameters) found.push(`${path}: path-level parameters`);
  for (const parameter of operation.parameters ?? []) {
    const type = parameter.schema?.type;
    if (
      '$ref' in parameter ||
      parameter.in === 'cookie' ||
      !parameter.schema ||
      type === 'array' ||
      type === 'object'
    ) {
      found.push(`${where}: parameter ${JSON.stringify(parameter).slice(0, 120)}`);
    }
  }
  const bodies = [operation.requestBody, ...Object.values(operation.responses ?? {})];
  for (const body of bodies) {
    if (body && '$ref' in body) found.push(`${where}: a $ref body or response`);
    for (const type of Object.keys(body?.content ?? {})) {
      if (type !== JSON_TYPE) found.push(`${where}: media type ${type}`);
    }
  }
  return found;
}

class Contract {
  private readonly routes = new Map<string, Route[]>();
  /** Responses and bodies: no coercion. */
  private readonly strict: Ajv;
  /** Query, path and header parameters arrive as text: coerced as express-openapi-validator did. */
  private readonly coercing: Ajv;

  constructor(original: OpenAPIObject) {
    const document = prepare(original) as { components?: unknown; paths?: Record<string, Record<string, unknown>> };
    this.strict = newAjv(false);
    this.coercing = newAjv(true);
    for (const ajv of [this.strict, this.coercing])
      ajv.addSchema({ components: document.components ?? {} }, DOCUMENT_ID);

    const problems: string[] = [];
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      const { regex, names, rank } = compilePath(path);
      for (const method of METHODS) {
        const operation = item[method] as Operation | undefined;
        if (!operation) continue;
        problems.push(...unsupported(path, method, item, operation));
        const list = this.routes.get(method.toUpperCase()) ?? [];
        list.push({ regex, names, rank, operation, responses: new Map() });
        this.routes.set(method.toUpperCase(), list);
      }
    }
    if (problems.length > 0) throw new Error(`The contract check cannot read:\n- ${problems.join('\n- ')}`);
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

    // Copies: the coercing validator converts them in place.
    const query = { ...((request.query ?? {}) as Record<string, unknown>) };
    const headers: Record<string, unknown> = {};
    for (const name of check.headers) {
      if (request.headers[name] !== undefined) headers[name] = request.headers[name];
    }
    for (const [name, value] of Object.entries(query)) {
      if (!check.query.has(name)) reasons.push(`Unknown query parameter '${name}'`);
      else if (value === '' && !check.allowEmpty.has(name)) {
        reasons.push(`Empty value found for query parameter '${name}'`);
      }
    }
    const fields = { query, headers, params: { ...match.pathParams } };
    if (!check.validateParameters(fields)) reasons.push(errorsText('request', check.validateParameters.errors));

    if (check.body) {
      const header = request.headers['content-type'];
      const mediaType = header ? header.split(';', 1)[0].trim().toLowerCase() : undefined;
      const present = request.body !== undefined;
      if (!mediaType) {
        if (check.body.required || present) reasons.push('media type not specified');
      } else if (mediaType !== JSON_TYPE) {
        reasons.push(`unsupported media type ${mediaType}`);
      } else if (!present) {
        if (check.body.required) reasons.push(`request must have required property 'body'`);
      } else if (!check.body.validate(request.body)) {
        // Validation only reads: no coercion, no defaults, so the real body is safe.
        reasons.push(errorsText('request/body', check.body.validate.errors));
      }
    }
    return reasons.length > 0 ? reasons.join('; ') : undefined;
  }

  private requestCheck(operation: Operation): RequestCheck {
    const group = () => ({ type: 'object', properties: {} as Record<string, Schema>, required: [] as string[] });
    const groups = { query: group(), headers: group(), params: group() };
    const check: Omit<RequestCheck, 'validateParameters'> = { query: new Set(), allowEmpty: new Set(), headers: [] };
    for (const parameter of operation.parameters ?? []) {
      const name = parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name;
      const field = parameter.in === 'query' ? 'query' : parameter.in === 'header' ? 'headers' : 'params';
      groups[field].properties[name] = parameter.schema!;
      if (parameter.required || parameter.in === 'path') groups[field].required.push(name);
      if (parameter.in === 'query') check.query.add(name);
      if (parameter.in === 'query' && parameter.allowEmptyValue) check.allowEmpty.add(name);
      if (parameter.in === 'header') check.headers.push(name);
    }
    const schema = operation.requestBody?.content?.[JSON_TYPE]?.schema;
    return {
      ...check,
      validateParameters: this.coercing.compile({ type: 'object', properties: groups, required: Object.keys(groups) }),
      body: schema && { required: operation.requestBody?.required === true, validate: this.strict.compile(schema) },
    };
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

    if (answer.length === 0) return 'response body required.';
    const header = reply.getHeader('content-type');
    const mediaType = typeof header === 'string' ? header.split(';', 1)[0].trim().toLowerCase() : undefined;
    if (mediaType !== JSON_TYPE) {
      return `the answer is ${mediaType ?? 'without a content type'}, the document declares ${JSON_TYPE}`;
    }
    let body: unknown;
    try {
      body = JSON.parse(answer);
    } catch {
      return `the answer is not JSON although it says ${mediaType}`;
    }
    return check.validate(body) ? undefined : errorsText('/response', check.validate.errors);
  }

  private responseCheck(operation: Operation, status: number): ResponseCheck {
    const responses = operation.responses ?? {};
    const found = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    if (!found) return { kind: 'undeclared' };
    const schema = found.content?.[JSON_TYPE]?.schema;
    return schema ? { kind: 'json', validate: this.strict.compile(schema) } : { kind: 'no-content' };
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
