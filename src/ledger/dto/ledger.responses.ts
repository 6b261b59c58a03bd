import { RupiahProperty } from '../../common/money/rupiah';
import type { AccountView, EntryPage, EntryView, JournalView } from '../ledger-query.service';

// Money leaves the API as strings of digits: JSON numbers cannot carry every bigint.

export class AccountResponse {
  /** @example "wallet:5f0c6c1e-8a4b-4a57-9a3c-1d2f3e4a5b6c" */
  code!: string;
  ownerType!: 'user' | 'system';
  ownerId!: string | null;
  /** The owning user's username; null for system accounts. @example "siti_n" */
  ownerUsername!: string | null;
  /** @example "IDR" */
  currency!: 'IDR';
  allowNegative!: boolean;
  /** Posted balance. @example "250000" */
  @RupiahProperty()
  balance!: string;
  /** Reserved by pending holds. @example "0" */
  @RupiahProperty()
  held!: string;
  /** balance - held. @example "250000" */
  @RupiahProperty()
  available!: string;
  createdAt!: Date;

  static of(a: AccountView): AccountResponse {
    return {
      code: a.code,
      ownerType: a.ownerType,
      ownerId: a.ownerId,
      ownerUsername: a.ownerUsername,
      currency: a.currency,
      allowNegative: a.allowNegative,
      balance: a.balance.toString(),
      held: a.held.toString(),
      available: a.available.toString(),
      createdAt: a.createdAt,
    };
  }
}

export class AccountPageResponse {
  items!: AccountResponse[];
  total!: number;
  limit!: number;
  offset!: number;
}

export class EntryResponse {
  id!: string;
  journalId!: string;
  /** @example "transfer" */
  kind!: string;
  reference!: string | null;
  /** Signed: negative left the account. @example "-50000" */
  @RupiahProperty()
  amount!: string;
  /** Null on system accounts, whose balance is the sum of their entries. */
  @RupiahProperty({ nullable: true })
  balanceAfter!: string | null;
  counterparties!: string[];
  createdAt!: Date;

  static of(e: EntryView): EntryResponse {
    return {
      id: e.id,
      journalId: e.journalId,
      kind: e.kind,
      reference: e.reference,
      amount: e.amount.toString(),
      balanceAfter: e.balanceAfter?.toString() ?? null,
      counterparties: e.counterparties,
      createdAt: e.createdAt,
    };
  }
}

export class EntryPageResponse {
  items!: EntryResponse[];
  nextCursor!: string | null;

  static of(page: EntryPage): EntryPageResponse {
    return { items: page.items.map((e) => EntryResponse.of(e)), nextCursor: page.nextCursor };
  }
}

export class JournalEntryResponse {
  account!: string;
  @RupiahProperty()
  amount!: string;
  @RupiahProperty({ nullable: true })
  balanceAfter!: string | null;
}

export class JournalResponse {
  id!: string;
  kind!: string;
  idempotencyScope!: string;
  idempotencyKey!: string | null;
  reference!: string | null;
  metadata!: Record<string, unknown>;
  reversesJournalId!: string | null;
  reversedByJournalId!: string | null;
  createdAt!: Date;
  entries!: JournalEntryResponse[];

  static of(j: JournalView): JournalResponse {
    return {
      ...j,
      entries: j.entries.map((e) => ({
        account: e.account,
        amount: e.amount.toString(),
        balanceAfter: e.balanceAfter?.toString() ?? null,
      })),
    };
  }
}

export class VerifyProblemResponse {
  /** @example "cached_balance_matches_entries" */
  check!: string;
  subject!: string;
  detail!: string;
}

export class VerifyResponse {
  ok!: boolean;
  accounts!: number;
  journals!: number;
  entries!: number;
  problems!: VerifyProblemResponse[];
}
