import { createTestApp, TestApp } from './support/test-app';

describe('health and docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('says it is alive and that the database answers', async () => {
    await t.http().get('/health').expect(200, { status: 'ok' });
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.details.database.status).toBe('up');
  });

  it('serves the OpenAPI document with the DTOs described', async () => {
    const docs = await t.http().get('/api/docs-json').expect(200);
    expect(docs.body.paths['/api/auth/signup'].post).toBeDefined();
    expect(docs.body.components.schemas.SignUpDto.properties.username).toBeDefined();
    await t.http().get('/api/docs').expect(200).expect('content-type', /html/);
  });
});
