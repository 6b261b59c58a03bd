import { expectApiError } from '../support/api-assertions';
import { createUser, TestUser, uniqueUsername } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import {
  balanceOf,
  createBill,
  expectError,
  expectInvalid,
  expectLedgerOk,
  fund,
  Otp,
  requestOtp,
  walletState,
} from './wallet-helpers';

const BILL_CODE = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/;

describe('bills', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ OTP_DELIVERY: 'response', WALLET_MAX_AMOUNT: '100000', OTP_MAX_PER_MINUTE: '1000' });
    admin = await createUser(t, { role: 'admin' });
  });
  afterAll(() => t.close());

  /** A sender, a payer with 1000 rupiah, and someone who has nothing to do with their bills. */
  const parties = async () => {
    const [sender, payer, stranger] = await Promise.all([createUser(t), createUser(t), createUser(t)]);
    await fund(t, admin, payer, 1000);
    return { sender, payer, stranger };
  };

  const payOtp = (payer: TestUser, code: string) => requestOtp(t, payer, { action: 'bill.pay', code });
  const pay = (user: TestUser, code: string, otp: Otp) =>
    t.http().post(`/api/bills/${code}/pay`).set(user.auth).send({ otp });
  const cancel = (user: TestUser, code: string) => t.http().delete(`/api/bills/${code}`).set(user.auth);
  const decline = (user: TestUser, code: string) => t.http().post(`/api/bills/${code}/decline`).set(user.auth);
  const getBill = (user: TestUser, code: string) => t.http().get(`/api/bills/${code}`).set(user.auth);
  const postBill = (user: TestUser, body: object) => t.http().post('/api/bills').set(user.auth).send(body);
  const statusOf = async (code: string) =>
    (await t.db.query('SELECT status FROM bills WHERE code = $1', [code]))[0]?.status as string;

  describe('POST /api/bills', () => {
    it('creates an unpaid bill with an unguessable code and moves no money', async () => {
      const { sender, payer } = await parties();
      const before = await walletState(t, [sender, payer]);
      const otp = await requestOtp(t, sender, { action: 'bill.create', to: payer.username, amount: 750 });
      const res = await postBill(sender, {
        to: payer.username,
        name: ' Iuran arisan November ',
        description: 'Bulan ini giliran Bu Ani',
        amount: '750',
        otp,
      });

      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        code: expect.stringMatching(BILL_CODE),
        name: 'Iuran arisan November',
        description: 'Bulan ini giliran Bu Ani',
        amount: '750',
        from: sender.username,
        to: payer.username,
        status: 'unpaid',
        createdAt: expect.any(String),
        resolvedAt: null,
      });
      const after = await walletState(t, [sender, payer]);
      expect(after).toEqual({ ...before, bills: before.bills + 1, used_codes: before.used_codes + 1 });
    });

    it.each([0, -5, 1.5, 'abc'])('refuses amount %p with 400, in POST /api/otp and in the bill', async (amount) => {
      const { sender, payer } = await parties();
      const otp = await requestOtp(t, sender, { action: 'bill.create', to: payer.username, amount: 100 });
      const before = await walletState(t, [sender, payer]);
      expectInvalid(
        await t.http().post('/api/otp').set(sender.auth).send({ action: 'bill.create', to: payer.username, amount }),
        'amount',
      );
      expectInvalid(await postBill(sender, { to: payer.username, name: 'x', amount, otp }), 'amount');
      expect(await walletState(t, [sender, payer])).toEqual(before);
    });

    it('refuses an amount above WALLET_MAX_AMOUNT, yourself and unknown payers, in POST /api/otp and in the bill', async () => {
      const { sender, payer } = await parties();
      const otp = await requestOtp(t, sender, { action: 'bill.create', to: payer.username, amount: 100 });
      const before = await walletState(t, [sender, payer]);
      const nobody = uniqueUsername('nobody');
      const cases: [object, number, string][] = [
        [{ to: payer.username, amount: 100001 }, 400, 'AMOUNT_TOO_LARGE'],
        [{ to: sender.username, amount: 100 }, 422, 'SELF_BILL'],
        [{ to: nobody, amount: 100 }, 404, 'RECIPIENT_NOT_FOUND'],
      ];
      for (const [fields, status, code] of cases) {
        const otpRes = await t
          .http()
          .post('/api/otp')
          .set(sender.auth)
          .send({ action: 'bill.create', ...fields });
        expectError(otpRes, status, code);
        expectError(await postBill(sender, { ...fields, name: 'x', otp }), status, code);
      }
      expect(await walletState(t, [sender, payer])).toEqual(before);
    });

    it('refuses a name that is missing, empty, not text, too long or holds control characters with 400', async () => {
      const { sender, payer } = await parties();
      const otp = await requestOtp(t, sender, { action: 'bill.create', to: payer.username, amount: 100 });
      const before = await walletState(t, [sender, payer]);
      const withName = (name: unknown) => postBill(sender, { to: payer.username, name, amount: 100, otp });

      expectInvalid(await withName(undefined), 'name must be a string');
      expectInvalid(await withName('   '), 'name should not be empty');
      expectInvalid(await withName(5), 'name must be a string');
      expectInvalid(await withName('x'.repeat(101)), '100');
      expectInvalid(await withName('a\u0000b'), 'control characters');
      expectInvalid(
        await postBill(sender, { to: payer.username, name: 'x', description: 'a\u0000b', amount: 100, otp }),
        'control characters',
      );
      expect(await walletState(t, [sender, payer])).toEqual(before);
    });

    it('needs a bill.create code for this payer and amount: others get 403 OTP_MISMATCH', async () => {
      const { sender, payer, stranger } = await parties();
      const forTransfer = await requestOtp(t, sender, { action: 'transfer', to: payer.username, amount: 100 });
      const forOther = await requestOtp(t, sender, { action: 'bill.create', to: stranger.username, amount: 100 });
      const before = await walletState(t, [sender, payer]);

      expectError(
        await postBill(sender, { to: payer.username, name: 'x', amount: 100, otp: forTransfer }),
        403,
        'OTP_MISMATCH',
      );
      expectError(
        await postBill(sender, { to: payer.username, name: 'x', amount: 100, otp: forOther }),
        403,
        'OTP_MISMATCH',
      );
      expectError(
        await postBill(sender, { to: stranger.username, name: 'x', amount: 99, otp: forOther }),
        403,
        'OTP_MISMATCH',
      );
      expect(await walletState(t, [sender, payer])).toEqual(before);
    });
  });

  describe('GET /api/bills and /api/bills/:code', () => {
    it('lists your incoming and outgoing bills, newest first, by status, a page at a time', async () => {
      const [me, a, b] = await Promise.all([createUser(t), createUser(t), createUser(t)]);
      const out1 = await createBill(t, me, a, 101);
      const in1 = await createBill(t, a, me, 102);
      const out2 = await createBill(t, me, b, 103);
      const in2 = await createBill(t, b, me, 104);
      await createBill(t, a, b, 105);
      await cancel(me, out1.code).expect(200);

      const codes = async (query: Record<string, string | number>) => {
        const res = await t.http().get('/api/bills').query(query).set(me.auth).expect(200);
        return { codes: res.body.items.map((i: { code: string }) => i.code), total: res.body.total };
      };
      expect(await codes({})).toEqual({ codes: [in2.code, out2.code, in1.code, out1.code], total: 4 });
      expect(await codes({ direction: 'incoming' })).toEqual({ codes: [in2.code, in1.code], total: 2 });
      expect(await codes({ direction: 'outgoing' })).toEqual({ codes: [out2.code, out1.code], total: 2 });
      expect(await codes({ direction: 'outgoing', status: 'unpaid' })).toEqual({ codes: [out2.code], total: 1 });
      expect(await codes({ status: 'cancelled' })).toEqual({ codes: [out1.code], total: 1 });
      expect(await codes({ limit: 2, offset: 1 })).toEqual({ codes: [out2.code, in1.code], total: 4 });

      const page = await t.http().get('/api/bills').query({ direction: 'incoming' }).set(me.auth).expect(200);
      expect(page.body).toMatchObject({ total: 2, limit: 20, offset: 0 });
      expect(page.body.items[0]).toEqual(in2);
      expectInvalid(await t.http().get('/api/bills').query({ direction: 'all' }).set(me.auth), 'direction');
      expectInvalid(await t.http().get('/api/bills').query({ status: 'open' }).set(me.auth), 'status');
    });

    it('shows a bill to its sender and payer only; anyone else gets 404 BILL_NOT_FOUND', async () => {
      const { sender, payer, stranger } = await parties();
      const bill = await createBill(t, sender, payer, 300);

      expect((await getBill(sender, bill.code).expect(200)).body).toEqual(bill);
      expect((await getBill(payer, bill.code).expect(200)).body).toEqual(bill);
      expectError(await getBill(stranger, bill.code), 404, 'BILL_NOT_FOUND');
      expectError(await getBill(sender, 'ABCDEFGHJK'), 404, 'BILL_NOT_FOUND');
      expectError(await getBill(sender, bill.code.toLowerCase()), 404, 'BILL_NOT_FOUND');
      const strangers = await t.http().get('/api/bills').set(stranger.auth).expect(200);
      expect(strangers.body).toMatchObject({ items: [], total: 0 });
    });
  });

  describe('POST /api/bills/:code/pay', () => {
    it('pays the bill: the money moves and the bill is paid, in one journal', async () => {
      const { sender, payer } = await parties();
      const bill = await createBill(t, sender, payer, 300);
      const res = await pay(payer, bill.code, await payOtp(payer, bill.code));

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...bill, status: 'paid', resolvedAt: expect.any(String) });
      expect([await balanceOf(t, payer), await balanceOf(t, sender)]).toEqual(['700', '300']);
      const [row] = await t.db.query(
        `SELECT b.status, j.kind, j.reference FROM bills b JOIN ledger_journals j ON j.id = b.journal_id WHERE b.code = $1`,
        [bill.code],
      );
      expect(row).toEqual({ status: 'paid', kind: 'bill_payment', reference: `bill:${bill.code}` });
      expect((await getBill(sender, bill.code).expect(200)).body.status).toBe('paid');
      await expectLedgerOk(t, admin);
    });

    it('answers 409 BILL_NOT_UNPAID for a paid bill, and no new code is given for it', async () => {
      const { sender, payer } = await parties();
      const bill = await createBill(t, sender, payer, 300);
      const [first, second] = [await payOtp(payer, bill.code), await payOtp(payer, bill.code)];
      expect((await pay(payer, bill.code, first)).status).toBe(200);
      const after = await walletState(t, [sender, payer]);

      expectError(await pay(payer, bill.code, second), 409, 'BILL_NOT_UNPAID');
      expectError(
        await t.http().post('/api/otp').set(payer.auth).send({ action: 'bill.pay', code: bill.code }),
        409,
        'BILL_NOT_UNPAID',
      );
      expect(await walletState(t, [sender, payer])).toEqual(after);
    });

    it('answers 409 BILL_NOT_UNPAID for a cancelled or declined bill and moves nothing', async () => {
      const { sender, payer } = await parties();
      const [cancelled, declined] = [await createBill(t, sender, payer, 100), await createBill(t, sender, payer, 200)];
      const otps = [await payOtp(payer, cancelled.code), await payOtp(payer, declined.code)];
      await cancel(sender, cancelled.code).expect(200);
      await decline(payer, declined.code).expect(200);
      const before = await walletState(t, [sender, payer]);

      expectError(await pay(payer, cancelled.code, otps[0]), 409, 'BILL_NOT_UNPAID');
      expectError(await pay(payer, declined.code, otps[1]), 409, 'BILL_NOT_UNPAID');
      expect(await walletState(t, [sender, payer])).toEqual(before);
    });

    it('refuses a bill above your balance with 422 INSUFFICIENT_FUNDS and leaves it unpaid', async () => {
      const { sender, payer } = await parties();
      const bill = await createBill(t, sender, payer, 1001);
      const otp = await payOtp(payer, bill.code);
      const before = await walletState(t, [sender, payer]);

      expectError(await pay(payer, bill.code, otp), 422, 'INSUFFICIENT_FUNDS');
      expect(await walletState(t, [sender, payer])).toEqual(before);
      expect(await statusOf(bill.code)).toBe('unpaid');
    });

    it("refuses a code for another bill with 403 OTP_MISMATCH, and someone else's code with 401 OTP_INVALID", async () => {
      const { sender, payer, stranger } = await parties();
      const [bill, other] = [await createBill(t, sender, payer, 100), await createBill(t, sender, payer, 100)];
      const forOther = await payOtp(payer, other.code);
      const strangersBill = await createBill(t, sender, stranger, 100);
      const strangersCode = await payOtp(stranger, strangersBill.code);
      const before = await walletState(t, [sender, payer]);

      expectError(await pay(payer, bill.code, forOther), 403, 'OTP_MISMATCH');
      expectError(await pay(payer, bill.code, strangersCode), 401, 'OTP_INVALID');
      expect(await walletState(t, [sender, payer])).toEqual(before);
      expect(await statusOf(bill.code)).toBe('unpaid');
    });
  });

  describe('DELETE /api/bills/:code and POST /api/bills/:code/decline', () => {
    it('lets the sender cancel an unpaid bill once; after that cancel and decline get 409 BILL_NOT_UNPAID', async () => {
      const { sender, payer } = await parties();
      const bill = await createBill(t, sender, payer, 100);

      const res = await cancel(sender, bill.code);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...bill, status: 'cancelled', resolvedAt: expect.any(String) });
      expect(await statusOf(bill.code)).toBe('cancelled');
      expectError(await cancel(sender, bill.code), 409, 'BILL_NOT_UNPAID');
      expectError(await decline(payer, bill.code), 409, 'BILL_NOT_UNPAID');
      expect(await statusOf(bill.code)).toBe('cancelled');
    });

    it('lets the payer decline an unpaid bill once; after that decline and cancel get 409 BILL_NOT_UNPAID', async () => {
      const { sender, payer } = await parties();
      const bill = await createBill(t, sender, payer, 100);

      const res = await decline(payer, bill.code);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...bill, status: 'declined', resolvedAt: expect.any(String) });
      expectError(await decline(payer, bill.code), 409, 'BILL_NOT_UNPAID');
      expectError(await cancel(sender, bill.code), 409, 'BILL_NOT_UNPAID');
      expect(await statusOf(bill.code)).toBe('declined');
    });

    it('refuses to cancel or decline a paid bill with 409 BILL_NOT_UNPAID', async () => {
      const { sender, payer } = await parties();
      const bill = await createBill(t, sender, payer, 100);
      await pay(payer, bill.code, await payOtp(payer, bill.code)).expect(200);
      const after = await walletState(t, [sender, payer]);

      expectError(await cancel(sender, bill.code), 409, 'BILL_NOT_UNPAID');
      expectError(await decline(payer, bill.code), 409, 'BILL_NOT_UNPAID');
      expect(await walletState(t, [sender, payer])).toEqual(after);
      expect(await statusOf(bill.code)).toBe('paid');
    });
  });

  describe("someone else's bills", () => {
    it('cannot be seen, paid, cancelled or declined by a stranger, nor can a stranger get a code to pay them', async () => {
      const { sender, payer, stranger } = await parties();
      await fund(t, admin, stranger, 1000);
      const bill = await createBill(t, sender, payer, 100);
      const payersCode = await payOtp(payer, bill.code);
      const before = await walletState(t, [sender, payer, stranger]);

      expectError(await getBill(stranger, bill.code), 404, 'BILL_NOT_FOUND');
      expectError(
        await t.http().post('/api/otp').set(stranger.auth).send({ action: 'bill.pay', code: bill.code }),
        404,
        'BILL_NOT_FOUND',
      );
      expectError(await pay(stranger, bill.code, payersCode), 404, 'BILL_NOT_FOUND');
      expectError(await cancel(stranger, bill.code), 404, 'BILL_NOT_FOUND');
      expectError(await decline(stranger, bill.code), 404, 'BILL_NOT_FOUND');
      expect(await walletState(t, [sender, payer, stranger])).toEqual(before);
      expect(await statusOf(bill.code)).toBe('unpaid');
    });

    it('cannot be paid or declined by their sender, nor cancelled by their payer', async () => {
      const { sender, payer } = await parties();
      await fund(t, admin, sender, 1000);
      const bill = await createBill(t, sender, payer, 100);
      const payersCode = await payOtp(payer, bill.code);
      const before = await walletState(t, [sender, payer]);

      expectError(
        await t.http().post('/api/otp').set(sender.auth).send({ action: 'bill.pay', code: bill.code }),
        400,
        'OTP_FIELDS',
      );
      expectError(await pay(sender, bill.code, payersCode), 404, 'BILL_NOT_FOUND');
      expectError(await decline(sender, bill.code), 404, 'BILL_NOT_FOUND');
      expectError(await cancel(payer, bill.code), 404, 'BILL_NOT_FOUND');
      expect(await walletState(t, [sender, payer])).toEqual(before);
      expect(await statusOf(bill.code)).toBe('unpaid');
    });
  });

  describe('GET /api/admin/bills', () => {
    it("lists one user's bills, newest first, by status, a page at a time", async () => {
      const [x, y, z] = await Promise.all([createUser(t), createUser(t), createUser(t)]);
      const b1 = await createBill(t, x, y, 11);
      const b2 = await createBill(t, y, x, 12);
      const b3 = await createBill(t, y, z, 13);
      const b4 = await createBill(t, z, x, 14);
      await decline(x, b4.code).expect(200);
      const list = (query: Record<string, string | number>) =>
        t.http().get('/api/admin/bills').query(query).set(admin.auth).expect(200);

      const page1 = await list({ username: x.username, limit: 2 });
      expect(page1.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
      expect(page1.body.items.map((b: { code: string }) => b.code)).toEqual([b4.code, b2.code]);
      expect(page1.body.items[1]).toEqual(b2);
      const page2 = await list({ username: x.username, limit: 2, offset: 2 });
      expect(page2.body.items.map((b: { code: string }) => b.code)).toEqual([b1.code]);
      const declined = await list({ username: x.username, status: 'declined' });
      expect(declined.body.items.map((b: { code: string }) => b.code)).toEqual([b4.code]);
      const ofY = await list({ username: y.username });
      expect(ofY.body.items.map((b: { code: string }) => b.code)).toEqual([b3.code, b2.code, b1.code]);
      expect((await list({ username: uniqueUsername('nobody') })).body).toMatchObject({ items: [], total: 0 });
    });

    it('is for admins only', async () => {
      const user = await createUser(t);
      expectApiError(await t.http().get('/api/admin/bills').set(user.auth), 403);
      expectApiError(await t.http().get('/api/admin/bills'), 401);
    });
  });
});
