import type {
  CallbackQuery,
  Chat,
  InaccessibleMessage,
  InlineKeyboardMarkup,
  Message,
  PhotoSize,
  Update,
  User,
} from 'telegraf/types';
import { badRequest, int, optJson, optStr, Params } from './http';

// A Telegram user as tests describe one; their private chat has the same id.
export interface FakeUser {
  id: number;
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

// A group the bot is a member of. Telegram gives groups negative ids.
export interface FakeGroup {
  id: number;
  title: string;
}

// A message as it arrives in an Update: new, from a user, in a private chat or a group.
export type Incoming<M extends Message> = Update.New & Update.NonChannel & M;

export const MAX_TEXT_LENGTH = 4096;
const PARSE_MODES = ['HTML', 'Markdown', 'MarkdownV2'];
const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

const now = () => Math.floor(Date.now() / 1000);

// The chats between users and the bot (private ones, and groups it is in): every message either side
// sent, and open button presses.
export class Chats {
  private readonly messages = new Map<string, Message>();
  private readonly users = new Map<number, User>();
  private readonly groups = new Map<number, Chat.GroupChat>();
  private readonly openQueries = new Set<string>();
  private nextMessageId = 1;
  private nextSerial = 1;

  constructor(private readonly bot: User) {}

  // In a group when one is given, else in the user's private chat.
  text(from: FakeUser, text: string, group?: FakeGroup): Incoming<Message.TextMessage> {
    // telegraf's bot.command() and bot.start() look for this entity, as Telegram sends it.
    const command = /^\/\S+/.exec(text);
    const entities = command ? [{ type: 'bot_command' as const, offset: 0, length: command[0].length }] : undefined;
    const user = this.remember(from);
    const chatId = group ? this.join(group) : user.id;
    return this.store({ ...this.envelope(user, chatId), text, ...(entities && { entities }) });
  }

  sticker(from: FakeUser): Incoming<Message.StickerMessage> {
    const sticker = { ...this.file(), type: 'regular' as const, width: 512, height: 512, emoji: '👍' };
    const flags = { is_animated: false, is_video: false };
    return this.store({ ...this.envelope(this.remember(from)), sticker: { ...sticker, ...flags } });
  }

  photo(from: FakeUser, caption?: string): Incoming<Message.PhotoMessage> {
    const sizes: PhotoSize[] = [
      { ...this.file(), width: 90, height: 90, file_size: 1_500 },
      { ...this.file(), width: 1280, height: 1280, file_size: 180_000 },
    ];
    return this.store({
      ...this.envelope(this.remember(from)),
      photo: sizes,
      ...(caption !== undefined && { caption }),
    });
  }

  callbackQuery(from: FakeUser, data: string, messageId?: number): CallbackQuery.DataQuery {
    const user = this.remember(from);
    const id = String(4_000_000_000 + this.nextSerial++);
    this.openQueries.add(id);
    return {
      id,
      from: user,
      message: this.pressedMessage(user.id, data, messageId),
      chat_instance: `-${user.id}`,
      data,
    };
  }

  sendMessage(params: Params): Message.TextMessage {
    const chatId = int(params, 'chat_id');
    const text = checkedText(params);
    return this.store({ ...this.envelope(this.bot, chatId), text, ...inlineMarkup(params) });
  }

  editMessageText(params: Params): Message.TextMessage {
    const message = this.editable(params);
    return this.edit(message, checkedText(params), inlineMarkup(params).reply_markup);
  }

  editMessageReplyMarkup(params: Params): Message.TextMessage {
    const message = this.editable(params);
    return this.edit(message, message.text, inlineMarkup(params).reply_markup);
  }

  deleteMessage(params: Params): true {
    if (!this.messages.delete(key(int(params, 'chat_id'), int(params, 'message_id')))) {
      throw badRequest('message to delete not found');
    }
    return true;
  }

  answerCallbackQuery(params: Params): true {
    // A query is answered once; Telegram refuses a second answer the same way it refuses an unknown id.
    if (!this.openQueries.delete(optStr(params, 'callback_query_id') ?? '')) {
      throw badRequest('query is too old and response timeout expired or query ID is invalid');
    }
    return true;
  }

  // What the bot sent to a chat, in order, as it looks now (edits applied, deleted messages gone).
  messagesTo(chatId: number): Message.TextMessage[] {
    return [...this.messages.values()].filter(
      (m): m is Message.TextMessage => m.chat.id === chatId && m.from?.id === this.bot.id && 'text' in m,
    );
  }

  clear(): void {
    this.messages.clear();
    this.openQueries.clear();
  }

  private pressedMessage(chatId: number, data: string, messageId?: number): Message | InaccessibleMessage {
    if (messageId !== undefined) {
      // A message the fake no longer knows (older, or from before reset()) reaches bots as inaccessible.
      return this.messages.get(key(chatId, messageId)) ?? { chat: this.chat(chatId), message_id: messageId, date: 0 };
    }
    const sent = this.messagesTo(chatId).reverse();
    const withButton = sent.find((m) =>
      m.reply_markup?.inline_keyboard.some((row) => row.some((b) => 'callback_data' in b && b.callback_data === data)),
    );
    const message = withButton ?? sent[0];
    if (!message) throw new Error(`pressButton: the bot sent nothing to chat ${chatId} to press "${data}" on`);
    return message;
  }

  private editable(params: Params): Message.TextMessage {
    const message = this.messages.get(key(int(params, 'chat_id'), int(params, 'message_id')));
    if (!message) throw badRequest('message to edit not found');
    if (message.from?.id !== this.bot.id || !('text' in message)) throw badRequest("message can't be edited");
    return message;
  }

  // Like Telegram, an edit without reply_markup removes the inline keyboard.
  private edit(message: Message.TextMessage, text: string, markup?: InlineKeyboardMarkup): Message.TextMessage {
    if (message.text === text && JSON.stringify(message.reply_markup) === JSON.stringify(markup)) {
      throw badRequest(NOT_MODIFIED);
    }
    return this.store({ ...message, text, edit_date: now(), reply_markup: markup });
  }

  private envelope(from: User, chatId = from.id) {
    return { message_id: this.nextMessageId++, date: now(), chat: this.chat(chatId), from };
  }

  private store<M extends Message>(message: M): M {
    this.messages.set(key(message.chat.id, message.message_id), message);
    return message;
  }

  private remember(from: FakeUser): User {
    const user: User = { ...from, is_bot: false, first_name: from.first_name ?? `User ${from.id}` };
    this.users.set(user.id, user);
    return user;
  }

  private join(group: FakeGroup): number {
    if (group.id >= 0) throw new Error(`A group's id is negative in Telegram, not ${group.id}`);
    this.groups.set(group.id, { id: group.id, type: 'group', title: group.title });
    return group.id;
  }

  private chat(chatId: number): Chat.PrivateChat | Chat.GroupChat {
    const group = this.groups.get(chatId);
    if (group) return group;
    const user = this.users.get(chatId);
    return { id: chatId, type: 'private', first_name: user?.first_name ?? `User ${chatId}`, username: user?.username };
  }

  private file() {
    const serial = this.nextSerial++;
    return { file_id: `AgACAgUAAxkBAAI${serial}`, file_unique_id: `AQAD${serial}` };
  }
}

const key = (chatId: number, messageId: number) => `${chatId}:${messageId}`;

function checkedText(params: Params): string {
  const text = optStr(params, 'text') ?? '';
  // Telegram counts characters after parsing entities; the fake counts the raw text, so markup counts too.
  if (text.trim() === '') throw badRequest('message text is empty');
  if (text.length > MAX_TEXT_LENGTH) throw badRequest('message is too long');
  const parseMode = optStr(params, 'parse_mode');
  if (parseMode !== undefined && !PARSE_MODES.includes(parseMode)) throw badRequest('unsupported parse_mode');
  return text;
}

// Sent messages carry only inline keyboards; reply keyboards are visible in the recorded call.
function inlineMarkup(params: Params): { reply_markup?: InlineKeyboardMarkup } {
  const markup = optJson<Partial<InlineKeyboardMarkup>>(params, 'reply_markup');
  return markup?.inline_keyboard ? { reply_markup: { inline_keyboard: markup.inline_keyboard } } : {};
}
