import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { formatRupiah } from '../common/money/rupiah';
import { OutboxService } from '../telegram/outbox.service';
import { TelegramLinksService } from '../telegram/telegram-links.service';
import { User } from '../users/entities/user.entity';
import { Bill } from './entities/bill.entity';

/**
 * Tells the other party in their linked Telegram chat. Written to the outbox in the transaction
 * that moves the money, so a rolled-back payment announces nothing.
 */
@Injectable()
export class WalletNotifier {
  constructor(
    private readonly links: TelegramLinksService,
    private readonly outbox: OutboxService,
  ) {}

  moneyReceived(manager: EntityManager, recipient: User, sender: User, amount: bigint, description?: string | null) {
    const note = description ? ` (${description})` : '';
    return this.tell(manager, recipient, `Anda menerima ${formatRupiah(amount)} dari ${sender.username}${note}.`);
  }

  billReceived(manager: EntityManager, bill: Bill, sender: User, payer: User) {
    return this.tell(
      manager,
      payer,
      `Tagihan baru dari ${sender.username}: ${bill.name}, ${formatRupiah(bill.amount)} (kode ${bill.code}). Ketik /tagihan untuk membayar.`,
    );
  }

  billPaid(manager: EntityManager, bill: Bill, payer: User, sender: User) {
    return this.tell(
      manager,
      sender,
      `Tagihan ${bill.code} (${bill.name}) sebesar ${formatRupiah(bill.amount)} sudah dibayar oleh ${payer.username}.`,
    );
  }

  private async tell(manager: EntityManager, user: User, text: string): Promise<void> {
    const chatId = await this.links.chatOf(manager, user.id);
    if (chatId !== null) await this.outbox.sendMessage(manager, chatId, { text });
  }
}
