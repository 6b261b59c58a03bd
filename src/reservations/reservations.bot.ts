import { Injectable, OnModuleInit } from '@nestjs/common';
import { formatRupiah } from '../common/money/rupiah';
import { BotRegistry } from '../telegram/bot/bot-registry';
import { BotRequest, ChatRole } from '../telegram/bot/bot-request';
import { CatalogueService } from './catalogue.service';
import { ACTION, ORDER_SESSION, OrderState, OrderWizard } from './order-wizard';
import { ReservationsStore } from './reservations.store';
import { StatusLinks } from './status-links';

const EVERYONE: ChatRole[] = ['guest', 'customer', 'agent', 'admin'];
const NOT_FOUND = 'Maaf, kode booking tidak ditemukan.';

/** The repair shop in Telegram, for everyone: /catalog, /order (the wizard), /status, /cancel. */
@Injectable()
export class ReservationsBot implements OnModuleInit {
  constructor(
    private readonly registry: BotRegistry,
    private readonly catalogue: CatalogueService,
    private readonly wizard: OrderWizard,
    private readonly store: ReservationsStore,
    private readonly links: StatusLinks,
  ) {}

  onModuleInit(): void {
    this.registry.command({
      name: 'order',
      description: 'Reservasi servis gadget',
      roles: EVERYONE,
      handle: (request) => this.wizard.start(request),
    });
    this.registry.command({
      name: 'catalog',
      description: 'Layanan yang tersedia dan harganya',
      roles: EVERYONE,
      handle: (request) => this.showCatalogue(request),
    });
    this.registry.command({
      name: 'status',
      usage: '[kode booking]',
      description: 'Cek pembayaran dan status perbaikan',
      roles: EVERYONE,
      handle: (request, code) => (code ? this.status(request, code) : this.askCode(request)),
    });
    this.registry.command({
      name: 'cancel',
      description: 'Keluar dari pemesanan yang sedang berjalan',
      roles: EVERYONE,
      handle: (request) => this.cancel(request),
    });
    this.registry.pattern({
      pattern: /^\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}$/,
      usage: '05/12/2026',
      description: 'tanggal booking (saat /order)',
      roles: EVERYONE,
      handle: (request, match) => this.typedDate(request, match[0].replace(/\s/g, '')),
    });
    this.registry.pattern({
      pattern: /^\d{8}$/,
      usage: '12345678',
      description: 'kode booking: link status',
      roles: EVERYONE,
      handle: (request, match) => this.status(request, match[0]),
    });
    this.registry.action({
      prefix: ACTION,
      roles: EVERYONE,
      handle: async (request, data) =>
        this.wizard.pressed(request, await request.session.get<OrderState>(ORDER_SESSION), data),
    });
  }

  private async showCatalogue(request: BotRequest): Promise<void> {
    const { models, parts, prices, slots } = await this.catalogue.catalogue();
    const lines = models
      .map((model) => {
        const offered = prices
          .filter((p) => p.model === model.code)
          .map((p) => `  - ${parts.find((part) => part.code === p.part)!.name}: ${formatRupiah(p.price)}`);
        return offered.length ? `${model.name}\n${offered.join('\n')}` : '';
      })
      .filter(Boolean);
    const hours = slots.map((s) => `  ${s.label}`).join('\n');
    await request.reply(
      `Katalog servis:\n\n${lines.join('\n\n')}\n\nJam servis:\n${hours}\n\nKetik /order untuk reservasi.`,
    );
  }

  private async typedDate(request: BotRequest, text: string): Promise<void> {
    const state = await request.session.get<OrderState>(ORDER_SESSION);
    if (state?.step !== 'date') return request.reply('Ketik /order untuk mulai reservasi.');
    await this.wizard.typedDate(request, state, text);
  }

  private async askCode(request: BotRequest): Promise<void> {
    // /status replaces an /order in progress: the chat answers one question at a time.
    await request.session.set(ORDER_SESSION, { step: 'status', nonce: 'status' } satisfies OrderState);
    await request.reply('Silahkan masukan kode booking :');
  }

  /** The status link, only to the chat that booked; any other chat is told the code is unknown. */
  private async status(request: BotRequest, code: string): Promise<void> {
    const state = await request.session.get<OrderState>(ORDER_SESSION);
    if (state?.step === 'status') await request.session.clear(ORDER_SESSION);
    const booking = /^\d{8}$/.test(code) ? await this.store.findForChat(code, request.chatId) : null;
    if (!booking) return request.reply(NOT_FOUND);
    await request.reply(`Berikut link status :\n${this.links.url(booking)}`);
  }

  private async cancel(request: BotRequest): Promise<void> {
    const state = await request.session.get<OrderState>(ORDER_SESSION);
    if (!state) return request.reply('Tidak ada pemesanan yang sedang berjalan. Ketik /order untuk reservasi.');
    await this.wizard.leave(request, 'Pemesanan dihentikan. Ketik /order untuk mulai lagi.');
  }
}
