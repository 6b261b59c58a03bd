import { Injectable } from '@nestjs/common';

/** The bot's own username, learnt from getMe at start; unset while the bot is off. */
@Injectable()
export class BotIdentity {
  username?: string;
}
