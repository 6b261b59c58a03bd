import { FakeMidtrans } from '../fakes/midtrans/fake-midtrans';
import { FakeTelegramApi } from '../fakes/telegram/fake-telegram-api';
import { journalsOf, notify, paymentOf, SERVER_KEY } from '../payments/payments-harness';
import { createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { addDemoCatalogue, createAgent, expectLedgerOk, PULSA_TEST_ENV, TELKOMSEL, wallet } from './pulsa-harness';

const TOKEN = '765434:PULSA-deposit-bot';
const LINK = /^Bayar deposit di tautan ini:\n(http:\/\/127\.0\.0\.1:\d+\/snap\/v4\/redirection\/\S+)\nSaldo bertambah/;

/** DEP.NOMINAL with payments on: the Midtrans link, then the agent's wallet credited once Midtrans settles. */
describe('pulsa deposits (DEP.NOMINAL) paid through Midtrans', () => {
  let tg: FakeTelegramApi;
  let mt: FakeMidtrans;
  let t: TestApp;
  let admin: TestUser;
  const chat = { id: 4301, first_name: 'Sari Pulsa' };

  const say = async (text: string) => {
    const before = tg.messagesTo(chat.id).length;
    tg.sendText(chat, text);
    return (await tg.waitForMessages(chat.id, before + 1))[before].text;
  };
  const message = async (agent: TestUser, text: string) =>
    (await t.http().post('/api/pulsa/messages').set(agent.auth).send({ text }).expect(200)).body.reply as string;
  /** The agent's one deposit payment, as Loket created it. */
  const depositOf = async (agent: TestUser) => {
    const rows = await t.db.query<{ order_id: string; amount: string; status: string }[]>(
      `SELECT order_id, amount::text, status FROM payments WHERE owner_id = $1 AND purpose = 'pulsa_deposit'`,
      [agent.id],
    );
    expect(rows).toHaveLength(1);
    return rows[0];
  };

  beforeAll(async () => {
    tg = await FakeTelegramApi.start({ token: TOKEN, botUsername: 'loket_pulsa_deposit_bot' });
    mt = await FakeMidtrans.start({ serverKey: SERVER_KEY });
    t = await createTestApp({
      ...PULSA_TEST_ENV,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      TELEGRAM_CHAT_RATE: '50',
      TELEGRAM_POLL_TIMEOUT: '1',
      MIDTRANS_SERVER_KEY: SERVER_KEY,
      MIDTRANS_SNAP_URL: mt.snapUrl,
      MIDTRANS_API_URL: mt.apiUrl,
      PAYMENT_RECONCILE_SECONDS: '3600',
    });
    admin = await createUser(t, { role: 'admin' });
    await addDemoCatalogue(t);
  });
  afterAll(async () => {
    await t.close();
    await tg.stop();
    await mt.close();
  });

  it('in the chat: the link, then the wallet credited once with a deposit journal, and the agent told', async () => {
    const agent = await createAgent(t, admin, { balance: 0 });
    const invite = await t.http().post('/api/telegram/link').set(agent.auth).expect(201);
    await say(`/start ${invite.body.code}`);

    const reply = await say('DEP.100000');
    const [, url] = LINK.exec(reply) ?? [];
    expect({ reply, url }).toEqual({ reply, url: expect.stringContaining(mt.apiUrl) });
    const deposit = await depositOf(agent);
    expect(deposit).toMatchObject({ amount: '100000', status: 'pending', order_id: expect.stringMatching(/^DEP-/) });
    expect(mt.snapOrders.get(deposit.order_id)).toMatchObject({
      transaction_details: { order_id: deposit.order_id, gross_amount: 100000 },
    });
    expect(await wallet(t, agent)).toMatchObject({ balance: '0' });

    const before = tg.messagesTo(chat.id).length;
    const settlement = mt.pay(deposit.order_id, 'bca_va');
    expect((await notify(t, settlement)).body).toEqual({ outcome: 'applied' });
    const [paid] = (await tg.waitForMessages(chat.id, before + 1)).slice(before);
    expect(paid.text).toBe('Deposit Rp 100.000 masuk. Saldo Rp 100.000.');

    // Midtrans repeats notifications; a repeat credits nothing and tells nobody again.
    expect((await notify(t, settlement)).body).toEqual({ outcome: 'unchanged' });
    expect((await notify(t, mt.notification(deposit.order_id))).body).toEqual({ outcome: 'unchanged' });
    expect(await paymentOf(t, agent, deposit.order_id)).toMatchObject({ status: 'paid' });
    expect(await journalsOf(t, deposit.order_id)).toEqual([{ kind: 'deposit' }]);
    expect(await wallet(t, agent)).toMatchObject({ balance: '100000', held: '0', available: '100000' });
    expect(await say('SAL')).toBe('Saldo Anda: Rp 100.000');
    expect(tg.messagesTo(chat.id).filter((m) => m.text.startsWith('Deposit '))).toHaveLength(1);

    // The deposit is the float purchases are held from.
    expect(await message(agent, `T10.${TELKOMSEL}`)).toMatch(
      / sedang diproses\. Harga Rp 11\.500\. Saldo Rp 88\.500\.$/,
    );
    await expectLedgerOk(t, admin);
  });

  it('over POST /api/pulsa/messages: two deliveries of the settlement at once credit the wallet once', async () => {
    const agent = await createAgent(t, admin, { balance: 5_000 });
    expect(await message(agent, 'DEP.100000')).toMatch(LINK);
    const { order_id: orderId } = await depositOf(agent);

    const settlement = mt.pay(orderId, 'gopay');
    const answers = await Promise.all([notify(t, settlement), notify(t, settlement)]);
    expect(answers.map((a) => a.body.outcome).sort()).toEqual(['applied', 'unchanged']);
    expect(await journalsOf(t, orderId)).toEqual([{ kind: 'deposit' }]);
    expect(await wallet(t, agent)).toMatchObject({ balance: '105000', held: '0', available: '105000' });
    expect(await message(agent, 'SAL')).toBe('Saldo Anda: Rp 105.000');
    await expectLedgerOk(t, admin);
  });

  it('leaves the wallet alone while the payment is pending, and when Midtrans says it expired', async () => {
    const agent = await createAgent(t, admin, { balance: 0 });
    expect(await message(agent, 'DEP.50000')).toMatch(LINK);
    const { order_id: orderId } = await depositOf(agent);

    // The agent picked a bank transfer and has not paid yet: the payment was pending already.
    expect((await notify(t, mt.pay(orderId, 'bca_va', { pending: true }))).body).toEqual({ outcome: 'unchanged' });
    expect(await wallet(t, agent)).toMatchObject({ balance: '0' });
    expect((await notify(t, mt.setStatus(orderId, 'expire'))).body).toEqual({ outcome: 'applied' });
    expect(await paymentOf(t, agent, orderId)).toMatchObject({ status: 'expired' });
    expect(await journalsOf(t, orderId)).toEqual([]);
    expect(await wallet(t, agent)).toMatchObject({ balance: '0' });
    await expectLedgerOk(t, admin);
  });
});
