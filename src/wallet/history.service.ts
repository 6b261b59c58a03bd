import { Injectable } from '@nestjs/common';
import { LedgerQueryService } from '../ledger/ledger-query.service';
import { JournalKind, walletAccountCode } from '../ledger/ledger.types';
import { User } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { HistoryCategory } from './dto/wallet.dto';

const CATEGORY_OF_KIND: Record<JournalKind, HistoryCategory> = {
  transfer: 'transfer',
  bill_payment: 'bill',
  topup: 'topup',
  deposit: 'topup',
  pulsa_purchase: 'pulsa',
  reservation_payment: 'reservation',
  refund: 'refund',
  reversal: 'refund',
  adjustment: 'adjustment',
};

const kindsOf = (category: HistoryCategory) =>
  Object.entries(CATEGORY_OF_KIND)
    .filter(([, c]) => c === category)
    .map(([kind]) => kind);

export interface HistoryItem {
  id: string;
  journalId: string;
  category: HistoryCategory;
  direction: 'in' | 'out';
  /** Always positive; `direction` says which way it went. */
  amount: bigint;
  balanceAfter: bigint | null;
  /** The other user, or null when the other side is Loket itself (top-ups, purchases, adjustments). */
  counterparty: { username: string; name: string } | null;
  description: string | null;
  reference: string | null;
  createdAt: Date;
}

/** A user's own wallet history: every ledger movement of their wallet, newest first. */
@Injectable()
export class HistoryService {
  constructor(
    private readonly ledger: LedgerQueryService,
    private readonly users: UsersService,
  ) {}

  async list(user: User, query: { limit: number; cursor?: string; category?: HistoryCategory }) {
    const page = await this.ledger.entries(walletAccountCode(user.id), {
      limit: query.limit,
      cursor: query.cursor,
      kinds: query.category ? kindsOf(query.category) : undefined,
    });
    const walletOwners = page.items.flatMap((e) =>
      e.counterparties.filter((c) => c.startsWith('wallet:')).map((c) => c.slice('wallet:'.length)),
    );
    const owners = new Map((await this.users.findByIds(walletOwners)).map((u) => [u.id, u]));
    const items: HistoryItem[] = page.items.map((entry) => {
      const other = entry.counterparties.find((c) => c.startsWith('wallet:'));
      const owner = other ? owners.get(other.slice('wallet:'.length)) : undefined;
      const meta = entry.metadata;
      const text = [meta.description, meta.name, meta.reason].find((v) => typeof v === 'string');
      return {
        id: entry.id,
        journalId: entry.journalId,
        category: CATEGORY_OF_KIND[entry.kind as JournalKind] ?? 'adjustment',
        direction: entry.amount < 0n ? 'out' : 'in',
        amount: entry.amount < 0n ? -entry.amount : entry.amount,
        balanceAfter: entry.balanceAfter,
        counterparty: owner ? { username: owner.username, name: owner.name } : null,
        description: text ?? null,
        reference: entry.reference,
        createdAt: entry.createdAt,
      };
    });
    return { items, nextCursor: page.nextCursor };
  }
}
