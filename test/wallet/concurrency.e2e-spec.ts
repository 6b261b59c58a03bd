import { createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { balanceOf, createBill, expectError, expectLedgerOk, fund, Otp, requestOtp } from './wallet-helpers';

describe('wallet under concurrency', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ OTP_DELIVERY: 'response', OTP_MAX_PER_MINUTE: '100' });
    admin = await createUser(t, { role: 'admin' });
  });
  afterAll(() => t.close());

  const transfer = (from: TestUser, to: TestUser, amount: number, otp: Otp, idempotencyKey?: string) => {
    const req = t.http().post('/api/wallet/transfers').set(from.auth);
    if (idempotencyKey) req.set('Idempotency-Key', idempotencyKey);
    return req.send({ to: to.username, amount, otp });
  };

  it('lets exactly 10 of 30 simultaneous transfers through when the funds cover 10', async () => {
    const sender = await createUser(t);
    const recipients = await Promise.all([createUser(t), createUser(t), createUser(t)]);
    await fund(t, admin, sender, 1000);
    const planned = [];
    for (let i = 0; i < 30; i++) {
      const to = recipients[i % 3];
      planned.push({ to, otp: await requestOtp(t, sender, { action: 'transfer', to: to.username, amount: 100 }) });
    }

    const results = await Promise.all(planned.map(({ to, otp }) => transfer(sender, to, 100, otp)));

    const ok = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status !== 201);
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(20);
    for (const res of refused) expectError(res, 422, 'INSUFFICIENT_FUNDS');
    // Each success saw the balance the previous one left: 900, 800, ..., 0.
    const after = ok.map((r) => Number(r.body.balanceAfter)).sort((a, b) => b - a);
    expect(after).toEqual(Array.from({ length: 10 }, (_, i) => 900 - i * 100));
    expect(await balanceOf(t, sender)).toBe('0');
    const received = await Promise.all(recipients.map((r) => balanceOf(t, r)));
    expect(received.reduce((sum, b) => sum + Number(b), 0)).toBe(1000);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM wallet_transfers WHERE from_user_id = $1', [
      sender.id,
    ]);
    expect(n).toBe(10);
    await expectLedgerOk(t, admin);
  });

  it('pays a bill once when it is paid twice at once with two codes', async () => {
    const [sender, payer] = await Promise.all([createUser(t), createUser(t)]);
    await fund(t, admin, payer, 1000);
    const bill = await createBill(t, sender, payer, 400);
    const codes = [
      await requestOtp(t, payer, { action: 'bill.pay', code: bill.code }),
      await requestOtp(t, payer, { action: 'bill.pay', code: bill.code }),
    ];

    const results = await Promise.all(
      codes.map((otp) => t.http().post(`/api/bills/${bill.code}/pay`).set(payer.auth).send({ otp })),
    );

    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expectError(
      results.find((r) => r.status === 409)!,
      409,
      'BILL_NOT_UNPAID',
    );
    expect([await balanceOf(t, payer), await balanceOf(t, sender)]).toEqual(['600', '400']);
    const journals = await t.db.query('SELECT id FROM ledger_journals WHERE reference = $1', [`bill:${bill.code}`]);
    expect(journals).toHaveLength(1);
    await expectLedgerOk(t, admin);
  });

  it('settles a bill paid and cancelled at once one way only', async () => {
    const [sender, payer] = await Promise.all([createUser(t), createUser(t)]);
    await fund(t, admin, payer, 1000);
    const bill = await createBill(t, sender, payer, 250);
    const otp = await requestOtp(t, payer, { action: 'bill.pay', code: bill.code });

    const [paid, cancelled] = await Promise.all([
      t.http().post(`/api/bills/${bill.code}/pay`).set(payer.auth).send({ otp }),
      t.http().delete(`/api/bills/${bill.code}`).set(sender.auth),
    ]);

    expect([paid.status, cancelled.status].sort()).toEqual([200, 409]);
    const [row] = await t.db.query('SELECT status FROM bills WHERE code = $1', [bill.code]);
    expect(row.status).toBe(paid.status === 200 ? 'paid' : 'cancelled');
    expect(await balanceOf(t, sender)).toBe(paid.status === 200 ? '250' : '0');
  });

  it('takes one OTP used twice at once only once: the other gets 401 OTP_USED', async () => {
    const [sender, recipient] = await Promise.all([createUser(t), createUser(t)]);
    await fund(t, admin, sender, 1000);
    for (let round = 0; round < 3; round++) {
      const otp = await requestOtp(t, sender, { action: 'transfer', to: recipient.username, amount: 100 });
      const results = await Promise.all([transfer(sender, recipient, 100, otp), transfer(sender, recipient, 100, otp)]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 401]);
      expectError(
        results.find((r) => r.status === 401)!,
        401,
        'OTP_USED',
      );
    }
    expect([await balanceOf(t, sender), await balanceOf(t, recipient)]).toEqual(['700', '300']);
  });

  it('answers a request sent twice at once with one Idempotency-Key with the same transfer, made once', async () => {
    const [sender, recipient] = await Promise.all([createUser(t), createUser(t)]);
    await fund(t, admin, sender, 1000);
    const otp = await requestOtp(t, sender, { action: 'transfer', to: recipient.username, amount: 100 });

    const results = await Promise.all([
      transfer(sender, recipient, 100, otp, 'twice'),
      transfer(sender, recipient, 100, otp, 'twice'),
    ]);

    expect(results.map((r) => r.status)).toEqual([201, 201]);
    expect(results[1].body).toEqual(results[0].body);
    expect([await balanceOf(t, sender), await balanceOf(t, recipient)]).toEqual(['900', '100']);
  });

  it('makes one transfer of one Idempotency-Key sent at once with two codes: the other gets 409', async () => {
    const [sender, recipient] = await Promise.all([createUser(t), createUser(t)]);
    await fund(t, admin, sender, 1000);
    for (let round = 0; round < 3; round++) {
      const codes = [
        await requestOtp(t, sender, { action: 'transfer', to: recipient.username, amount: 100 }),
        await requestOtp(t, sender, { action: 'transfer', to: recipient.username, amount: 100 }),
      ];
      const results = await Promise.all(
        codes.map((otp) => transfer(sender, recipient, 100, otp, `two-codes-${round}`)),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expectError(
        results.find((r) => r.status === 409)!,
        409,
        'IDEMPOTENCY_CONFLICT',
      );
    }
    expect([await balanceOf(t, sender), await balanceOf(t, recipient)]).toEqual(['700', '300']);
    await expectLedgerOk(t, admin);
  });
});
