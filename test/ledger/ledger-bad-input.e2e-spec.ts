import { DomainError } from '../../src/common/errors/domain-error';
import { LedgerQueryService } from '../../src/ledger/ledger-query.service';
import { LedgerService } from '../../src/ledger/ledger.service';
import { Leg, move, SystemAccount } from '../../src/ledger/ledger.types';
import { createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const MAX = 1_000_000_000_000n;
const ADJUSTMENTS = '/api/admin/ledger/adjustments';

/** How much is in the ledger tables, to show a refused request wrote nothing. */
async function ledgerRows(t: TestApp) {
  const [row] = await t.db.query<Record<string, string>[]>(
    `SELECT (SELECT count(*) FROM ledger_journals) AS journals, (SELECT count(*) FROM ledger_entries) AS entries,
            (SELECT count(*) FROM ledger_holds) AS holds, (SELECT sum(held) FROM ledger_accounts) AS held,
            (SELECT max(version) FROM ledger_accounts) AS version`,
  );
  return row;
}

/** The code of the typed error `work` raises (fails the test if it succeeds or throws anything untyped). */
async function codeOf(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  throw new Error('expected a typed ledger error, but the call succeeded');
}

describe('ledger bad input', () => {
  let t: TestApp;
  let ledger: LedgerService;
  let queries: LedgerQueryService;
  let admin: TestUser;
  const wallet = 'wallet:bad-input';
  const other = 'wallet:bad-input-other';

  beforeAll(async () => {
    t = await createTestApp();
    ledger = t.app.get(LedgerService);
    queries = t.app.get(LedgerQueryService);
    admin = await createUser(t, { role: 'admin' });
    for (const code of [wallet, other]) await ledger.openAccount({ code, ownerType: 'user' });
    await ledger.post({ kind: 'deposit', legs: move(SystemAccount.cash, wallet, 1_000n) });
  });
  afterAll(() => t.close());

  /** Expects `work` to raise `code` and leave every ledger table as it was. */
  async function refused(code: string, work: () => Promise<unknown>): Promise<void> {
    const before = await ledgerRows(t);
    expect(await codeOf(work)).toBe(code);
    expect(await ledgerRows(t)).toEqual(before);
  }

  const post = (legs: Leg[]) => () => ledger.post({ kind: 'transfer', legs });
  // What a careless JavaScript caller might pass where a bigint belongs.
  const notBigint = (value: unknown) => value as bigint;

  describe('through LedgerService', () => {
    it.each<[string, string, Leg[]]>([
      ['a zero leg', 'INVALID_AMOUNT', move(wallet, other, 0n)],
      ['a fractional amount', 'INVALID_AMOUNT', move(wallet, other, notBigint(1.5))],
      ['a whole number that is not a bigint', 'INVALID_AMOUNT', move(wallet, other, notBigint(100))],
      ['a non-numeric amount', 'INVALID_AMOUNT', move(wallet, other, notBigint('100'))],
      ['an amount above LEDGER_MAX_AMOUNT', 'INVALID_AMOUNT', move(SystemAccount.cash, wallet, MAX + 1n)],
      [
        'legs summing below zero',
        'UNBALANCED_JOURNAL',
        [
          { account: wallet, amount: -100n },
          { account: other, amount: 50n },
        ],
      ],
      [
        'legs summing above zero',
        'UNBALANCED_JOURNAL',
        [
          { account: wallet, amount: -100n },
          { account: other, amount: 101n },
        ],
      ],
      ['a single leg', 'UNBALANCED_JOURNAL', [{ account: wallet, amount: 100n }]],
      ['no legs', 'UNBALANCED_JOURNAL', []],
      [
        'one account twice',
        'UNBALANCED_JOURNAL',
        [
          { account: wallet, amount: -100n },
          { account: wallet, amount: 100n },
        ],
      ],
      ['an unknown credited account', 'ACCOUNT_NOT_FOUND', move(wallet, 'wallet:nobody', 100n)],
      ['an unknown debited account', 'ACCOUNT_NOT_FOUND', move('wallet:nobody', wallet, 100n)],
      ['more than the wallet holds', 'INSUFFICIENT_FUNDS', move(wallet, other, 1_001n)],
    ])('refuses a journal with %s (%s) and writes nothing', async (_, code, legs) => {
      await refused(code, post(legs));
    });

    it('accepts exactly LEDGER_MAX_AMOUNT', async () => {
      const posted = await ledger.post({ kind: 'deposit', legs: move(SystemAccount.cash, other, MAX) });
      expect(posted.entries.find((e) => e.account === other)?.balanceAfter).toBe(MAX);
      await ledger.reverse(posted.id);
    });

    it.each<[string, string, bigint, string?]>([
      ['zero', 'INVALID_AMOUNT', 0n],
      ['negative', 'INVALID_AMOUNT', -5n],
      ['fractional', 'INVALID_AMOUNT', notBigint(0.5)],
      ['non-numeric', 'INVALID_AMOUNT', notBigint('abc')],
      ['above the maximum', 'INVALID_AMOUNT', MAX + 1n],
      ['more than available', 'INSUFFICIENT_FUNDS', 1_001n],
      ['from an unknown account', 'ACCOUNT_NOT_FOUND', 10n, 'wallet:nobody'],
      ['from the account it pays', 'UNBALANCED_JOURNAL', 10n, SystemAccount.supplierPayable],
    ])('refuses a hold that is %s (%s) and writes nothing', async (_, code, amount, from = wallet) => {
      await refused(code, () =>
        ledger.hold({ kind: 'pulsa_purchase', from, to: SystemAccount.supplierPayable, amount }),
      );
    });

    it('refuses a hold to an unknown account', async () => {
      await refused('ACCOUNT_NOT_FOUND', () =>
        ledger.hold({ kind: 'pulsa_purchase', from: wallet, to: 'system:nobody', amount: 10n }),
      );
    });

    it('refuses bad commits and unknown holds or journals without touching the hold', async () => {
      const hold = await ledger.hold({
        kind: 'pulsa_purchase',
        from: wallet,
        to: SystemAccount.supplierPayable,
        amount: 100n,
      });
      await refused('INVALID_AMOUNT', () => ledger.commitHold(hold.id, 0n));
      await refused('INVALID_AMOUNT', () => ledger.commitHold(hold.id, -1n));
      await refused('HOLD_AMOUNT_EXCEEDED', () => ledger.commitHold(hold.id, 101n));
      await refused('HOLD_NOT_FOUND', () => ledger.commitHold('00000000-0000-4000-8000-000000000000'));
      await refused('HOLD_NOT_FOUND', () => ledger.voidHold('not-a-uuid'));
      await refused('JOURNAL_NOT_FOUND', () => ledger.reverse('00000000-0000-4000-8000-000000000000'));
      await refused('JOURNAL_NOT_FOUND', () => ledger.reverse('not-a-uuid'));
      expect(await queries.balance(wallet)).toMatchObject({ held: 100n });
      await ledger.voidHold(hold.id);
    });

    it('names the reversed journal when it refuses a second reversal', async () => {
      const posted = await ledger.post({ kind: 'transfer', legs: move(wallet, other, 1n) });
      await ledger.reverse(posted.id);
      await expect(ledger.reverse(posted.id)).rejects.toMatchObject({
        code: 'ALREADY_REVERSED',
        message: `Journal ${posted.id} has already been reversed`,
      });
    });
  });

  describe('in the database itself', () => {
    // The SQL functions check again, for any caller that gets past (or around) the service.
    const callPost = (codes: string[], amounts: string[]) => () =>
      t.db.query(`SELECT * FROM ledger_post('transfer', 'ledger', NULL, repeat('0', 64), NULL, '{}', NULL, $1, $2)`, [
        codes,
        amounts,
      ]);

    it.each<[string, string, string[], string[]]>([
      ['unbalanced legs', 'LKUNB', [wallet, other], ['-100', '99']],
      ['a zero leg', 'LKUNB', [wallet, other, SystemAccount.cash], ['-100', '100', '0']],
      ['a single leg', 'LKUNB', [wallet], ['100']],
      ['an unknown account', 'LKNOA', [wallet, 'wallet:nobody'], ['-100', '100']],
      ['an overdraft', 'LKINS', [wallet, other], ['-1001', '1001']],
    ])('refuses %s with SQLSTATE %s and writes nothing', async (_, sqlstate, codes, amounts) => {
      const before = await ledgerRows(t);
      await expect(callPost(codes, amounts)()).rejects.toMatchObject({ driverError: { code: sqlstate } });
      expect(await ledgerRows(t)).toEqual(before);
    });

    it('keeps journals and entries immutable', async () => {
      const posted = await ledger.post({ kind: 'transfer', legs: move(wallet, other, 1n) });
      const statements = [
        ['UPDATE ledger_journals SET kind = $1 WHERE id = $2', ['refund', posted.id]],
        ['DELETE FROM ledger_journals WHERE id = $1', [posted.id]],
        ['UPDATE ledger_entries SET amount = amount * 2 WHERE journal_id = $1', [posted.id]],
        ['DELETE FROM ledger_entries WHERE journal_id = $1', [posted.id]],
        ['TRUNCATE ledger_entries', []],
        ['TRUNCATE ledger_journals CASCADE', []],
      ] as const;
      for (const [sql, params] of statements) {
        await expect(t.db.query(sql, [...params])).rejects.toMatchObject({ driverError: { code: 'LKIMM' } });
      }
      const [{ count }] = await t.db.query<{ count: string }[]>(
        'SELECT count(*) FROM ledger_entries WHERE journal_id = $1',
        [posted.id],
      );
      expect(count).toBe('2');
    });

    it('refuses to delete an account that has entries', async () => {
      await ledger.post({ kind: 'transfer', legs: move(wallet, other, 1n) });
      await expect(t.db.query('DELETE FROM ledger_accounts WHERE code = $1', [wallet])).rejects.toMatchObject({
        driverError: { code: '23503' },
      });
      const [{ count }] = await t.db.query<{ count: string }[]>(
        'SELECT count(*) FROM ledger_accounts WHERE code = $1',
        [wallet],
      );
      expect(count).toBe('1');
    });
  });

  describe('through POST /api/admin/ledger/adjustments', () => {
    async function refusedOverHttp(body: Record<string, unknown>, status: number, code = 'VALIDATION_FAILED') {
      const before = await ledgerRows(t);
      const res = await t.http().post(ADJUSTMENTS).set(admin.auth).send(body);
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
      expect(res.body).toMatchObject({ statusCode: status, error: expect.any(String), message: expect.anything() });
      expect(await ledgerRows(t)).toEqual(before);
      return res;
    }

    it.each<[string, unknown]>([
      ['zero', 0],
      ['zero as a string', '0'],
      ['fractional', 1.5],
      ['fractional as a string', '1.5'],
      ['non-numeric', 'abc'],
      ['in exponent form', '1e3'],
      ['an unsafe JSON integer', 2 ** 53 + 2],
      ['a boolean', true],
      ['null', null],
      ['missing', undefined],
      ['absurdly large', '99999999999999999999'],
    ])('refuses an amount that is %s with 400', async (_, amount) => {
      const res = await refusedOverHttp({ account: wallet, amount, reason: 'setoran' }, 400);
      expect(JSON.stringify(res.body.message)).toContain('amount');
    });

    it.each<[string, string]>([
      ['above LEDGER_MAX_AMOUNT', (MAX + 1n).toString()],
      ['below -LEDGER_MAX_AMOUNT', (-MAX - 1n).toString()],
    ])('refuses an amount %s with 400 INVALID_AMOUNT', async (_, amount) => {
      await refusedOverHttp({ account: wallet, amount, reason: 'setoran' }, 400, 'INVALID_AMOUNT');
    });

    it('refuses an unknown account with 404 ACCOUNT_NOT_FOUND', async () => {
      await refusedOverHttp({ account: 'wallet:nobody', amount: 100, reason: 'setoran' }, 404, 'ACCOUNT_NOT_FOUND');
    });

    it('refuses a debit beyond the balance with 422 INSUFFICIENT_FUNDS', async () => {
      const { balance } = await queries.balance(wallet);
      await refusedOverHttp(
        { account: wallet, amount: (-balance - 1n).toString(), reason: 'koreksi' },
        422,
        'INSUFFICIENT_FUNDS',
      );
    });

    it('refuses an adjustment of system:cash against itself with 400', async () => {
      await refusedOverHttp({ account: SystemAccount.cash, amount: 100, reason: 'x' }, 400, 'UNBALANCED_JOURNAL');
    });

    it.each<[string, Record<string, unknown>]>([
      ['no reason', { account: wallet, amount: 100 }],
      ['a blank reason', { account: wallet, amount: 100, reason: '   ' }],
      ['no account', { amount: 100, reason: 'setoran' }],
      ['an unexpected field', { account: wallet, amount: 100, reason: 'setoran', kind: 'refund' }],
    ])('refuses a body with %s with 400', async (_, body) => {
      await refusedOverHttp(body, 400);
    });

    it('refuses a malformed Idempotency-Key with 400', async () => {
      const before = await ledgerRows(t);
      await t
        .http()
        .post(ADJUSTMENTS)
        .set(admin.auth)
        .set('Idempotency-Key', 'x'.repeat(201))
        .send({ account: wallet, amount: 100, reason: 'setoran' })
        .expect(400);
      expect(await ledgerRows(t)).toEqual(before);
    });
  });
});

describe('ledger bad input with LEDGER_MAX_AMOUNT=5000', () => {
  let t: TestApp;
  let ledger: LedgerService;
  let admin: TestUser;
  const wallet = 'wallet:small-limit';

  beforeAll(async () => {
    t = await createTestApp({ LEDGER_MAX_AMOUNT: '5000' });
    ledger = t.app.get(LedgerService);
    admin = await createUser(t, { role: 'admin' });
    await ledger.openAccount({ code: wallet, ownerType: 'user' });
  });
  afterAll(() => t.close());

  it('takes 5000 and refuses 5001 in journals, holds and commits', async () => {
    await ledger.post({ kind: 'deposit', legs: move(SystemAccount.cash, wallet, 5_000n) });
    await ledger.post({ kind: 'deposit', legs: move(SystemAccount.cash, wallet, 5_000n) });
    const before = await ledgerRows(t);
    expect(await codeOf(() => ledger.post({ kind: 'deposit', legs: move(SystemAccount.cash, wallet, 5_001n) }))).toBe(
      'INVALID_AMOUNT',
    );
    expect(
      await codeOf(() =>
        ledger.hold({ kind: 'pulsa_purchase', from: wallet, to: SystemAccount.supplierPayable, amount: 5_001n }),
      ),
    ).toBe('INVALID_AMOUNT');
    expect(await ledgerRows(t)).toEqual(before);
    const hold = await ledger.hold({
      kind: 'pulsa_purchase',
      from: wallet,
      to: SystemAccount.supplierPayable,
      amount: 5_000n,
    });
    expect(await codeOf(() => ledger.commitHold(hold.id, 5_001n))).toBe('INVALID_AMOUNT');
    expect(await ledger.commitHold(hold.id, 5_000n)).toMatchObject({ status: 'committed', committedAmount: 5_000n });
  });

  it('answers 400 INVALID_AMOUNT over HTTP above 5000 either way and accepts 5000', async () => {
    for (const amount of ['5001', '-5001', 5_001]) {
      const before = await ledgerRows(t);
      const res = await t.http().post(ADJUSTMENTS).set(admin.auth).send({ account: wallet, amount, reason: 'x' });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'INVALID_AMOUNT' });
      expect(await ledgerRows(t)).toEqual(before);
    }
    await t.http().post(ADJUSTMENTS).set(admin.auth).send({ account: wallet, amount: 5_000, reason: 'x' }).expect(201);
  });
});
