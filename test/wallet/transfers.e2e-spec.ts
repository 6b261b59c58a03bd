import { LedgerService } from '../../src/ledger/ledger.service';
import { move, walletAccountCode } from '../../src/ledger/ledger.types';
import { expectApiError } from '../support/api-assertions';
import { createUser, TestUser, uniqueUsername } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import {
  balanceOf,
  expectError,
  expectInvalid,
  expectLedgerOk,
  fund,
  requestOtp,
  sendTransfer,
  walletState,
} from './wallet-helpers';

// Not whole positive rupiah; JSON drops `undefined`, so the last one is a missing amount.
const MALFORMED_AMOUNTS: unknown[] = [0, -5, 1.5, '1.5', 'abc', '1e3', '', null, true, undefined];

describe('wallet transfers', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ OTP_DELIVERY: 'response', WALLET_MAX_AMOUNT: '1000', OTP_MAX_PER_MINUTE: '1000' });
    admin = await createUser(t, { role: 'admin' });
  });
  afterAll(() => t.close());

  /** A funded sender and an empty recipient of their own, so tests never share balances. */
  const pair = async (funds = 1000) => {
    const [from, to] = await Promise.all([createUser(t), createUser(t)]);
    if (funds > 0) await fund(t, admin, from, funds);
    return { from, to };
  };

  const postTransfer = (user: TestUser, body: object, idempotencyKey?: string) => {
    const req = t.http().post('/api/wallet/transfers').set(user.auth);
    if (idempotencyKey !== undefined) req.set('Idempotency-Key', idempotencyKey);
    return req.send(body);
  };

  describe('GET /api/users/:username', () => {
    it('shows the username and name of an existing user, and nothing else', async () => {
      const [asker, other] = await Promise.all([createUser(t), createUser(t)]);
      const res = await t.http().get(`/api/users/${other.username}`).set(asker.auth).expect(200);
      expect(res.body).toEqual({ username: other.username, name: `Test ${other.username}` });
    });

    it('answers 404 USER_NOT_FOUND for an unknown username', async () => {
      const asker = await createUser(t);
      const res = await t
        .http()
        .get(`/api/users/${uniqueUsername('nobody')}`)
        .set(asker.auth);
      expectError(res, 404, 'USER_NOT_FOUND');
    });

    it('needs a signed-in user', async () => {
      expectApiError(await t.http().get(`/api/users/${admin.username}`), 401);
    });
  });

  describe('GET /api/wallet', () => {
    it('shows an empty wallet for a new user and the funded balance after money came in', async () => {
      const user = await createUser(t);
      await t
        .http()
        .get('/api/wallet')
        .set(user.auth)
        .expect(200, { balance: '0', held: '0', available: '0', currency: 'IDR' });
      await fund(t, admin, user, 750);
      await t
        .http()
        .get('/api/wallet')
        .set(user.auth)
        .expect(200, { balance: '750', held: '0', available: '750', currency: 'IDR' });
    });

    it('needs a signed-in user', async () => {
      expectApiError(await t.http().get('/api/wallet'), 401);
      expectApiError(await t.http().post('/api/otp').send({ action: 'transfer', to: admin.username, amount: 1 }), 401);
    });
  });

  describe('POST /api/wallet/transfers', () => {
    it('moves the money, answers the transfer with the sender balance after, and keeps the ledger balanced', async () => {
      const { from, to } = await pair(1000);
      const otp = await requestOtp(t, from, { action: 'transfer', to: to.username, amount: 300 });
      const res = await postTransfer(from, { to: to.username, amount: 300, description: ' Bayar makan siang ', otp });

      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        from: from.username,
        to: to.username,
        amount: '300',
        description: 'Bayar makan siang',
        createdAt: expect.any(String),
        balanceAfter: '700',
      });
      expect([await balanceOf(t, from), await balanceOf(t, to)]).toEqual(['700', '300']);
      // The transfer is its ledger journal: the id the client sees is the journal's.
      const [row] = await t.db.query('SELECT journal_id FROM wallet_transfers WHERE id = $1', [res.body.id]);
      expect(row.journal_id).toBe(res.body.id);
      await expectLedgerOk(t, admin);
    });

    it('takes the amount as a string of digits, the recipient in any case, and no description', async () => {
      const { from, to } = await pair(1000);
      const otp = await requestOtp(t, from, {
        action: 'transfer',
        to: ` ${to.username.toUpperCase()}`,
        amount: '1000',
      });
      const res = await postTransfer(from, { to: to.username.toUpperCase(), amount: '1000', otp });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ to: to.username, amount: '1000', description: null, balanceAfter: '0' });
      expect(await balanceOf(t, to)).toBe('1000');
    });

    it.each(MALFORMED_AMOUNTS)('refuses amount %p with 400, in POST /api/otp and in the transfer', async (amount) => {
      const { from, to } = await pair(1000);
      const valid = await requestOtp(t, from, { action: 'transfer', to: to.username, amount: 100 });
      const before = await walletState(t, [from, to]);

      expectInvalid(
        await t.http().post('/api/otp').set(from.auth).send({ action: 'transfer', to: to.username, amount }),
        'amount',
      );
      expectInvalid(await postTransfer(from, { to: to.username, amount, otp: valid }), 'amount');
      expect(await walletState(t, [from, to])).toEqual(before);
    });

    it('refuses an amount above WALLET_MAX_AMOUNT with 400 AMOUNT_TOO_LARGE, in POST /api/otp and in the transfer', async () => {
      const { from, to } = await pair(1000);
      await fund(t, admin, from, 5000);
      const valid = await requestOtp(t, from, { action: 'transfer', to: to.username, amount: 1000 });
      const before = await walletState(t, [from, to]);

      const otpRes = await t
        .http()
        .post('/api/otp')
        .set(from.auth)
        .send({ action: 'transfer', to: to.username, amount: 1001 });
      expectError(otpRes, 400, 'AMOUNT_TOO_LARGE');
      expect(otpRes.body.message).toContain('1000');
      expectError(await postTransfer(from, { to: to.username, amount: 1001, otp: valid }), 400, 'AMOUNT_TOO_LARGE');
      expect(await walletState(t, [from, to])).toEqual(before);
    });

    it('refuses a missing or malformed OTP with 400 and moves nothing', async () => {
      const { from, to } = await pair(1000);
      const valid = await requestOtp(t, from, { action: 'transfer', to: to.username, amount: 100 });
      const before = await walletState(t, [from, to]);

      expectInvalid(await postTransfer(from, { to: to.username, amount: 100 }), 'otp');
      expectInvalid(await postTransfer(from, { to: to.username, amount: 100, otp: 'abc' }), 'otp');
      expectInvalid(
        await postTransfer(from, { to: to.username, amount: 100, otp: { ...valid, code: '12345' } }),
        'six digits',
      );
      expectInvalid(
        await postTransfer(from, { to: to.username, amount: 100, otp: { ...valid, challengeId: 'x' } }),
        'challengeId',
      );
      expect(await walletState(t, [from, to])).toEqual(before);
    });

    it('refuses a description that is not text or holds control characters with 400, and moves nothing', async () => {
      const { from, to } = await pair(1000);
      const otp = await requestOtp(t, from, { action: 'transfer', to: to.username, amount: 100 });
      const before = await walletState(t, [from, to]);

      expectInvalid(
        await postTransfer(from, { to: to.username, amount: 100, description: 5, otp }),
        'description must be a string',
      );
      expectInvalid(
        await postTransfer(from, { to: to.username, amount: 100, description: 'a\u0000b', otp }),
        'control characters',
      );
      expectInvalid(
        await postTransfer(from, { to: to.username, amount: 100, description: 'x'.repeat(201), otp }),
        '200',
      );
      expect(await walletState(t, [from, to])).toEqual(before);
    });

    it('refuses a transfer to yourself with 422 SELF_TRANSFER, in POST /api/otp and in the transfer', async () => {
      const { from, to } = await pair(1000);
      const valid = await requestOtp(t, from, { action: 'transfer', to: to.username, amount: 100 });
      const before = await walletState(t, [from, to]);

      const self = from.username.toUpperCase();
      expectError(
        await t.http().post('/api/otp').set(from.auth).send({ action: 'transfer', to: self, amount: 100 }),
        422,
        'SELF_TRANSFER',
      );
      expectError(await postTransfer(from, { to: self, amount: 100, otp: valid }), 422, 'SELF_TRANSFER');
      expect(await walletState(t, [from, to])).toEqual(before);
    });

    it('refuses an unknown recipient with 404 RECIPIENT_NOT_FOUND, in POST /api/otp and in the transfer', async () => {
      const { from, to } = await pair(1000);
      const valid = await requestOtp(t, from, { action: 'transfer', to: to.username, amount: 100 });
      const before = await walletState(t, [from, to]);

      const nobody = uniqueUsername('nobody');
      expectError(
        await t.http().post('/api/otp').set(from.auth).send({ action: 'transfer', to: nobody, amount: 100 }),
        404,
        'RECIPIENT_NOT_FOUND',
      );
      expectError(await postTransfer(from, { to: nobody, amount: 100, otp: valid }), 404, 'RECIPIENT_NOT_FOUND');
      expect(await walletState(t, [from, to])).toEqual(before);
    });

    it('refuses more than the balance with 422 INSUFFICIENT_FUNDS, moves nothing and leaves the code usable', async () => {
      const { from, to } = await pair(500);
      const otp = await requestOtp(t, from, { action: 'transfer', to: to.username, amount: 501 });
      const before = await walletState(t, [from, to]);

      const res = await postTransfer(from, { to: to.username, amount: 501, otp });
      expectError(res, 422, 'INSUFFICIENT_FUNDS');
      expect(res.body.message).toContain('500');
      expect(await walletState(t, [from, to])).toEqual(before);

      await fund(t, admin, from, 1);
      const retry = await postTransfer(from, { to: to.username, amount: 501, otp });
      expect(retry.status).toBe(201);
      expect(retry.body.balanceAfter).toBe('0');
    });
  });

  describe('Idempotency-Key', () => {
    it('returns the first transfer for a retry with the same key and body, and moves nothing again', async () => {
      const { from, to } = await pair(1000);
      const otp = await requestOtp(t, from, { action: 'transfer', to: to.username, amount: 200 });
      const body = { to: to.username, amount: 200, description: 'pulsa', otp };
      const first = await postTransfer(from, body, 'order-42');
      expect(first.status).toBe(201);
      const after = await walletState(t, [from, to]);

      for (let i = 0; i < 2; i++) {
        const again = await postTransfer(from, body, 'order-42');
        expect({ status: again.status, body: again.body }).toEqual({ status: 201, body: first.body });
      }
      expect(await walletState(t, [from, to])).toEqual(after);
      expect(after.balances).toEqual(['800', '200']);
      const [journal] = await t.db.query(
        'SELECT idempotency_scope, idempotency_key FROM ledger_journals WHERE id = $1',
        [first.body.id],
      );
      expect(journal).toEqual({ idempotency_scope: `wallet.transfer:${from.id}`, idempotency_key: 'order-42' });
    });

    it('answers 409 IDEMPOTENCY_CONFLICT for the same key with a different body, and moves nothing', async () => {
      const { from, to } = await pair(1000);
      const otp = await requestOtp(t, from, { action: 'transfer', to: to.username, amount: 200 });
      expect((await postTransfer(from, { to: to.username, amount: 200, otp }, 'order-7')).status).toBe(201);
      const after = await walletState(t, [from, to]);

      const other = await requestOtp(t, from, { action: 'transfer', to: to.username, amount: 300 });
      const changed = await postTransfer(from, { to: to.username, amount: 300, otp: other }, 'order-7');
      expectError(changed, 409, 'IDEMPOTENCY_CONFLICT');
      const described = await postTransfer(from, { to: to.username, amount: 200, description: 'x', otp }, 'order-7');
      expectError(described, 409, 'IDEMPOTENCY_CONFLICT');
      expect(await walletState(t, [from, to])).toEqual(after);

      // The refused request did not spend its code: without the reused key it still goes through.
      expect((await postTransfer(from, { to: to.username, amount: 300, otp: other }, 'order-8')).status).toBe(201);
    });

    it("keeps each user's keys apart", async () => {
      const [a, b] = await Promise.all([pair(1000), pair(1000)]);
      const first = await sendTransfer(t, a.from, a.to, 100, { idempotencyKey: 'same-key' });
      const second = await sendTransfer(t, b.from, b.to, 100, { idempotencyKey: 'same-key' });
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.body.id).not.toBe(first.body.id);
      expect([await balanceOf(t, a.to), await balanceOf(t, b.to)]).toEqual(['100', '100']);
    });

    it('refuses a malformed key with 400', async () => {
      const { from, to } = await pair(1000);
      const otp = await requestOtp(t, from, { action: 'transfer', to: to.username, amount: 100 });
      const before = await walletState(t, [from, to]);
      expectApiError(await postTransfer(from, { to: to.username, amount: 100, otp }, 'x'.repeat(201)), 400);
      expect(await walletState(t, [from, to])).toEqual(before);
    });
  });

  describe('GET /api/admin/transfers', () => {
    it("lists one user's transfers, sent and received, newest first, a page at a time", async () => {
      const [x, y, z] = await Promise.all([createUser(t), createUser(t), createUser(t)]);
      await Promise.all([fund(t, admin, x, 1000), fund(t, admin, y, 1000)]);
      const sent = [];
      for (const [from, to, amount] of [
        [x, y, 11],
        [y, x, 12],
        [y, z, 13],
        [x, z, 14],
      ] as const) {
        const res = await sendTransfer(t, from, to, amount);
        expect(res.status).toBe(201);
        sent.push(res.body);
      }

      const page1 = await t
        .http()
        .get('/api/admin/transfers')
        .query({ username: x.username, limit: 2 })
        .set(admin.auth);
      expect(page1.status).toBe(200);
      expect(page1.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
      expect(page1.body.items).toEqual([sent[3], sent[1]]);
      const page2 = await t
        .http()
        .get('/api/admin/transfers')
        .query({ username: x.username.toUpperCase(), limit: 2, offset: 2 })
        .set(admin.auth)
        .expect(200);
      expect(page2.body.items).toEqual([sent[0]]);

      const ofZ = await t
        .http()
        .get('/api/admin/transfers')
        .query({ username: z.username })
        .set(admin.auth)
        .expect(200);
      expect(ofZ.body.items.map((i: { amount: string }) => i.amount)).toEqual(['14', '13']);
      const all = await t.http().get('/api/admin/transfers').query({ limit: 1 }).set(admin.auth).expect(200);
      expect(all.body.items).toEqual([sent[3]]);
      expect(all.body.total).toBeGreaterThanOrEqual(4);

      // A journal of kind 'transfer' posted through the ledger directly is no wallet transfer.
      await t.app
        .get(LedgerService)
        .post({ kind: 'transfer', legs: move(walletAccountCode(x.id), walletAccountCode(z.id), 5n) });
      const again = await t
        .http()
        .get('/api/admin/transfers')
        .query({ username: x.username })
        .set(admin.auth)
        .expect(200);
      expect(again.body.items).toEqual([sent[3], sent[1], sent[0]]);
    });

    it('is for admins only', async () => {
      const user = await createUser(t);
      expectApiError(await t.http().get('/api/admin/transfers').set(user.auth), 403);
      expectApiError(await t.http().get('/api/admin/transfers'), 401);
    });
  });
});
