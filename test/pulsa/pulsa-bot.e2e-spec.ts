import { FakeTelegramApi } from '../fakes/telegram/fake-telegram-api';
import { createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { addDemoCatalogue, createAgent, expectLedgerOk, PULSA_TEST_ENV, SIM, TELKOMSEL, XL } from './pulsa-harness';

const TOKEN = '765432:PULSA-bot';

describe('pulsa in Telegram', () => {
  let tg: FakeTelegramApi;
  let t: TestApp;
  let admin: TestUser;
  let agent: TestUser;
  const chat = { id: 4101, first_name: 'Budi Cell' };
  const stranger = { id: 4102, first_name: 'Orang Lain' };

  /** Sends a text and returns the next `count` messages to that chat. */
  const say = async (from: { id: number }, text: string, count = 1) => {
    const before = tg.messagesTo(from.id).length;
    tg.sendText(from, text);
    return (await tg.waitForMessages(from.id, before + count)).slice(before, before + count).map((m) => m.text);
  };
  const rest = async (text: string) =>
    (await t.http().post('/api/pulsa/messages').set(agent.auth).send({ text }).expect(200)).body.reply as string;

  beforeAll(async () => {
    tg = await FakeTelegramApi.start({ token: TOKEN, botUsername: 'loket_pulsa_bot' });
    t = await createTestApp({
      ...PULSA_TEST_ENV,
      PULSA_SIMULATOR_DELAY_MS: '100',
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      TELEGRAM_CHAT_RATE: '50',
      TELEGRAM_POLL_TIMEOUT: '1',
    });
    admin = await createUser(t, { role: 'admin' });
    await addDemoCatalogue(t);
    agent = await createAgent(t, admin, { balance: 100_000, pin: '1234' });
    const invite = await t.http().post('/api/telegram/link').set(agent.auth).expect(201);
    await say(chat, `/start ${invite.body.code}`);
  });
  afterAll(async () => {
    await t.close();
    await tg.stop();
  });

  it('tells a chat that is not an agent’s so, and nothing else happens', async () => {
    expect(await say(stranger, `T10.${TELKOMSEL}`)).toEqual(['Nomor Anda belum terdaftar sebagai agen.']);
    const [{ n }] = await t.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM pulsa_transactions');
    expect(n).toBe(0);
  });

  it('answers a purchase at once with its id and balance, then SUKSES with the SN', async () => {
    const [accepted, final] = await say(chat, `t10.${TELKOMSEL}.1234`, 2);
    expect(accepted).toMatch(
      new RegExp(`^T\\d{8} T10 ke ${TELKOMSEL} sedang diproses\\. Harga Rp 11\\.500\\. Saldo Rp 88\\.500\\.$`),
    );
    const shortId = accepted.slice(0, 9);
    expect(final).toMatch(new RegExp(`^SUKSES ${shortId} T10 ke ${TELKOMSEL}\\. SN: \\d{16}\\. Harga Rp 11\\.500\\.$`));
    expect(await say(chat, `STATUS.${shortId.toLowerCase()}`)).toEqual([final]);
  });

  it('reports each supplier outcome: failed, pending then success, pending then failed', async () => {
    const [, failed] = await say(chat, `XL10.${SIM.failed}.1234`, 2);
    expect(failed).toMatch(/^GAGAL T\d{8} XL10 ke 087800001232: .+\. Saldo dikembalikan Rp 11\.500\.$/);
    const [, late] = await say(chat, `XL5.${SIM.pendingSuccess}.1234`, 2);
    expect(late).toMatch(/^SUKSES T\d{8} XL5 ke 087800001233\. SN: \d+/);
    const [, lateFail] = await say(chat, `XL5.${SIM.pendingFailed}.1234`, 2);
    expect(lateFail).toMatch(/^GAGAL T\d{8} XL5 ke 087800001234/);
    expect(lateFail).toContain('Saldo dikembalikan');
  });

  it('refuses duplicates unless a counter is added, wrong PINs, wrong operators and unknown codes', async () => {
    const [first] = await say(chat, `T5.${TELKOMSEL}.1234`, 2);
    const [dup] = await say(chat, `T5.${TELKOMSEL}.1234`);
    expect(dup).toBe(
      `Transaksi ganda: sama dengan ${first.slice(0, 9)}. Untuk membeli lagi tambahkan penghitung, mis. .2 di akhir.`,
    );
    const [again] = await say(chat, `T5.${TELKOMSEL}.1234.2`, 2);
    expect(again).toContain('sedang diproses');
    expect(await say(chat, `T5.${TELKOMSEL}`)).toEqual(['PIN wajib diisi, mis. T10.081234567890.1234']);
    expect(await say(chat, `T5.${TELKOMSEL}.9999.3`)).toEqual([
      'PIN salah. Sisa 4 kali lagi sebelum transaksi dikunci.',
    ]);
    expect(await say(chat, `T5.${XL}.1234`)).toEqual([
      'Nomor tujuan bukan nomor operator produk itu. Periksa kode produk dan nomornya.',
    ]);
    expect(await say(chat, `Z9.${TELKOMSEL}.1234`)).toEqual([
      'Kode produk tidak dikenal. Ketik HARGA untuk daftar produk.',
    ]);
    expect(await say(chat, 'T5.08abc')).toEqual([
      'Nomor tujuan harus berupa angka, mis. 081234567890. Ketik Bantuan untuk daftar format.',
    ]);
  });

  it('answers SAL, HARGA, CEK, DEP and Bantuan', async () => {
    expect((await say(chat, 'SAL.1234'))[0]).toMatch(/^Saldo Anda: Rp [\d.]+$/);
    expect(await say(chat, 'harga.xl')).toEqual([
      'Daftar harga XL:\nXL5 XL 5.000: Rp 6.500\nXL10 XL 10.000: Rp 11.500\nXL25 XL 25.000: Rp 26.500\nXL50 XL 50.000: Rp 51.500\nXL100 XL 100.000: Rp 101.500',
    ]);
    expect((await say(chat, `CEK.${TELKOMSEL}`))[0]).toMatch(/^(SUKSES )?T\d{8} T5 ke 081234567890/);
    expect(await say(chat, 'DEP.50000')).toEqual(['Pembayaran online belum diaktifkan di Loket ini.']);
    const [help] = await say(chat, 'Bantuan');
    expect(help).toContain('KODE.NOMOR.PIN - beli pulsa');
    expect(help).toContain('STATUS.TRXID');
  });

  it('gives the same answers over POST /api/pulsa/messages as in the chat', async () => {
    const [accepted] = await say(chat, `T20.${TELKOMSEL}.1234`, 2);
    const texts = [
      `STATUS.${accepted.slice(0, 9)}`,
      `CEK.${TELKOMSEL}`,
      'HARGA.telkomsel',
      'HARGA.nokia',
      `T20.${TELKOMSEL}.1234`,
      `T20.${XL}.1234`,
      'T20.08abc',
      'SAL.1234',
      'SAL.12',
      'DEP.100',
    ];
    for (const text of texts) {
      const [inChat] = await say(chat, text);
      expect({ text, reply: await rest(text) }).toEqual({ text, reply: inChat });
    }
    await expectLedgerOk(t, admin);
  });
});
