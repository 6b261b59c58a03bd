import { createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { expectError, expectInvalid, fund, otherCode, Otp, requestOtp, walletState } from './wallet-helpers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('one-time passwords', () => {
  // Default settings apart from delivery: five codes a minute per user, five minutes valid.
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ OTP_DELIVERY: 'response' });
    admin = await createUser(t, { role: 'admin' });
  });
  afterAll(() => t.close());

  /** A sender with 1000 rupiah, a recipient, and a code for sending them 100. */
  const setup = async () => {
    const [from, to] = await Promise.all([createUser(t), createUser(t)]);
    await fund(t, admin, from, 1000);
    const otp = await requestOtp(t, from, { action: 'transfer', to: to.username, amount: 100 });
    return { from, to, otp };
  };

  const transfer = (from: TestUser, to: TestUser, otp: Otp, amount = 100) =>
    t.http().post('/api/wallet/transfers').set(from.auth).send({ to: to.username, amount, otp });

  describe('POST /api/otp', () => {
    it('answers a challenge valid for five minutes and stores only a keyed hash of the code', async () => {
      const [from, to] = await Promise.all([createUser(t), createUser(t)]);
      const res = await t
        .http()
        .post('/api/otp')
        .set(from.auth)
        .send({ action: 'transfer', to: to.username, amount: 5 });

      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        challengeId: expect.stringMatching(UUID),
        expiresAt: expect.any(String),
        channel: 'response',
        code: expect.stringMatching(/^\d{6}$/),
      });
      expect(Date.parse(res.body.expiresAt) - Date.now()).toBeGreaterThan(290_000);
      expect(Date.parse(res.body.expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
      const [row] = await t.db.query('SELECT * FROM otp_challenges WHERE id = $1', [res.body.challengeId]);
      expect(row).toMatchObject({ user_id: from.id, action: 'transfer', channel: 'response', failed_attempts: 0 });
      expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain(res.body.code);
    });

    it('refuses fields that do not belong to the action with 400', async () => {
      const user = await createUser(t);
      const otpOf = (body: object) => t.http().post('/api/otp').set(user.auth).send(body);
      expectError(await otpOf({ action: 'bill.pay', code: 'ABCDEFGHJK', amount: 5 }), 400, 'OTP_FIELDS');
      expectError(
        await otpOf({ action: 'transfer', to: admin.username, amount: 5, code: 'ABCDEFGHJK' }),
        400,
        'OTP_FIELDS',
      );
      expectInvalid(await otpOf({ action: 'withdraw', to: admin.username, amount: 5 }), 'action');
      expectInvalid(await otpOf({ action: 'transfer', amount: 5 }), 'to');
      expectInvalid(await otpOf({ action: 'transfer', to: 5, amount: 5 }), 'to must be a string');
      expectInvalid(await otpOf({ action: 'bill.pay', code: 'abc' }), 'bill code');
      expect(await t.db.query('SELECT id FROM otp_challenges WHERE user_id = $1', [user.id])).toEqual([]);
    });

    it('gives at most OTP_MAX_PER_MINUTE (5) codes a minute per user, then 429 OTP_RATE_LIMITED', async () => {
      const [user, other] = await Promise.all([createUser(t), createUser(t)]);
      const ask = (u: TestUser) =>
        t.http().post('/api/otp').set(u.auth).send({ action: 'transfer', to: admin.username, amount: 10 });
      for (let i = 0; i < 5; i++) expect((await ask(user)).status).toBe(201);

      const refused = await ask(user);
      expectError(refused, 429, 'OTP_RATE_LIMITED');
      expect(refused.body.message).toContain('5');
      expect((await ask(other)).status).toBe(201);
      const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM otp_challenges WHERE user_id = $1', [user.id]);
      expect(n).toBe(5);
    });

    it('holds the per-minute limit when requests arrive at once', async () => {
      const user = await createUser(t);
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          t.http().post('/api/otp').set(user.auth).send({ action: 'transfer', to: admin.username, amount: 10 }),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
    });
  });

  describe('confirming a transfer', () => {
    it('refuses a wrong code with 401 OTP_WRONG_CODE and the tries left, moves nothing, and then takes the right one', async () => {
      const { from, to, otp } = await setup();
      const before = await walletState(t, [from, to]);

      const wrong = await transfer(from, to, { ...otp, code: otherCode(otp.code) });
      expectError(wrong, 401, 'OTP_WRONG_CODE');
      expect(wrong.body.message).toContain('4 tries left');
      expect(await walletState(t, [from, to])).toEqual(before);

      expect((await transfer(from, to, otp)).status).toBe(201);
    });

    it('locks the challenge after five wrong codes: the right one then gets 401 OTP_LOCKED', async () => {
      const { from, to, otp } = await setup();
      const before = await walletState(t, [from, to]);

      const messages = [];
      for (let i = 0; i < 5; i++) {
        const res = await transfer(from, to, { ...otp, code: otherCode(otp.code) });
        expectError(res, 401, 'OTP_WRONG_CODE');
        messages.push(res.body.message);
      }
      expect(messages.map((m: string) => /(\d) tr|no tries/.exec(m)?.[0])).toEqual([
        '4 tr',
        '3 tr',
        '2 tr',
        '1 tr',
        'no tries',
      ]);
      expectError(await transfer(from, to, otp), 401, 'OTP_LOCKED');
      expect(await walletState(t, [from, to])).toEqual(before);
    });

    it('counts wrong codes sent at once one by one: no more than five guesses are ever checked', async () => {
      const { from, to, otp } = await setup();
      const guesses = await Promise.all(
        Array.from({ length: 12 }, () => transfer(from, to, { ...otp, code: otherCode(otp.code) })),
      );

      const codes = guesses.map((r) => `${r.status} ${r.body.code}`).sort();
      expect(codes).toEqual([...Array(7).fill('401 OTP_LOCKED'), ...Array(5).fill('401 OTP_WRONG_CODE')]);
      const [row] = await t.db.query('SELECT failed_attempts FROM otp_challenges WHERE id = $1', [otp.challengeId]);
      expect(row.failed_attempts).toBe(5);
      expectError(await transfer(from, to, otp), 401, 'OTP_LOCKED');
    });

    it('takes a code once: the second use gets 401 OTP_USED and moves nothing', async () => {
      const { from, to, otp } = await setup();
      expect((await transfer(from, to, otp)).status).toBe(201);
      const after = await walletState(t, [from, to]);

      expectError(await transfer(from, to, otp), 401, 'OTP_USED');
      expect(await walletState(t, [from, to])).toEqual(after);
      expect(after.balances).toEqual(['900', '100']);
    });

    it('refuses a code for another recipient, amount or action with 403 OTP_MISMATCH and moves nothing', async () => {
      const { from, to, otp } = await setup();
      const third = await createUser(t);
      const forBill = await requestOtp(t, from, { action: 'bill.create', to: to.username, amount: 100 });
      const before = await walletState(t, [from, to, third]);

      expectError(await transfer(from, third, otp), 403, 'OTP_MISMATCH');
      expectError(await transfer(from, to, otp, 101), 403, 'OTP_MISMATCH');
      expectError(await transfer(from, to, forBill), 403, 'OTP_MISMATCH');
      expect(await walletState(t, [from, to, third])).toEqual(before);
    });

    it("refuses another user's challenge, even with its right code, with 401 OTP_INVALID", async () => {
      const { from, to, otp } = await setup();
      const thief = await createUser(t);
      await fund(t, admin, thief, 1000);
      const before = await walletState(t, [from, to, thief]);

      expectError(await transfer(thief, to, otp), 401, 'OTP_INVALID');
      expectError(
        await transfer(thief, to, { challengeId: '00000000-0000-4000-8000-000000000000', code: otp.code }),
        401,
        'OTP_INVALID',
      );
      expect(await walletState(t, [from, to, thief])).toEqual(before);
      expect((await transfer(from, to, otp)).status).toBe(201);
    });
  });

  describe('with OTP_TTL=1', () => {
    let short: TestApp;
    beforeAll(async () => {
      short = await createTestApp({ OTP_DELIVERY: 'response', OTP_TTL: '1' });
    });
    afterAll(() => short.close());

    it('refuses an expired code with 401 OTP_EXPIRED and moves nothing', async () => {
      const shortAdmin = await createUser(short, { role: 'admin' });
      const [from, to] = await Promise.all([createUser(short), createUser(short)]);
      await fund(short, shortAdmin, from, 1000);
      const otp = await requestOtp(short, from, { action: 'transfer', to: to.username, amount: 100 });
      const before = await walletState(short, [from, to]);

      await new Promise((resolve) => setTimeout(resolve, 1200));
      const res = await short
        .http()
        .post('/api/wallet/transfers')
        .set(from.auth)
        .send({ to: to.username, amount: 100, otp });
      expectError(res, 401, 'OTP_EXPIRED');
      expect(await walletState(short, [from, to])).toEqual(before);
    });
  });

  describe('with OTP_DELIVERY=log', () => {
    let logged: TestApp;
    beforeAll(async () => {
      logged = await createTestApp({ OTP_DELIVERY: 'log' });
    });
    afterAll(() => logged.close());

    it('answers channel "log" and never the code', async () => {
      const [from, to] = await Promise.all([createUser(logged), createUser(logged)]);
      const res = await logged
        .http()
        .post('/api/otp')
        .set(from.auth)
        .send({ action: 'transfer', to: to.username, amount: 100 });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        challengeId: expect.stringMatching(UUID),
        expiresAt: expect.any(String),
        channel: 'log',
      });
      const [row] = await logged.db.query('SELECT channel FROM otp_challenges WHERE id = $1', [res.body.challengeId]);
      expect(row.channel).toBe('log');
    });
  });
});
