import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { formatRupiah } from '../common/money/rupiah';
import { OutboxService, OutgoingMessage } from '../telegram/outbox.service';
import { User } from '../users/entities/user.entity';
import { Bill } from './entities/bill.entity';

/**
 * Tells the other party in their linked Telegram chat. Written to the outbox in the transaction
 * that moves the money, so a rolled-back payment announces nothing.
 */
@Injectable()
export class WalletNotifier {
  constructor(private readonly outbox: OutboxService) {}

  /** The recipient's message for a transfer; wallet_transfer queues it in the call that moves the money. */
  moneyReceived(sender: User, amount: bigint, description?: string | null): OutgoingMessage {
    const note = description ? ` (${description})` : '';
    return { text: `Anda menerima ${formatRupiah(amount)} dari ${sender.username}${note}.` };
  }

  /** After a call that queued a message itself (see moneyReceived). */
  queued(): void {
    this.outbox.wake();
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
    await this.outbox.notifyUser(manager, user.id, { text });
  }
}
