/** The Telegram settings (only provided while the bot is on). */
export const TELEGRAM_CONFIG = Symbol('TELEGRAM_CONFIG');

/** The update kinds Loket handles; Telegram sends no others. */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;
