import { CatalogueService } from '../../src/pulsa/catalogue.service';
import { demoProducts } from '../../src/pulsa/demo-catalogue';
import { PulsaReconciler } from '../../src/pulsa/pulsa-reconciler.service';
import type { SupplierName } from '../../src/pulsa/pulsa.types';
import { createUser, TestUser } from '../support/factories';
import { TestApp } from '../support/test-app';

export const TELKOMSEL = '081234567890';
export const XL = '081712345678';
/** The simulator's (and Digiflazz' test) numbers; 0878 is an XL prefix. */
export const SIM = {
  success: '087800001230',
  failed: '087800001232',
  pendingSuccess: '087800001233',
  pendingFailed: '087800001234',
};

/** Settings every pulsa suite wants: the reconciler's timer off (tests call runOnce), codes in responses. */
export const PULSA_TEST_ENV = {
  PULSA_RECONCILE_SECONDS: '3600',
  PULSA_SIMULATOR_DELAY_MS: '0',
  OTP_DELIVERY: 'response',
};

export async function addDemoCatalogue(t: TestApp, supplier: SupplierName = 'simulator'): Promise<void> {
  await t.app.get(CatalogueService).addMissing(demoProducts(supplier));
}

/** An agent (known password) with `balance` rupiah in their wallet and, optionally, a PIN. */
export async function createAgent(
  t: TestApp,
  admin: TestUser,
  { balance = 100_000, pin }: { balance?: number; pin?: string } = {},
): Promise<TestUser> {
  const agent = await createUser(t, { role: 'agent' });
  if (balance > 0) await fund(t, admin, agent, balance);
  if (pin) {
    await t.http().put(`/api/admin/pulsa/agents/${agent.username}/pin`).set(admin.auth).send({ pin }).expect(200);
  }
  return agent;
}

export async function fund(t: TestApp, admin: TestUser, user: TestUser, amount: number): Promise<void> {
  await t
    .http()
    .post('/api/admin/ledger/adjustments')
    .set(admin.auth)
    .send({ account: `wallet:${user.id}`, amount, reason: 'Deposit agen (tes)' })
    .expect(201);
}

export function buy(t: TestApp, agent: TestUser, body: Record<string, unknown>, idempotencyKey?: string) {
  const request = t.http().post('/api/pulsa/transactions').set(agent.auth);
  if (idempotencyKey) request.set('Idempotency-Key', idempotencyKey);
  return request.send(body);
}

export async function wallet(
  t: TestApp,
  user: TestUser,
): Promise<{ balance: string; held: string; available: string }> {
  return (await t.http().get('/api/wallet').set(user.auth).expect(200)).body;
}

export async function transactionOf(t: TestApp, agent: TestUser, id: string) {
  return (await t.http().get(`/api/pulsa/transactions/${id}`).set(agent.auth).expect(200)).body;
}

/** Waits until the purchase is no longer pending and returns it. */
export async function finalOf(t: TestApp, agent: TestUser, id: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const transaction = await transactionOf(t, agent, id);
    if (transaction.status !== 'pending') return transaction;
    if (Date.now() > deadline) throw new Error(`Purchase ${id} still pending after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function expectLedgerOk(t: TestApp, admin: TestUser): Promise<void> {
  const res = await t.http().get('/api/admin/ledger/verify').set(admin.auth).expect(200);
  expect(res.body).toMatchObject({ ok: true, problems: [] });
}

export async function countTransactions(t: TestApp, agent: TestUser): Promise<number> {
  const [{ n }] = await t.db.query<{ n: number }[]>(
    'SELECT count(*)::int AS n FROM pulsa_transactions WHERE agent_id = $1',
    [agent.id],
  );
  return n;
}

/** Makes a pending purchase due for the reconciler now. */
export async function makeDue(t: TestApp, id: string): Promise<void> {
  await t.db.query('UPDATE pulsa_transactions SET next_check_at = now() WHERE id = $1', [id]);
}

export function reconcile(t: TestApp) {
  return t.app.get(PulsaReconciler).runOnce();
}

/** The system account balances the ledger derives from entries. */
export async function systemBalance(t: TestApp, code: string): Promise<bigint> {
  const [row] = await t.db.query<{ sum: string | null }[]>(
    `SELECT sum(e.amount)::text AS sum FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id WHERE a.code = $1`,
    [code],
  );
  return BigInt(row.sum ?? '0');
}
