import type { Message } from 'telegraf/types';
import { seedDemoCatalogue } from '../../src/reservations/demo-catalogue';
import { FakeMidtrans } from '../fakes/midtrans/fake-midtrans';
import { FakeTelegramApi } from '../fakes/telegram/fake-telegram-api';
import { SERVER_KEY } from '../payments/payments-harness';
import { BotApp, BotDatabase, eventually, startBotApp } from '../telegram/telegram-harness';

export type Chat = { id: number; first_name: string };
const WAIT = { timeoutMs: 10_000 };

/** Loket with the bot and payments on, over a database that outlives it (for restarts). */
export async function startShopBot(tg: FakeTelegramApi, db: BotDatabase, mt: FakeMidtrans): Promise<BotApp> {
  const app = await startBotApp(tg, db, {
    env: {
      MIDTRANS_SERVER_KEY: SERVER_KEY,
      MIDTRANS_SNAP_URL: mt.snapUrl,
      MIDTRANS_API_URL: mt.apiUrl,
      MIDTRANS_TIMEOUT_MS: '2000',
      PAYMENT_RECONCILE_SECONDS: '3600',
      PUBLIC_URL: 'https://servis.example',
    },
  });
  await app.db.transaction((manager) => seedDemoCatalogue(manager));
  return app;
}

/** A chat the way a test drives it: says something (or presses a button) and waits for the n next messages. */
export function chatWith(tg: FakeTelegramApi, chat: Chat) {
  const next = async (act: () => void, n = 1): Promise<Message.TextMessage[]> => {
    const before = tg.messagesTo(chat.id).length;
    act();
    return (await tg.waitForMessages(chat.id, before + n, WAIT)).slice(before);
  };
  return {
    say: async (text: string, n = 1) => next(() => tg.sendText(chat, text), n),
    last: async (text: string) => (await next(() => tg.sendText(chat, text)))[0],
    press: async (message: Message.TextMessage, label: string | RegExp, n = 1) =>
      next(() => tg.pressButton(chat, dataOf(message, label), message.message_id), n),
    /** Presses data directly and returns what the button press was answered with. */
    pressData: async (data: string, messageId?: number) => {
      const press = tg.pressButton(chat, data, messageId);
      const answer = await eventually(
        () => tg.callsTo('answerCallbackQuery').find((c) => c.params.callback_query_id === press.callback_query.id),
        'the press to be answered',
      );
      return answer.params.text as string | undefined;
    },
  };
}

export function labels(message: Message.TextMessage): string[] {
  return (message.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.text);
}

export function dataOf(message: Message.TextMessage, label: string | RegExp): string {
  const button = (message.reply_markup?.inline_keyboard ?? [])
    .flat()
    .find((b) => (typeof label === 'string' ? b.text === label : label.test(b.text)));
  if (!button || !('callback_data' in button)) {
    throw new Error(`No button ${String(label)} in ${JSON.stringify(labels(message))}`);
  }
  return button.callback_data;
}

/** dd/mm/yyyy of YYYY-MM-DD, as a customer types it. */
export const typed = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
