import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createLoketApp } from '../../src/app.factory';
import { buildConfig, ResolvedConfig } from '../../src/config/loket.config';
import { PurchaseService } from '../../src/pulsa/purchase.service';
import { callbackHeaders, FakeDigiflazz } from '../fakes/digiflazz/fake-digiflazz';
import { checkResponsesAgainstDocument } from '../support/openapi-contract';
import { createUser, TestUser } from '../support/factories';
import { createTestDatabase, initApp, TestApp } from '../support/test-app';
import {
  addDemoCatalogue,
  buy,
  createAgent,
  expectLedgerOk,
  finalOf,
  makeDue,
  PULSA_TEST_ENV,
  reconcile,
  transactionOf,
  wallet,
} from './pulsa-harness';

const CALLBACK = '/api/pulsa/suppliers/digiflazz/callback';
const CREDENTIALS = { username: 'loketbuyer', apiKey: 'dev-0123456789abcdef', webhookSecret: 'rahasia-callback-01' };

describe('the Digiflazz supplier, against a fake Digiflazz', () => {
  let dz: FakeDigiflazz;
  let database: { url: string; drop(): Promise<void> };
  let jwtSecret: string;
  let t: TestApp;
  let admin: TestUser;
  let agent: TestUser;

  /** Loket on the suite's database, so a test can stop it and start it again. */
  const startLoket = async (): Promise<TestApp> => {
    const base = buildConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      LOKET_DATA_DIR: mkdtempSync(join(tmpdir(), 'loket-pulsa-')),
      ...PULSA_TEST_ENV,
      PULSA_SUPPLIER: 'digiflazz',
      DIGIFLAZZ_USERNAME: CREDENTIALS.username,
      DIGIFLAZZ_API_KEY: CREDENTIALS.apiKey,
      DIGIFLAZZ_WEBHOOK_SECRET: CREDENTIALS.webhookSecret,
      DIGIFLAZZ_URL: dz.url,
      DIGIFLAZZ_TIMEOUT_MS: '300',
    });
    const config: ResolvedConfig = {
      ...base,
      database: { ...base.database, url: database.url },
      auth: { ...base.auth, jwtSecret },
    };
    const app = await createLoketApp(config);
    checkResponsesAgainstDocument(app);
    await initApp(app);
    return {
      app,
      config,
      http: () => request(app.getHttpServer()),
      db: app.get(DataSource),
      databaseUrl: database.url,
      close: () => app.close(),
    };
  };
  const post = (body: string, headers: Record<string, string>) => t.http().post(CALLBACK).set(headers).send(body);
  const refOf = async (id: string) =>
    (await t.db.query('SELECT ref_id FROM pulsa_transactions WHERE id = $1', [id]))[0].ref_id as string;
  /** Waits until the fake has the purchase (it is sent in the background after the 202). */
  const arrived = async (ref: string) => {
    for (let i = 0; i < 100 && !dz.transaction(ref); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  };
  const purchase = async (destination: string) =>
    (await buy(t, agent, { productCode: 'T5', destination }).expect(202)).body;

  beforeAll(async () => {
    dz = await FakeDigiflazz.start(CREDENTIALS);
    database = await createTestDatabase();
    jwtSecret = randomBytes(32).toString('hex');
    t = await startLoket();
    admin = await createUser(t, { role: 'admin' });
    await addDemoCatalogue(t, 'digiflazz');
    agent = await createAgent(t, admin, { balance: 1_000_000 });
  });
  afterAll(async () => {
    await t.close();
    await database.drop();
    await dz.close();
  });

  it('sends a signed purchase and finalises on rc 00', async () => {
    const number = '081200000001';
    const sent = await purchase(number);
    const final = await finalOf(t, agent, sent.id);
    const ref = await refOf(sent.id);
    expect(final).toMatchObject({ status: 'success', sn: dz.transaction(ref)!.sn });
    expect(dz.requestsFor(ref)).toHaveLength(1);
    expect(dz.requestsFor(ref)[0].body).toMatchObject({
      username: CREDENTIALS.username,
      buyer_sku_code: 't5',
      customer_no: number,
    });
  });

  it('stays pending on rc 03 until a signed callback says success; a repeat changes nothing', async () => {
    const number = '081200000002';
    dz.behave(number, 'pending');
    const sent = await purchase(number);
    const ref = await refOf(sent.id);
    await arrived(ref);
    expect((await transactionOf(t, agent, sent.id)).status).toBe('pending');
    dz.settle(ref, 'success');
    const { body, headers } = dz.callback(ref);
    expect((await post(body, headers).expect(200)).body).toEqual({ outcome: 'applied' });
    expect((await post(body, headers).expect(200)).body).toEqual({ outcome: 'unchanged' });
    expect(await transactionOf(t, agent, sent.id)).toMatchObject({ status: 'success', sn: dz.transaction(ref)!.sn });
  });

  it('stays pending on rc 03 until the reconciler’s re-check by ref_id says failed, then refunds', async () => {
    const number = '081200000003';
    dz.behave(number, 'pending');
    const before = await wallet(t, agent);
    const sent = await purchase(number);
    const ref = await refOf(sent.id);
    await arrived(ref);
    dz.settle(ref, 'failed');
    await makeDue(t, sent.id);
    expect(await reconcile(t)).toMatchObject({ checked: 1, finalised: 1 });
    expect((await transactionOf(t, agent, sent.id)).status).toBe('failed');
    expect(await wallet(t, agent)).toEqual(before);
    expect(dz.requestsFor(ref)).toHaveLength(2);
  });

  it('fails at once on rc 01 and on request errors 41 and 49', async () => {
    for (const [number, behaviour] of [
      ['081200000004', 'timeout-rc01'],
      ['081200000005', { rc: '41' }],
      ['081200000006', { rc: '49' }],
    ] as const) {
      dz.behave(number, behaviour);
      const final = await finalOf(t, agent, (await purchase(number)).id);
      expect(final).toMatchObject({ status: 'failed', reason: expect.stringMatching(/\(rc (01|41|49)\)$/) });
    }
  });

  it('keeps a purchase pending when Digiflazz does not answer in time, and the re-check finds it', async () => {
    const number = '081200000007';
    dz.behave(number, { hangMs: 1000 });
    const sent = await purchase(number);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const pending = await transactionOf(t, agent, sent.id);
    expect(pending.status).toBe('pending');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await makeDue(t, sent.id);
    expect(await reconcile(t)).toMatchObject({ checked: 1, finalised: 1 });
    expect((await transactionOf(t, agent, sent.id)).status).toBe('success');
    expect(dz.requestsFor(await refOf(sent.id))).toHaveLength(2);
  });

  it('refuses a forged callback with 401, a malformed one with 400, and ignores unknown ref_ids', async () => {
    const number = '081200000008';
    dz.behave(number, 'pending');
    const sent = await purchase(number);
    const ref = await refOf(sent.id);
    await arrived(ref);
    dz.settle(ref, 'failed');
    const forged = dz.callback(ref, 'tebakan-salah');
    expect((await post(forged.body, forged.headers)).status).toBe(401);
    const { body, headers } = dz.callback(ref);
    expect((await post(body.replace('Gagal', 'Sukses'), headers)).status).toBe(401);
    expect((await post(body, { ...headers, 'x-hub-signature': '' })).status).toBe(401);
    expect((await transactionOf(t, agent, sent.id)).status).toBe('pending');
    const junk = '{"hello":1}';
    expect((await post(junk, callbackHeaders(junk, CREDENTIALS.webhookSecret))).status).toBe(400);
    const unknown = JSON.stringify({ data: { ref_id: 'bukan-punya-loket', rc: '00', sn: '1' } });
    expect((await post(unknown, callbackHeaders(unknown, CREDENTIALS.webhookSecret))).body).toEqual({
      outcome: 'unknown_ref',
    });
    const [{ n }] = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pulsa_supplier_callbacks WHERE outcome = 'forged'`,
    );
    expect(n).toBe(3);
  });

  it('finalises once when a callback and a poll arrive together: one state, at most one refund', async () => {
    for (let i = 0; i < 5; i++) {
      const number = `08120000010${i}`;
      dz.behave(number, 'pending');
      const before = await wallet(t, agent);
      const sent = await purchase(number);
      const ref = await refOf(sent.id);
      await arrived(ref);
      dz.settle(ref, 'failed');
      await makeDue(t, sent.id);
      const { body, headers } = dz.callback(ref);
      const [callback] = await Promise.all([post(body, headers), reconcile(t)]);
      expect(callback.status).toBe(200);
      expect((await transactionOf(t, agent, sent.id)).status).toBe('failed');
      const holds = await t.db.query<{ status: string }[]>(
        `SELECT h.status FROM ledger_holds h JOIN pulsa_transactions p ON p.hold_id = h.id WHERE p.id = $1`,
        [sent.id],
      );
      expect(holds).toEqual([{ status: 'voided' }]);
      expect(await wallet(t, agent)).toEqual(before);
    }
    await expectLedgerOk(t, admin);
  });

  it('sends a purchase exactly once when Loket stopped between the hold and the supplier call', async () => {
    const number = '081200000200';
    // The purchase commits (row + hold) but this process never sends it, as if it died right there.
    const placed = await t.app
      .get(PurchaseService)
      .place(agent.id, { productCode: 'T5', destination: number, channel: 'rest' });
    const ref = placed.transaction.refId;
    await t.close();
    expect(dz.requestsFor(ref)).toHaveLength(0);
    t = await startLoket();
    await makeDue(t, placed.transaction.id);
    await makeDue(t, placed.transaction.id);
    const [first, second] = await Promise.all([reconcile(t), reconcile(t)]);
    expect(first).toMatchObject({ sent: 1, finalised: 1 });
    expect(second).toBe(first);
    await makeDue(t, placed.transaction.id);
    await reconcile(t);
    expect(dz.requestsFor(ref)).toHaveLength(1);
    expect((await transactionOf(t, agent, placed.transaction.id)).status).toBe('success');
    await expectLedgerOk(t, admin);
  });

  it('lets an admin list, see stuck purchases, resolve a pending one (409 once final) and report the day', async () => {
    const number = '081200000300';
    dz.behave(number, 'pending');
    const sent = await purchase(number);
    await t.db.query(`UPDATE pulsa_transactions SET created_at = now() - interval '2 hours' WHERE id = $1`, [sent.id]);
    const stuck = await t.http().get('/api/admin/pulsa/transactions/stuck').set(admin.auth).expect(200);
    expect(stuck.body.items.map((i: { id: string }) => i.id)).toContain(sent.id);
    // Admin reads name the agent (joined in the same query), so a list needs no lookups per row.
    const buyer = { agentId: agent.id, agentUsername: agent.username, agentName: agent.username };
    expect(stuck.body.items.find((i: { id: string }) => i.id === sent.id)).toMatchObject(buyer);
    const detail = await t.http().get(`/api/admin/pulsa/transactions/${sent.shortId}`).set(admin.auth).expect(200);
    expect(detail.body).toMatchObject({ id: sent.id, ...buyer });
    const resolve = (status: string) =>
      t
        .http()
        .post(`/api/admin/pulsa/transactions/${sent.shortId}/resolve`)
        .set(admin.auth)
        .send({ status, sn: 'SN-ADMIN', reason: 'Dicek di dasbor Digiflazz' });
    expect((await resolve('success').expect(200)).body).toMatchObject({
      status: 'success',
      sn: 'SN-ADMIN',
      finalisedBy: 'admin',
      ...buyer,
    });
    expect((await resolve('failed').expect(409)).body.code).toBe('TRANSACTION_NOT_PENDING');
    const list = await t
      .http()
      .get(`/api/admin/pulsa/transactions?agent=${agent.username}&status=success&product=t5&limit=100`)
      .set(admin.auth)
      .expect(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(
      list.body.items.every(
        (i: { status: string; productCode: string; agentUsername: string }) =>
          i.status === 'success' && i.productCode === 'T5' && i.agentUsername === agent.username,
      ),
    ).toBe(true);
    const report = await t.http().get('/api/admin/pulsa/reports/daily').set(admin.auth).expect(200);
    expect(report.body.timeZone).toBe('Asia/Jakarta');
    expect(report.body.totals.count).toBeGreaterThan(0);
    expect(BigInt(report.body.totals.margin)).toBe(BigInt(report.body.totals.sales) - BigInt(report.body.totals.cost));
    await t.http().get('/api/admin/pulsa/reports/daily?from=2026-02-30').set(admin.auth).expect(400);
    await t.http().get('/api/admin/pulsa/reports/daily?from=2026-03-02&to=2026-03-01').set(admin.auth).expect(400);
  });
});
