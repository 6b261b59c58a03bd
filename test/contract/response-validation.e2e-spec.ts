import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import fastify from 'fastify';
import request from 'supertest';
import { createApiDocument } from '../../src/common/openapi/openapi-document';
import { addContractChecks, takeContractViolations } from '../support/openapi-contract';
import { createTestApp, TestApp } from '../support/test-app';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const PUBLIC = [
  'GET /health',
  'GET /health/ready',
  'POST /api/auth/signup',
  'POST /api/auth/signin',
  'POST /api/payments/midtrans/notification',
  'POST /api/pulsa/suppliers/digiflazz/callback',
  'GET /api/catalog',
  'GET /api/reservations/availability',
  'POST /api/reservations',
  'POST /api/reservations/{code}/payment',
  'POST /api/reservations/{code}/cancel',
];

const wallet = { balance: '250000', held: '0', available: '250000', currency: 'IDR' };
const error = (statusCode: number, name: string, code: string) => ({ statusCode, error: name, message: 'No.', code });

describe('the API contract', () => {
  let t: TestApp;
  let document: OpenAPIObject;
  beforeAll(async () => {
    t = await createTestApp();
    document = (await t.http().get('/api/docs-json').expect(200)).body as OpenAPIObject;
  });
  afterAll(() => t.close());

  it('is checked against the document the service publishes', () => {
    expect(createApiDocument(t.app)).toEqual(document);
  });

  describe('the response validator', () => {
    // A stand-in for Loket that answers whatever the test tells it to, behind the validator every test app has.
    let answer: { status: number; body: unknown };
    const fake = fastify();
    beforeAll(async () => {
      addContractChecks(fake, createApiDocument(t.app));
      fake.all('/*', (_request, reply) => {
        void reply.code(answer.status).send(answer.body);
      });
      await fake.ready();
    });
    afterAll(() => fake.close());

    // Drains what it records, so these deliberate violations do not fail the test (contract-check.ts).
    async function violations(method: 'get' | 'post', path: string, status: number, body: unknown) {
      answer = { status, body };
      await request(fake.server)[method](path).expect(status);
      return takeContractViolations();
    }

    it.each([
      ['the balance as a number', { ...wallet, balance: 250000 }, /\/response\/balance must be string/],
      [
        'a field the document does not declare',
        { ...wallet, points: 10 },
        /\/response must NOT have additional properties/,
      ],
      ['the balance not in digits', { ...wallet, balance: '250.000' }, /\/response\/balance must match pattern/],
      ['a required field missing', { ...wallet, available: undefined }, /must have required property 'available'/],
    ])('catches a wallet with %s', async (_case, body, message) => {
      const found = await violations('get', '/api/wallet', 200, body);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(message);
      expect(found[0]).toContain('GET /api/wallet answered 200');
    });

    it('catches a status the route does not declare', async () => {
      const found = await violations('get', '/api/wallet', 418, error(418, "I'm a teapot", 'BAD_REQUEST'));
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/no schema defined for status code '418'/);
    });

    it('catches an error code the route cannot answer with', async () => {
      const found = await violations(
        'post',
        '/api/wallet/transfers',
        422,
        error(422, 'Unprocessable Entity', 'BILL_NOT_UNPAID'),
      );
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/code must be equal to one of the allowed values/);
    });

    it('catches a request the answer accepted although the document refuses it', async () => {
      const found = await violations('get', '/api/wallet?points=10', 200, wallet);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/was accepted \(200\) but the document refuses it: Unknown query parameter 'points'/);
    });

    it('lets answers the document describes through', async () => {
      expect(await violations('get', '/api/wallet', 200, wallet)).toEqual([]);
      expect(await violations('get', '/api/wallet', 401, error(401, 'Unauthorized', 'UNAUTHORIZED'))).toEqual([]);
      const insufficient = error(422, 'Unprocessable Entity', 'INSUFFICIENT_FUNDS');
      expect(await violations('post', '/api/wallet/transfers', 422, insufficient)).toEqual([]);
    });
  });

  describe('the document', () => {
    const operations = () =>
      Object.entries(document.paths).flatMap(([path, item]) =>
        METHODS.filter((method) => item[method]).map((method) => ({
          name: `${method.toUpperCase()} ${path}`,
          path,
          operation: item[method] as OperationObject,
        })),
      );
    const response = (operation: OperationObject, status: number) =>
      operation.responses[status] as ResponseObject | undefined;
    // An error response is ErrorResponse with `code` narrowed to what the route can answer.
    const errorCodes = (operation: OperationObject, status: number): unknown => {
      const schema = response(operation, status)?.content?.['application/json']?.schema as SchemaObject | undefined;
      const [base, narrowed] = (schema?.allOf ?? []) as [ReferenceObject?, SchemaObject?];
      if (base?.$ref !== '#/components/schemas/ErrorResponse') return `not an ErrorResponse: ${JSON.stringify(schema)}`;
      return (narrowed?.properties?.code as SchemaObject | undefined)?.enum;
    };

    it('gives every failure of every route the error body, and 503 a Retry-After', () => {
      expect(operations().length).toBeGreaterThan(20);
      for (const { name, operation } of operations()) {
        const statuses = Object.keys(operation.responses).map(Number);
        expect({ name, has400: statuses.includes(400), has503: statuses.includes(503) }).toEqual({
          name,
          has400: true,
          has503: true,
        });
        for (const status of statuses.filter((status) => status >= 400)) {
          expect({ name, status, codes: errorCodes(operation, status) }).toEqual({
            name,
            status,
            codes: expect.arrayContaining([expect.stringMatching(/^[A-Z][A-Z_]*$/)]),
          });
        }
        expect({ name, codes: errorCodes(operation, 503) }).toEqual({
          name,
          codes: expect.arrayContaining(['DATABASE_UNAVAILABLE']),
        });
        expect({ name, headers: response(operation, 503)?.headers }).toEqual({
          name,
          headers: { 'Retry-After': expect.objectContaining({ schema: { type: 'integer' } }) },
        });
      }
    });

    it('asks for the bearer token on every route but the public ones, and says it may answer 401', () => {
      expect(document.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      const open = operations().filter(({ operation }) => operation.security?.length === 0);
      expect(open.map(({ name }) => name).sort()).toEqual([...PUBLIC].sort());
      for (const { name, operation } of operations().filter(({ name }) => !PUBLIC.includes(name))) {
        expect({ name, security: operation.security }).toEqual({ name, security: [{ bearer: [] }] });
        expect({ name, codes: errorCodes(operation, 401) }).toEqual({
          name,
          codes: expect.arrayContaining(['UNAUTHORIZED']),
        });
      }
    });

    it('says admin routes may answer 403', () => {
      const admin = operations().filter(({ path }) => path.startsWith('/api/admin/'));
      expect(admin.length).toBeGreaterThan(5);
      for (const { name, operation } of admin) {
        expect({ name, codes: errorCodes(operation, 403) }).toEqual({ name, codes: ['FORBIDDEN'] });
      }
    });

    it('documents the Idempotency-Key header of a transfer', () => {
      const parameters = (document.paths['/api/wallet/transfers'].post?.parameters ?? []) as ParameterObject[];
      expect(parameters).toContainEqual(
        expect.objectContaining({ in: 'header', name: 'Idempotency-Key', schema: { type: 'string' } }),
      );
    });

    it('takes money as RupiahInput and answers it as Rupiah', () => {
      const schemas = document.components!.schemas as Record<string, SchemaObject>;
      expect(schemas.CreateTransferDto.properties?.amount).toMatchObject({
        allOf: [{ $ref: '#/components/schemas/RupiahInput' }],
      });
      expect(schemas.WalletResponse.properties?.balance).toMatchObject({
        allOf: [{ $ref: '#/components/schemas/Rupiah' }],
      });
      expect(schemas.Rupiah).toMatchObject({ type: 'string' });
      expect(schemas.RupiahInput.oneOf).toEqual([
        { type: 'integer' },
        expect.objectContaining({ type: 'string', pattern: expect.any(String) }),
      ]);
    });
  });
});
