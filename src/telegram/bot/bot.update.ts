import { Ctx, On, Update } from 'nestjs-telegraf';
import type { Context } from 'telegraf';
import { BotDispatcherService } from './bot-dispatcher.service';

/** The one nestjs-telegraf update handler: everything is routed through the registry. */
@Update()
export class BotUpdate {
  constructor(private readonly dispatcher: BotDispatcherService) {}

  @On('message')
  async message(@Ctx() ctx: Context): Promise<void> {
    await this.dispatcher.onMessage(ctx);
  }

  @On('callback_query')
  async callbackQuery(@Ctx() ctx: Context): Promise<void> {
    await this.dispatcher.onCallbackQuery(ctx);
  }
}
