import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { formatRupiah, parseRupiah } from '../common/money/rupiah';
import { BotRegistry } from '../telegram/bot/bot-registry';
import { BotRequest, ChatRole } from '../telegram/bot/bot-request';
import { User } from '../users/entities/user.entity';
import { BillService } from './bill.service';
import { HistoryService } from './history.service';
import { TopupService } from './topup.service';
import { TransferService } from './transfer.service';
import { WalletService } from './wallet.service';

const LINKED: ChatRole[] = ['customer', 'agent', 'admin'];
const CONFIRM_MINUTES = 10;
const WIB_OFFSET_MS = 7 * 3600_000;

interface PendingTransfer {
  nonce: string;
  to: string;
  amount: string;
  expiresAt: number;
}

/** The wallet in Telegram for linked users: /saldo, /riwayat, /transfer (confirmed with a button), /tagihan. */
@Injectable()
export class WalletBot implements OnModuleInit {
  constructor(
    private readonly registry: BotRegistry,
    private readonly wallet: WalletService,
    private readonly history: HistoryService,
    private readonly transfers: TransferService,
    private readonly bills: BillService,
    private readonly topups: TopupService,
  ) {}

  onModuleInit(): void {
    this.registry.command({
      name: 'saldo',
      aliases: [/^cek\s*saldo$/i],
      description: 'Lihat saldo (atau ketik Cek Saldo)',
      roles: LINKED,
      handle: (request) => this.balance(request),
    });
    this.registry.command({
      name: 'riwayat',
      description: '10 transaksi terakhir',
      roles: LINKED,
      handle: (request) => this.recent(request),
    });
    this.registry.command({
      name: 'transfer',
      usage: '<username> <jumlah>',
      description: 'Kirim uang ke pengguna lain',
      roles: LINKED,
      handle: (request, args) => this.askTransfer(request, args),
    });
    this.registry.command({
      name: 'topup',
      usage: '<jumlah>',
      description: 'Isi saldo lewat Midtrans (transfer bank, e-wallet, QRIS, kartu)',
      roles: LINKED,
      handle: (request, args) => this.topup(request, args),
    });
    this.registry.command({
      name: 'tagihan',
      description: 'Tagihan yang belum Anda bayar',
      roles: LINKED,
      handle: (request) => this.unpaidBills(request),
    });
    this.registry.action({
      prefix: 'tf',
      roles: LINKED,
      handle: (request, data) => this.confirmTransfer(request, data),
    });
    this.registry.action({ prefix: 'bill', roles: LINKED, handle: (request, data) => this.payBill(request, data) });
  }

  private async balance(request: BotRequest): Promise<void> {
    const balance = await this.wallet.balance(request.user!);
    const held = balance.held > 0n ? `\nSedang diproses: ${formatRupiah(balance.held)}` : '';
    await request.reply(`Saldo Anda: ${formatRupiah(balance.available)}${held}`);
  }

  private async recent(request: BotRequest): Promise<void> {
    const { items } = await this.history.list(request.user!, { limit: 10 });
    if (items.length === 0) return request.reply('Belum ada transaksi.');
    const lines = items.map((item) => {
      const sign = item.direction === 'in' ? '+' : '-';
      const who = item.counterparty ? ` ${item.direction === 'in' ? 'dari' : 'ke'} ${item.counterparty.username}` : '';
      const when = item.createdAt.toISOString().slice(0, 16).replace('T', ' ');
      return `${when} ${sign}${formatRupiah(item.amount)} ${item.category}${who}`;
    });
    await request.reply(`10 transaksi terakhir:\n${lines.join('\n')}`);
  }

  private async askTransfer(request: BotRequest, args: string): Promise<void> {
    const [to, amountText, ...rest] = args.split(/\s+/);
    const amount = parseRupiah(amountText?.replace(/\./g, ''));
    if (!to || amount === null || amount <= 0n || rest.length > 0) {
      return request.reply('Cara pakai: /transfer <username> <jumlah>, misalnya /transfer budi 50000');
    }
    const pending: PendingTransfer = {
      nonce: randomBytes(6).toString('hex'),
      to: to.toLowerCase(),
      amount: amount.toString(),
      expiresAt: Date.now() + CONFIRM_MINUTES * 60_000,
    };
    await request.session.set('transfer', pending);
    await request.reply({
      text: `Kirim ${formatRupiah(amount)} ke ${pending.to}?`,
      buttons: [
        [
          { text: 'Ya, kirim', data: `tf:ok:${pending.nonce}` },
          { text: 'Batal', data: `tf:no:${pending.nonce}` },
        ],
      ],
    });
  }

  private async confirmTransfer(request: BotRequest, data: string): Promise<string> {
    const [, answer, nonce] = data.split(':');
    const pending = await request.session.get<PendingTransfer>('transfer');
    if (!pending || pending.nonce !== nonce || pending.expiresAt < Date.now()) {
      return 'Konfirmasi ini sudah tidak berlaku.';
    }
    await request.session.clear('transfer');
    if (answer !== 'ok') {
      await request.reply('Transfer dibatalkan.');
      return 'Dibatalkan';
    }
    const transfer = await this.transfers.transferInChat(
      request.manager,
      request.user!,
      pending.to,
      BigInt(pending.amount),
    );
    await request.reply(
      `Terkirim ${formatRupiah(transfer.amount)} ke ${pending.to}. Saldo Anda: ${formatRupiah(transfer.balanceAfter)}.`,
    );
    return 'Terkirim';
  }

  // Snap is called outside the payment's own transaction (its row is committed first); this
  // update's transaction only waits for the answer, bounded by MIDTRANS_TIMEOUT_MS.
  private async topup(request: BotRequest, args: string): Promise<void> {
    const amount = parseRupiah(args.replace(/\./g, ''));
    if (!args || amount === null || amount <= 0n) {
      return request.reply('Cara pakai: /topup <jumlah>, misalnya /topup 50000');
    }
    const user = request.user!;
    // The checkout calls Midtrans, which must not happen inside this update's transaction.
    request.afterCommit(async (reply) => {
      const { payment, redirectUrl } = await this.topups.start(user, amount);
      const until = new Date(payment.expiresAt.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
      await reply(
        `Bayar top up ${formatRupiah(amount)} di tautan ini:\n${redirectUrl}\nBerlaku sampai ${until} WIB. Saldo bertambah begitu pembayaran diterima.`,
      );
    });
  }

  private async unpaidBills(request: BotRequest): Promise<void> {
    const page = await this.bills.list(request.user!, {
      direction: 'incoming',
      status: 'unpaid',
      limit: 10,
      offset: 0,
    });
    if (page.items.length === 0) return request.reply('Tidak ada tagihan yang belum dibayar.');
    for (const bill of page.items) {
      await request.reply({
        text: `${bill.name} dari ${bill.fromUser.username}: ${formatRupiah(bill.amount)} (kode ${bill.code})`,
        buttons: [[{ text: `Bayar ${formatRupiah(bill.amount)}`, data: `bill:pay:${bill.code}` }]],
      });
    }
  }

  private async payBill(request: BotRequest, data: string): Promise<string> {
    const code = data.split(':')[2] ?? '';
    const bill = await this.bills.payInChat(request.manager, request.user as User, code);
    const balance = await this.wallet.balance(request.user!, request.manager);
    await request.reply(
      `Tagihan ${bill.code} (${bill.name}) sudah dibayar. Saldo Anda: ${formatRupiah(balance.available)}.`,
    );
    return 'Dibayar';
  }
}
