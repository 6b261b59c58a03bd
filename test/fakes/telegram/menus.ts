import type { BotCommand } from 'telegraf/types';
import { badRequest, isObject, optJson, optStr, Params } from './http';

const COMMAND_NAME = /^[a-z0-9_]{1,32}$/;
const MAX_COMMANDS = 100;
const SCOPES = [
  'default',
  'all_private_chats',
  'all_group_chats',
  'all_chat_administrators',
  'chat',
  'chat_administrators',
  'chat_member',
];

// The bot's command menus by scope and language, as setMyCommands, deleteMyCommands and getMyCommands keep them.
export class Menus {
  private readonly menus = new Map<string, BotCommand[]>();

  set(params: Params): true {
    const commands = optJson<unknown>(params, 'commands');
    if (!Array.isArray(commands)) throw badRequest('commands must be an array');
    if (commands.length > MAX_COMMANDS) throw badRequest('too many commands');
    for (const c of commands) {
      if (!isObject(c) || typeof c.command !== 'string' || !COMMAND_NAME.test(c.command)) {
        throw badRequest('BOT_COMMAND_INVALID');
      }
      if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 256) {
        throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
      }
    }
    this.menus.set(
      keyOf(params),
      (commands as BotCommand[]).map(({ command, description }) => ({ command, description })),
    );
    return true;
  }

  delete(params: Params): true {
    this.menus.delete(keyOf(params));
    return true;
  }

  get(params: Params): BotCommand[] {
    return this.menus.get(keyOf(params)) ?? [];
  }

  // The menu set for a scope ({type: 'default'} when none), undefined when none is set.
  of(scope: Record<string, unknown> = { type: 'default' }, languageCode = ''): BotCommand[] | undefined {
    return this.menus.get(key(scope, languageCode));
  }
}

function keyOf(params: Params): string {
  const scope = optJson<unknown>(params, 'scope') ?? { type: 'default' };
  if (!isObject(scope) || typeof scope.type !== 'string' || !SCOPES.includes(scope.type)) {
    throw badRequest("can't parse BotCommandScope");
  }
  if (scope.type.startsWith('chat') && scope.chat_id === undefined) throw badRequest('chat_id is empty');
  return key(scope, optStr(params, 'language_code') ?? '');
}

function key(scope: Record<string, unknown>, languageCode: string): string {
  // A chat_id arrives as a number (JSON) or a string (form fields, @channel usernames).
  const id = (value: unknown) => (typeof value === 'number' || typeof value === 'string' ? String(value) : '');
  return [String(scope.type), id(scope.chat_id), id(scope.user_id), languageCode].join('|');
}
