import { RupiahProperty } from '../../common/money/rupiah';
import { IssuedOtp } from '../../otp/otp.types';
import { AccountBalance } from '../../ledger/ledger.types';
import { Bill, BillStatus } from '../entities/bill.entity';
import { WalletTransfer } from '../entities/wallet-transfer.entity';
import { HistoryItem } from '../history.service';
import { HistoryCategory } from './wallet.dto';

// Amounts are strings of whole rupiah: JSON numbers cannot carry every bigint.

export class WalletResponse {
  /** @example "250000" */
  @RupiahProperty()
  balance!: string;
  /** Reserved by purchases still in progress. @example "0" */
  @RupiahProperty()
  held!: string;
  /** What you can spend now. @example "250000" */
  @RupiahProperty()
  available!: string;
  /** @example "IDR" */
  currency!: 'IDR';

  static of(b: AccountBalance): WalletResponse {
    return {
      balance: b.balance.toString(),
      held: b.held.toString(),
      available: b.available.toString(),
      currency: 'IDR',
    };
  }
}

export class OtpChallengeResponse {
  challengeId!: string;
  expiresAt!: Date;
  /** Where the code went. @example "log" */
  channel!: 'telegram' | 'log' | 'response';
  /** Only with OTP_DELIVERY=response. @example "042917" */
  code?: string;

  static of(o: IssuedOtp): OtpChallengeResponse {
    return { ...o };
  }
}

export class TransferResponse {
  /** The transfer's id, which is also its ledger journal's (the `journalId` of its history items). */
  id!: string;
  /** Sender username. @example "siti_n" */
  from!: string;
  /** @example "budi" */
  to!: string;
  /** @example "50000" */
  @RupiahProperty()
  amount!: string;
  description!: string | null;
  createdAt!: Date;
  /** The sender's balance right after. @example "200000" */
  @RupiahProperty()
  balanceAfter!: string;

  static of(t: WalletTransfer): TransferResponse {
    return {
      id: t.id,
      from: t.fromUser.username,
      to: t.toUser.username,
      amount: t.amount.toString(),
      description: t.description,
      createdAt: t.createdAt,
      balanceAfter: t.balanceAfter.toString(),
    };
  }
}

export class TransferPageResponse {
  items!: TransferResponse[];
  total!: number;
  limit!: number;
  offset!: number;
}

export class BillResponse {
  /** @example "7KQ2M9X4PZ" */
  code!: string;
  /** @example "Iuran arisan November" */
  name!: string;
  description!: string | null;
  /** @example "75000" */
  @RupiahProperty()
  amount!: string;
  /** Who asked for the money. */
  from!: string;
  /** Who should pay. */
  to!: string;
  /** @example "unpaid" */
  status!: BillStatus;
  createdAt!: Date;
  resolvedAt!: Date | null;

  static of(b: Bill): BillResponse {
    return {
      code: b.code,
      name: b.name,
      description: b.description,
      amount: b.amount.toString(),
      from: b.fromUser.username,
      to: b.toUser.username,
      status: b.status,
      createdAt: b.createdAt,
      resolvedAt: b.resolvedAt,
    };
  }
}

export class BillPageResponse {
  items!: BillResponse[];
  total!: number;
  limit!: number;
  offset!: number;
}

export class CounterpartyResponse {
  username!: string;
  name!: string;
}

export class HistoryItemResponse {
  id!: string;
  journalId!: string;
  /** @example "transfer" */
  category!: HistoryCategory;
  /** @example "out" */
  direction!: 'in' | 'out';
  /** @example "50000" */
  @RupiahProperty()
  amount!: string;
  /** @example "200000" */
  @RupiahProperty({ nullable: true })
  balanceAfter!: string | null;
  /** The other user; null when it was Loket itself (top-up, purchase, adjustment). */
  counterparty!: CounterpartyResponse | null;
  description!: string | null;
  reference!: string | null;
  createdAt!: Date;

  static of(h: HistoryItem): HistoryItemResponse {
    return { ...h, amount: h.amount.toString(), balanceAfter: h.balanceAfter?.toString() ?? null };
  }
}

export class HistoryPageResponse {
  items!: HistoryItemResponse[];
  /** Pass as `cursor` for older items; null on the last page. */
  nextCursor!: string | null;
}
