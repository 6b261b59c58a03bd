import { DomainError } from '../common/errors/domain-error';

export class TelegramDisabledError extends DomainError {
  constructor() {
    super('TELEGRAM_DISABLED', 'unavailable', 'The Telegram bot is not configured on this server (TELEGRAM_BOT_TOKEN)');
  }
}

export class LinkCodeInvalidError extends DomainError {
  constructor() {
    super('LINK_CODE_INVALID', 'invalid', 'This link code is unknown, used or expired; ask for a new one');
  }
}

export class ChatAlreadyLinkedError extends DomainError {
  constructor() {
    super('CHAT_ALREADY_LINKED', 'conflict', 'This Telegram chat is already linked to another Loket account');
  }
}
