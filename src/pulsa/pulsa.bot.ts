import { Injectable, OnModuleInit } from '@nestjs/common';
import { BotRegistry } from '../telegram/bot/bot-registry';
import { BotRequest, ChatRole } from '../telegram/bot/bot-request';
import { TelegramLinksService } from '../telegram/telegram-links.service';
import { COMMAND_FORMATS } from './command-parser';
import { PulsaCommandsService } from './pulsa-commands.service';
import { NOT_AN_AGENT_TEXT } from './pulsa-replies';

const EVERYONE: ChatRole[] = ['guest', 'customer', 'agent', 'admin'];

/**
 * Texts shaped like reseller commands (`T10.0812…`, `SAL`, `HARGA.XL`, …). Bantuan and Cek Saldo
 * are the core and wallet commands' already, and answer agents as well.
 */
export const PULSA_TEXT = /^(?:[a-z][a-z0-9]*(?:\.[^\s.]+)+|sal|s|harga|h)$/i;

/** The pulsa commands in Telegram: the same parser and services as POST /api/pulsa/messages. */
@Injectable()
export class PulsaBot implements OnModuleInit {
  constructor(
    private readonly registry: BotRegistry,
    private readonly commands: PulsaCommandsService,
    private readonly links: TelegramLinksService,
  ) {}

  onModuleInit(): void {
    const [buy, ...others] = COMMAND_FORMATS;
    const [usage, description] = buy.split(' - ');
    this.registry.pattern({
      pattern: PULSA_TEXT,
      usage,
      // /help lists one line per pattern; the other formats follow it on lines of their own.
      description: [description, ...others].join('\n'),
      roles: EVERYONE,
      handle: (request, match) => this.handle(request, match[0]),
    });
  }

  private async handle(request: BotRequest, text: string): Promise<void> {
    const group = request.chatId < 0;
    const agent = group ? await this.links.userOfSender(request.manager, request.from.id) : request.user;
    if (!agent || agent.role !== 'agent') return request.reply(NOT_AN_AGENT_TEXT);
    // Purchases commit on their own and deposits call Midtrans: both after this update commits.
    request.afterCommit(async (reply) => {
      const answer = await this.commands.answer(agent, text, { channel: 'chat', group });
      await reply(answer.text);
      answer.followUp?.();
    });
  }
}
