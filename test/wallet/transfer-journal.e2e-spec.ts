import { TransferIsItsJournal1763801700000 } from '../../migrations/1763801700000-TransferIsItsJournal';
import { LedgerService } from '../../src/ledger/ledger.service';
import { move, walletAccountCode } from '../../src/ledger/ledger.types';
import { createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { expectError, expectLedgerOk, fund, requestOtp } from './wallet-helpers';

// A wallet transfer is its ledger journal; wallet_transfers is a view (TransferIsItsJournal migration).
describe('a wallet transfer as its journal', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ OTP_DELIVERY: 'response', OTP_MAX_PER_MINUTE: '1000' });
    admin = await createUser(t, { role: 'admin' });
  });
  afterAll(() => t.close());

  /** A transfer request with its own code, to send (and send again) with `key`. */
  const keyed = async (from: TestUser, to: TestUser, amount: number, key: string, description?: string) => {
    const otp = await requestOtp(t, from, { action: 'transfer', to: to.username, amount });
    return () =>
      t
        .http()
        .post('/api/wallet/transfers')
        .set(from.auth)
        .set('Idempotency-Key', key)
        .send({ to: to.username, amount, description, otp });
  };

  const migration = new TransferIsItsJournal1763801700000();
  const migrate = (step: 'up' | 'down') => t.db.transaction((m) => migration[step](m.queryRunner!));
  const relkind = async () =>
    (await t.db.query<{ relkind: string }[]>(`SELECT relkind FROM pg_class WHERE relname = 'wallet_transfers'`))[0]
      .relkind;
  const transfers = () =>
    t.db.query<Record<string, unknown>[]>('SELECT * FROM wallet_transfers ORDER BY created_at, id');

  it('keeps the key, the request hash and the sender scope on the journal, and lists no other kind of transfer', async () => {
    const [a, b] = await Promise.all([createUser(t), createUser(t)]);
    await fund(t, admin, a, 1000);
    const res = await (await keyed(a, b, 300, 'journal-1', 'makan'))();
    expect(res.status).toBe(201);
    await t.app
      .get(LedgerService)
      .post({ kind: 'transfer', legs: move(walletAccountCode(a.id), walletAccountCode(b.id), 7n) });

    const [journal] = await t.db.query('SELECT * FROM ledger_journals WHERE id = $1', [res.body.id]);
    expect(journal).toMatchObject({
      kind: 'transfer',
      idempotency_scope: `wallet.transfer:${a.id}`,
      idempotency_key: 'journal-1',
      metadata: { from: a.username, to: b.username, description: 'makan' },
    });
    const rows = await t.db.query('SELECT * FROM wallet_transfers WHERE from_user_id = $1', [a.id]);
    expect(rows).toEqual([
      {
        id: res.body.id,
        from_user_id: a.id,
        to_user_id: b.id,
        amount: '300',
        description: 'makan',
        journal_id: res.body.id,
        balance_after: '700',
        idempotency_key: 'journal-1',
        request_hash: journal.request_hash,
        created_at: journal.created_at,
      },
    ]);
  });

  it('refuses a non-positive amount called directly, as the table CHECK did', async () => {
    const [a, b] = await Promise.all([createUser(t), createUser(t)]);
    await fund(t, admin, a, 1000);
    for (const amount of [-5, 0]) {
      await expect(
        t.db.query(`SELECT * FROM wallet_transfer($1, $2, $3, NULL, '{}', NULL, NULL, NULL, NULL, NULL, '{}')`, [
          a.id,
          b.username,
          amount,
        ]),
      ).rejects.toMatchObject({ driverError: { code: 'LKUNB' } });
    }
  });

  it('goes down to the wallet_transfers table and up again with every transfer as it was', async () => {
    const [a, b, c] = await Promise.all([createUser(t), createUser(t), createUser(t)]);
    await Promise.all([fund(t, admin, a, 1000), fund(t, admin, b, 1000)]);
    const first = await keyed(a, b, 100, 'round-1', 'arisan');
    const made = await first();
    expect(made.status).toBe(201);
    const plain = await requestOtp(t, b, { action: 'transfer', to: c.username, amount: 50 });
    await t
      .http()
      .post('/api/wallet/transfers')
      .set(b.auth)
      .send({ to: c.username, amount: 50, otp: plain })
      .expect(201);
    // As a transfer confirmed in a linked Telegram chat calls it: no key, no code, no description.
    await t.db.query(
      `SELECT * FROM wallet_transfer($1, $2, 25, NULL, $3, NULL, NULL, NULL, NULL, NULL, '{"text":"x"}')`,
      [a.id, c.username, { from: a.username, to: c.username }],
    );
    const before = await transfers();

    await migrate('down');
    expect(await relkind()).toBe('r');
    expect(await transfers()).toEqual(before);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM ledger_journals WHERE idempotency_scope LIKE 'wallet.transfer:%'`,
    );
    expect(n).toBe(0);
    // The old function replays from the table, and writes a row with an id of its own.
    expect((await first()).body).toEqual(made.body);
    const second = await keyed(a, c, 40, 'round-2');
    const madeBelow = await second();
    expect(madeBelow.status).toBe(201);
    const [row] = await t.db.query('SELECT * FROM wallet_transfers WHERE id = $1', [madeBelow.body.id]);
    expect(row.journal_id).not.toBe(row.id);

    // A row that disagrees with its journal stops the way up before anything is dropped.
    await t.db.query(`UPDATE wallet_transfers SET description = 'changed' WHERE id = $1`, [made.body.id]);
    await expect(migrate('up')).rejects.toThrow('wallet_transfers and its journals differ (2 unmatched rows)');
    expect(await relkind()).toBe('r');
    await t.db.query(`UPDATE wallet_transfers SET description = 'arisan' WHERE id = $1`, [made.body.id]);

    await migrate('up');
    expect(await relkind()).toBe('v');
    expect(await transfers()).toEqual([...before, { ...row, id: row.journal_id }]);
    expect(await first()).toMatchObject({ status: 201, body: made.body });
    // Made before the way up, so its id is now its journal's; it replays under that id.
    expect(await second()).toMatchObject({ status: 201, body: { ...madeBelow.body, id: row.journal_id } });
    expectError(await (await keyed(a, c, 41, 'round-2'))(), 409, 'IDEMPOTENCY_CONFLICT');
    await expectLedgerOk(t, admin);
  });
});
