import { Injectable, OnModuleInit } from '@nestjs/common';
import { TelegramLinksService } from '../telegram-links.service';
import { BotRegistry } from './bot-registry';
import { ChatRole } from './bot-request';

const EVERYONE: ChatRole[] = ['guest', 'customer', 'agent', 'admin'];
const LINKED: ChatRole[] = ['customer', 'agent', 'admin'];

/** /start (with or without a link code), /help and Bantuan, /unlink. */
@Injectable()
export class CoreCommands implements OnModuleInit {
  constructor(
    private readonly registry: BotRegistry,
    private readonly links: TelegramLinksService,
  ) {}

  onModuleInit(): void {
    this.registry.command({
      name: 'start',
      description: 'Mulai, atau hubungkan akun Loket dengan kode dari aplikasi',
      roles: EVERYONE,
      handle: async (request, code) => {
        if (!code) {
          return request.reply(`Selamat datang di Loket!\n\n${this.registry.helpFor(request.role)}`);
        }
        // A deep link may name a command (t.me/<bot>?start=order from the shop's page); link codes never do.
        const named = this.registry.findCommand(`/${code}`);
        if (named && named.command.name !== 'start' && named.command.roles.includes(request.role)) {
          return named.command.handle(request, '');
        }
        const user = await this.links.link(request.manager, code, request.chatId, request.from);
        await request.reply(
          `Akun Loket ${user.username} sudah terhubung dengan chat ini.\n\n${this.registry.helpFor(user.role)}`,
        );
      },
    });
    this.registry.command({
      name: 'help',
      aliases: [/^bantuan$/i],
      description: 'Daftar perintah (atau ketik Bantuan)',
      roles: EVERYONE,
      // Greets by Telegram name, as the repair shop's bot in the source document did.
      handle: (request) =>
        request.reply(
          `Hallo ${request.from.first_name ?? request.from.username ?? 'Kak'}. Selamat datang di layanan Loket.\n\n` +
            this.registry.helpFor(request.role),
        ),
    });
    this.registry.command({
      name: 'unlink',
      description: 'Putuskan chat ini dari akun Loket Anda',
      roles: LINKED,
      handle: async (request) => {
        await this.links.unlink(request.manager, request.chatId);
        await request.reply('Chat ini sudah tidak terhubung dengan akun Loket Anda.');
      },
    });
  }
}
