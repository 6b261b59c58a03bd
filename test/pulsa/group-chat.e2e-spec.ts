import { FakeTelegramApi } from '../fakes/telegram/fake-telegram-api';
import { createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import {
  addDemoCatalogue,
  countTransactions,
  createAgent,
  expectLedgerOk,
  finalOf,
  PULSA_TEST_ENV,
  TELKOMSEL,
  wallet,
} from './pulsa-harness';

const TOKEN = '765433:PULSA-group-bot';
// Not a digit run of any example in the bot's texts (those use 1234), so a match is a real echo.
const PIN = '4826';

describe('pulsa in a Telegram group', () => {
  let tg: FakeTelegramApi;
  let t: TestApp;
  let admin: TestUser;
  let agent: TestUser;
  const budi = { id: 4201, first_name: 'Budi Cell' };
  const stranger = { id: 4202, first_name: 'Orang Lain' };
  const group = { id: -1004200, title: 'Konter Budi' };

  /** Sends a text to the group and returns the bot's next `count` messages there. */
  const inGroup = async (from: { id: number }, text: string, count = 1) => {
    const before = tg.messagesTo(group.id).length;
    tg.sendGroupText(group, from, text);
    return (await tg.waitForMessages(group.id, before + count)).slice(before, before + count).map((m) => m.text);
  };
  const echoesPin = (text: string) => new RegExp(`(?<!\\d)${PIN}(?!\\d)`).test(text);

  beforeAll(async () => {
    tg = await FakeTelegramApi.start({ token: TOKEN, botUsername: 'loket_pulsa_group_bot' });
    t = await createTestApp({
      ...PULSA_TEST_ENV,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      TELEGRAM_CHAT_RATE: '50',
      TELEGRAM_POLL_TIMEOUT: '1',
    });
    admin = await createUser(t, { role: 'admin' });
    await addDemoCatalogue(t);
    agent = await createAgent(t, admin, { balance: 100_000, pin: PIN });
    // The agent links their own private chat; the group itself is linked to nobody.
    const invite = await t.http().post('/api/telegram/link').set(agent.auth).expect(201);
    tg.sendText(budi, `/start ${invite.body.code}`);
    await tg.waitForMessages(budi.id, 1);
  });
  afterAll(async () => {
    await t.close();
    await tg.stop();
  });

  it('lets a linked agent buy, without the balance or the PIN in the group’s reply', async () => {
    const [accepted] = await inGroup(budi, `T10.${TELKOMSEL}.${PIN}`);
    expect(accepted).toMatch(new RegExp(`^T\\d{8} T10 ke ${TELKOMSEL} sedang diproses\\. Harga Rp 11\\.500\\.$`));
    expect(accepted).not.toMatch(/saldo|88\.500|100\.000/i);
    expect(echoesPin(accepted)).toBe(false);

    // The purchase happened, on the agent's wallet, from the chat channel.
    const [row] = await t.db.query<{ id: string; channel: string }[]>(
      'SELECT id, channel FROM pulsa_transactions WHERE agent_id = $1 AND short_id = $2',
      [agent.id, accepted.slice(0, 9)],
    );
    expect(row).toMatchObject({ channel: 'chat' });
    expect((await finalOf(t, agent, row.id)).status).toBe('success');
    expect(await wallet(t, agent)).toMatchObject({ balance: '88500', held: '0' });

    // The final SUKSES reaches the agent's private chat; nothing in the group speaks of the balance.
    const [final] = (await tg.waitForMessages(budi.id, 2)).slice(1);
    expect(final.text).toMatch(new RegExp(`^SUKSES ${accepted.slice(0, 9)} T10 ke ${TELKOMSEL}\\. SN: \\d+`));
    expect(tg.messagesTo(group.id).map((m) => m.text)).toEqual([accepted]);
    await expectLedgerOk(t, admin);
  });

  it('never shows the balance in the group: SAL, SAL.PIN, S, Cek Saldo, /saldo', async () => {
    for (const text of ['SAL', `SAL.${PIN}`, 's', 'Cek Saldo', '/saldo']) {
      const [reply] = await inGroup(budi, text);
      expect({ text, reply }).toEqual({ text, reply: expect.not.stringMatching(/Rp|88\.500|88500/) });
      expect(echoesPin(reply)).toBe(false);
    }
    expect((await inGroup(budi, 'SAL'))[0]).toBe(
      'Saldo tidak ditampilkan di grup. Kirim SAL lewat chat pribadi dengan bot.',
    );
  });

  it('does not echo the PIN when a purchase in the group is refused', async () => {
    const refusals = [`T10.${TELKOMSEL}.${PIN}`, `T10.${TELKOMSEL}.9999.2`, `Z9.${TELKOMSEL}.${PIN}`];
    for (const text of refusals) {
      const [reply] = await inGroup(budi, text);
      expect({ text, echoed: echoesPin(reply), balance: /saldo anda|88\.500/i.test(reply) }).toEqual({
        text,
        echoed: false,
        balance: false,
      });
    }
    expect(await countTransactions(t, agent)).toBe(1);
  });

  it('answers a member who is not a linked agent with the usual refusal, and nothing is bought', async () => {
    expect(await inGroup(stranger, `T10.${TELKOMSEL}.${PIN}.3`)).toEqual(['Nomor Anda belum terdaftar sebagai agen.']);
    const [{ n }] = await t.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM pulsa_transactions');
    expect(n).toBe(1);
  });
});
