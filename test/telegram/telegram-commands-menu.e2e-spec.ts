import type { BotCommand } from 'telegraf/types';
import { FakeTelegramApi } from '../fakes/telegram/fake-telegram-api';
import { createUser, TestUser } from '../support/factories';
import { BotApp, BotDatabase, createBotDatabase, eventually, startBotApp, startFakeTelegram } from './telegram-harness';

// The command menu beside the text field (setMyCommands): the guests' commands for everyone at
// start, a linked chat's own menu with its role's commands, and back to the default on /unlink.
const WAIT = { timeoutMs: 10_000 };
const names = (commands: BotCommand[] | undefined) => commands?.map((c) => c.command);
const chatScope = (chatId: number) => ({ type: 'chat', chat_id: chatId });

describe('the bot command menu', () => {
  let tg: FakeTelegramApi;
  let db: BotDatabase;
  let app: BotApp;

  beforeAll(async () => {
    tg = await startFakeTelegram();
    db = await createBotDatabase();
    app = await startBotApp(tg, db);
  });

  afterAll(async () => {
    await app.close();
    await tg.stop();
    await db.drop();
  });

  async function say(from: { id: number; first_name: string }, text: string): Promise<string> {
    const before = tg.messagesTo(from.id).length;
    tg.sendText(from, text);
    return (await tg.waitForMessages(from.id, before + 1, WAIT))[before].text;
  }

  async function linkChat(chat: { id: number; first_name: string }, user: TestUser): Promise<void> {
    const { body } = await app.http().post('/api/telegram/link').set(user.auth).expect(201);
    expect(await say(chat, `/start ${(body as { code: string }).code}`)).toContain('sudah terhubung');
  }

  const chatMenu = (chatId: number) =>
    eventually(() => tg.commandsFor(chatScope(chatId)), `the menu of chat ${chatId}`);

  it('is the guest commands by default, set once at start', async () => {
    const menu = await eventually(() => tg.commandsFor(), 'the default menu');
    expect(names(menu)).toEqual(['start', 'help', 'order', 'catalog', 'status', 'cancel']);
    for (const { command, description } of menu) {
      expect(command).toMatch(/^[a-z0-9_]{1,32}$/);
      expect(description.length).toBeGreaterThanOrEqual(1);
      expect(description.length).toBeLessThanOrEqual(256);
    }
    expect(menu.find((c) => c.command === 'order')?.description).toBeTruthy();
    expect(tg.callsTo('setMyCommands')).toHaveLength(1);
  });

  it("gives a linked chat its role's commands, moves them when the account links another chat, and /unlink deletes them", async () => {
    const ani = { id: 7101, first_name: 'Ani' };
    const budi = { id: 7102, first_name: 'Budi' };
    const customer = await createUser(app);

    await linkChat(ani, customer);
    const linked = names(await chatMenu(ani.id));
    expect(linked).toEqual(expect.arrayContaining(['help', 'unlink', 'saldo', 'transfer', 'order', 'status']));
    // Only slash commands: patterns such as pulsa's KODE.NOMOR never enter a menu.
    expect(linked?.every((c) => /^[a-z0-9_]{1,32}$/.test(c))).toBe(true);
    expect(tg.commandsFor()).not.toContainEqual(expect.objectContaining({ command: 'unlink' }));

    // The same account linked from another chat: the first chat is a guest's again.
    await linkChat(budi, customer);
    expect(names(await chatMenu(budi.id))).toEqual(linked);
    await eventually(() => (tg.commandsFor(chatScope(ani.id)) ? undefined : true), 'the first chat to lose its menu');

    expect(await say(budi, '/unlink')).toBe('Chat ini sudah tidak terhubung dengan akun Loket Anda.');
    const deleted = await eventually(
      () =>
        tg
          .callsTo('deleteMyCommands')
          .find((c) => JSON.stringify(c.params.scope) === JSON.stringify(chatScope(budi.id))),
      'deleteMyCommands for the unlinked chat',
    );
    expect(deleted.status).toBe(200);
    expect(tg.commandsFor(chatScope(budi.id))).toBeUndefined();
    expect(names(tg.commandsFor())).toContain('order');
  });
});
