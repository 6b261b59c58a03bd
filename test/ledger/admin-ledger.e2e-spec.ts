import { randomUUID } from 'node:crypto';
import { LedgerService } from '../../src/ledger/ledger.service';
import { move, SystemAccount } from '../../src/ledger/ledger.types';
import { UserAccountOwners } from '../../src/users/user-account-owners';
import { createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const BASE = '/api/admin/ledger';

describe('admin ledger API', () => {
  let t: TestApp;
  let ledger: LedgerService;
  let admin: TestUser;
  let customer: TestUser;
  let walletCode: string;

  beforeAll(async () => {
    t = await createTestApp();
    ledger = t.app.get(LedgerService);
    admin = await createUser(t, { role: 'admin' });
    customer = await createUser(t);
    walletCode = `wallet:${customer.id}`;
  });
  afterAll(() => t.close());

  const get = (path: string) => t.http().get(`${BASE}${path}`).set(admin.auth);
  const adjust = (body: Record<string, unknown>, key?: string, who: TestUser = admin) => {
    const req = t.http().post(`${BASE}/adjustments`).set(who.auth);
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  };
  const journalCount = async () =>
    Number((await t.db.query<{ n: string }[]>('SELECT count(*) AS n FROM ledger_journals'))[0].n);

  describe('access', () => {
    const routes: [string, string][] = [
      ['get', '/accounts'],
      ['get', `/accounts/${SystemAccount.cash}`],
      ['get', `/accounts/${SystemAccount.cash}/entries`],
      ['get', '/journals/00000000-0000-4000-8000-000000000000'],
      ['get', '/verify'],
      ['post', '/adjustments'],
    ];

    it.each(routes)('answers %s %s with 401 without a token', async (method, path) => {
      const res = await (method === 'get' ? t.http().get(`${BASE}${path}`) : t.http().post(`${BASE}${path}`));
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401 });
    });

    it.each(routes)('answers %s %s with 403 to a customer', async (method, path) => {
      const res = await (method === 'get' ? t.http().get(`${BASE}${path}`) : t.http().post(`${BASE}${path}`)).set(
        customer.auth,
      );
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ statusCode: 403 });
    });

    it('lets no agent adjust their own wallet', async () => {
      const agent = await createUser(t, { role: 'agent' });
      const before = await journalCount();
      await adjust({ account: `wallet:${agent.id}`, amount: 1_000_000, reason: 'gratis' }, undefined, agent).expect(
        403,
      );
      expect(await journalCount()).toBe(before);
    });
  });

  it('gives every user a wallet account from sign-up on', async () => {
    const res = await get(`/accounts/${walletCode}`).expect(200);
    expect(res.body).toMatchObject({
      code: walletCode,
      ownerType: 'user',
      ownerId: customer.id,
      ownerUsername: customer.username,
      currency: 'IDR',
      allowNegative: false,
      balance: '0',
      held: '0',
      available: '0',
    });
  });

  it('credits and debits a wallet with adjustments, recording the reason and the admin', async () => {
    const credit = await adjust({ account: walletCode, amount: '250000', reason: 'Setoran tunai di loket' }).expect(
      201,
    );
    expect(credit.body).toMatchObject({
      kind: 'adjustment',
      entries: [
        { account: SystemAccount.cash, amount: '-250000', balanceAfter: null },
        { account: walletCode, amount: '250000', balanceAfter: '250000' },
      ],
    });
    const debit = await adjust({ account: walletCode, amount: -75_000, reason: 'Koreksi salah setor' }).expect(201);
    expect(debit.body.entries).toEqual([
      { account: walletCode, amount: '-75000', balanceAfter: '175000' },
      { account: SystemAccount.cash, amount: '75000', balanceAfter: null },
    ]);

    const account = await get(`/accounts/${walletCode}`).expect(200);
    expect(account.body).toMatchObject({ balance: '175000', held: '0', available: '175000' });
    await ledger.hold({ kind: 'pulsa_purchase', from: walletCode, to: SystemAccount.supplierPayable, amount: 25_000n });
    const held = await get(`/accounts/${walletCode}`).expect(200);
    expect(held.body).toMatchObject({ balance: '175000', held: '25000', available: '150000' });

    const journal = await get(`/journals/${debit.body.id}`).expect(200);
    expect(journal.body).toMatchObject({
      id: debit.body.id,
      kind: 'adjustment',
      metadata: { reason: 'Koreksi salah setor', adminId: admin.id, adminUsername: admin.username },
      reversesJournalId: null,
      reversedByJournalId: null,
      entries: debit.body.entries,
    });
  });

  it('replays an adjustment sent again with its Idempotency-Key and refuses the key for another body', async () => {
    const [wallet] = await newWallets('idem', 1);
    const body = { account: wallet, amount: 10_000, reason: 'Setoran tunai' };
    const first = await adjust(body, 'adj-key-1').expect(201);
    const again = await adjust(body, 'adj-key-1').expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.idempotencyKey).toBe('adj-key-1');
    expect((await get(`/accounts/${wallet}`).expect(200)).body.balance).toBe('10000');

    const before = await journalCount();
    for (const changed of [
      { ...body, amount: 10_001 },
      { ...body, reason: 'lain' },
      { ...body, account: walletCode },
    ]) {
      const conflict = await adjust(changed, 'adj-key-1').expect(409);
      expect(conflict.body).toMatchObject({ statusCode: 409, code: 'IDEMPOTENCY_CONFLICT' });
    }
    expect(await journalCount()).toBe(before);
    expect((await get(`/accounts/${wallet}`).expect(200)).body.balance).toBe('10000');

    // Keys belong to the admin who sent them: another admin's same key is a new adjustment.
    const otherAdmin = await createUser(t, { role: 'admin' });
    const theirs = await adjust(body, 'adj-key-1', otherAdmin).expect(201);
    expect(theirs.body.id).not.toBe(first.body.id);
    expect((await get(`/accounts/${wallet}`).expect(200)).body.balance).toBe('20000');
  });

  it('lists accounts by code prefix, a page at a time', async () => {
    const codes = await newWallets('listing', 5);
    await newWallets('listingx', 1);

    const all = await get('/accounts?prefix=wallet:listing:&limit=100').expect(200);
    expect(all.body).toMatchObject({ total: 5, limit: 100, offset: 0 });
    expect(all.body.items.map((a: { code: string }) => a.code)).toEqual([...codes].sort());

    const walked: string[] = [];
    for (let offset = 0; offset < 5; offset += 2) {
      const page = await get(`/accounts?prefix=wallet:listing:&limit=2&offset=${offset}`).expect(200);
      expect(page.body).toMatchObject({ total: 5, limit: 2, offset });
      expect(page.body.items).toHaveLength(offset === 4 ? 1 : 2);
      walked.push(...page.body.items.map((a: { code: string }) => a.code));
    }
    expect(walked).toEqual([...codes].sort());

    const system = await get('/accounts?prefix=system:').expect(200);
    expect(system.body.items.map((a: { code: string }) => a.code).sort()).toEqual(Object.values(SystemAccount).sort());
    expect(system.body.items.every((a: { allowNegative: boolean }) => a.allowNegative)).toBe(true);
    // LIKE wildcards in a prefix are literal characters.
    expect((await get('/accounts?prefix=wallet:listin_:').expect(200)).body.total).toBe(0);
    expect((await get('/accounts?prefix=%25').expect(200)).body.total).toBe(0);
    await get('/accounts?limit=0').expect(400);
    await get('/accounts?limit=101').expect(400);
    await get('/accounts?offset=-1').expect(400);
  });

  it("names each wallet's owner, looked up once for the whole page; system accounts have none", async () => {
    const users = [await createUser(t), await createUser(t), await createUser(t, { role: 'agent' })];
    const [ownerless] = await newWallets('ownerless', 1);
    const lookup = jest.spyOn(t.app.get(UserAccountOwners), 'usernames');
    try {
      const page = await get('/accounts?prefix=wallet:&limit=100').expect(200);
      expect(page.body.total).toBeLessThanOrEqual(100);
      expect(lookup).toHaveBeenCalledTimes(1);
      const owners = new Map(
        (page.body.items as { code: string; ownerUsername: string | null }[]).map((a) => [a.code, a.ownerUsername]),
      );
      for (const user of [admin, customer, ...users]) expect(owners.get(`wallet:${user.id}`)).toBe(user.username);
      expect(owners.get(ownerless)).toBeNull();

      const system = await get('/accounts?prefix=system:').expect(200);
      expect(system.body.items.map((a: { ownerUsername: string | null }) => a.ownerUsername)).toEqual(
        Object.values(SystemAccount).map(() => null),
      );
      // A page without user accounts asks nobody.
      expect(lookup).toHaveBeenCalledTimes(1);
      expect((await get(`/accounts/${SystemAccount.cash}`).expect(200)).body.ownerUsername).toBeNull();
    } finally {
      lookup.mockRestore();
    }
  });

  it('walks all entries newest first with the cursor, without duplicates', async () => {
    const [wallet] = await newWallets('history', 1);
    const amounts = [100, 200, 300, 400, 500, 600, 700];
    for (const amount of amounts) await adjust({ account: wallet, amount, reason: `isi ${amount}` }).expect(201);

    const seen: { id: string; amount: string; balanceAfter: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { body }: { body: { items: typeof seen; nextCursor: string | null } } = await get(
        `/accounts/${wallet}/entries?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      ).expect(200);
      seen.push(...body.items);
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);

    expect(pages).toBe(3);
    expect(new Set(seen.map((e) => e.id)).size).toBe(7);
    expect(seen.map((e) => e.amount)).toEqual(amounts.map(String).reverse());
    expect(seen[0]).toMatchObject({ kind: 'adjustment', balanceAfter: '2800', counterparties: [SystemAccount.cash] });
    const ids = seen.map((e) => BigInt(e.id));
    expect(ids.every((id, i) => i === 0 || id < ids[i - 1])).toBe(true);
  });

  it.each([
    ['garbage', 'not-a-cursor!!'],
    ['a cursor of another shape', Buffer.from('j:12').toString('base64url')],
    ['a cursor past the largest entry id', Buffer.from('e:9999999999999999999').toString('base64url')],
  ])('refuses %s as a cursor with 400', async (_, cursor) => {
    const res = await get(`/accounts/${SystemAccount.cash}/entries?cursor=${encodeURIComponent(cursor)}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400 });
  });

  it('answers unknown accounts and journals with 404 JSON', async () => {
    for (const path of ['/accounts/wallet:nobody', '/accounts/wallet:nobody/entries']) {
      const res = await get(path).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found', code: 'ACCOUNT_NOT_FOUND' });
    }
    for (const id of ['not-a-uuid', randomUUID(), "1' OR '1'='1"]) {
      const res = await get(`/journals/${encodeURIComponent(id)}`).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'JOURNAL_NOT_FOUND' });
    }
  });

  it('shows a reversal linked both ways', async () => {
    const [from, to] = await newWallets('reversal', 2);
    await ledger.post({ kind: 'deposit', legs: move(SystemAccount.cash, from, 500n) });
    const original = await ledger.post({ kind: 'transfer', legs: move(from, to, 200n) });
    const reversal = await ledger.reverse(original.id, { reason: 'salah kirim' });

    expect((await get(`/journals/${original.id}`).expect(200)).body).toMatchObject({
      reversedByJournalId: reversal.id,
    });
    expect((await get(`/journals/${reversal.id}`).expect(200)).body).toMatchObject({
      kind: 'reversal',
      reversesJournalId: original.id,
      metadata: { reason: 'salah kirim', reverses: original.id },
    });
  });

  it('verifies the ledger and reports its size', async () => {
    const res = await get('/verify').expect(200);
    const [counts] = await t.db.query<Record<string, string>[]>(
      `SELECT (SELECT count(*) FROM ledger_accounts) AS accounts, (SELECT count(*) FROM ledger_journals) AS journals,
              (SELECT count(*) FROM ledger_entries) AS entries`,
    );
    expect(res.body).toEqual({
      ok: true,
      accounts: Number(counts.accounts),
      journals: Number(counts.journals),
      entries: Number(counts.entries),
      problems: [],
    });
    expect(res.body.journals).toBeGreaterThan(0);
  });

  it('reports a broken invariant in verify', async () => {
    // A cached balance that disagrees with its entries, written behind the ledger's back.
    const [wallet] = await newWallets('tampered', 1);
    await t.db.query('UPDATE ledger_accounts SET balance = 5 WHERE code = $1', [wallet]);
    try {
      const res = await get('/verify').expect(200);
      expect(res.body.ok).toBe(false);
      expect(res.body.problems).toContainEqual({
        check: 'cached_balance_matches_entries',
        subject: wallet,
        detail: expect.stringContaining('cached 5'),
      });
    } finally {
      await t.db.query('UPDATE ledger_accounts SET balance = 0 WHERE code = $1', [wallet]);
    }
  });

  it('reports an entry whose journal does not exist (entries carry no foreign keys)', async () => {
    const [wallet] = await newWallets('orphan', 1);
    const [entry] = await t.db.query<{ id: string }[]>(
      `INSERT INTO ledger_entries (journal_id, account_id, amount)
       SELECT gen_random_uuid(), id, 1 FROM ledger_accounts WHERE code = $1 RETURNING id::text`,
      [wallet],
    );
    try {
      const res = await get('/verify').expect(200);
      expect(res.body.ok).toBe(false);
      expect(res.body.problems).toContainEqual({
        check: 'entry_has_journal_and_account',
        subject: entry.id,
        detail: expect.stringMatching(/^no journal /),
      });
    } finally {
      // Entries are immutable to everyone but a test undoing its own damage.
      await t.db.query('ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_immutable');
      await t.db.query('DELETE FROM ledger_entries WHERE id = $1', [entry.id]);
      await t.db.query('ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_immutable');
    }
    expect((await get('/verify').expect(200)).body.ok).toBe(true);
  });

  async function newWallets(name: string, count: number): Promise<string[]> {
    const codes = Array.from({ length: count }, (_, i) => `wallet:${name}:${i}`);
    for (const code of codes) await ledger.openAccount({ code, ownerType: 'user' });
    return codes;
  }
});
