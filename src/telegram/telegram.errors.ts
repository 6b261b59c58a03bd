import { domainError } from '../common/errors/domain-error';

export class TelegramDisabledError extends domainError('TELEGRAM_DISABLED', 'unavailable') {
  constructor() {
    super('The Telegram bot is not configured on this server (TELEGRAM_BOT_TOKEN)');
  }
}

export class LinkCodeInvalidError extends domainError('LINK_CODE_INVALID', 'invalid') {
  constructor() {
    super('This link code is unknown, used or expired; ask for a new one');
  }
}

export class ChatAlreadyLinkedError extends domainError('CHAT_ALREADY_LINKED', 'conflict') {
  constructor() {
    super('This Telegram chat is already linked to another Loket account');
  }
}

export class LinkInGroupError extends domainError('LINK_IN_GROUP', 'invalid') {
  constructor() {
    super('An account links to a private chat with the bot, never to a group');
  }
}
