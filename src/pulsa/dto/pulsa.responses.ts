import { RupiahProperty } from '../../common/money/rupiah';
import { LinkInvitationResponse } from '../../telegram/dto/link-invitation.response';
import type { AgentSummary } from '../agent-queries.service';
import type { RegisteredAgent } from '../agents.service';
import type { Operator } from '../operators';
import type { DailyReport } from '../pulsa-report.service';
import type { Product, PulsaTransaction, PurchaseChannel, SupplierName, TransactionStatus } from '../pulsa.types';
import type { AgentTransaction } from '../transactions.store';

// Amounts are strings of whole rupiah: JSON numbers cannot carry every bigint.

export class ProductResponse {
  /** @example "T10" */
  code!: string;
  /** @example "Telkomsel 10.000" */
  name!: string;
  /** @example "telkomsel" */
  operator!: Operator;
  @RupiahProperty({ description: 'Face value' })
  nominal!: string;
  @RupiahProperty({ description: 'What the agent pays' })
  price!: string;

  static of(p: Product): ProductResponse {
    return {
      code: p.code,
      name: p.name,
      operator: p.operator,
      nominal: p.nominal.toString(),
      price: p.price.toString(),
    };
  }
}

export class AdminProductResponse extends ProductResponse {
  /** @example "simulator" */
  supplier!: SupplierName;
  /** @example "xld10" */
  supplierSku!: string;
  @RupiahProperty({ description: 'What Loket pays the supplier' })
  supplierCost!: string;
  active!: boolean;
  createdAt!: Date;
  updatedAt!: Date;

  static ofAdmin(p: Product): AdminProductResponse {
    return {
      ...ProductResponse.of(p),
      supplier: p.supplier,
      supplierSku: p.supplierSku,
      supplierCost: p.supplierCost.toString(),
      active: p.active,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    };
  }
}

export class TransactionResponse {
  id!: string;
  /** What to type in `STATUS.`. @example "T04829137" */
  shortId!: string;
  /** @example "T10" */
  productCode!: string;
  /** @example "telkomsel" */
  operator!: Operator;
  @RupiahProperty()
  nominal!: string;
  /** Normalised to 08…. @example "081234567890" */
  destination!: string;
  /** 1 unless the same product was bought for the same number again. */
  counter!: number;
  @RupiahProperty({ description: 'What the agent pays (held while pending)' })
  price!: string;
  /** @example "pending" */
  status!: TransactionStatus;
  /** The serial number, once successful. */
  sn!: string | null;
  /** Why it failed (or an admin's note). */
  reason!: string | null;
  createdAt!: Date;
  finalisedAt!: Date | null;

  static of(t: PulsaTransaction): TransactionResponse {
    return {
      id: t.id,
      shortId: t.shortId,
      productCode: t.productCode,
      operator: t.operator,
      nominal: t.nominal.toString(),
      destination: t.destination,
      counter: t.counter,
      price: t.price.toString(),
      status: t.status,
      sn: t.sn,
      reason: t.reason,
      createdAt: t.createdAt,
      finalisedAt: t.finalisedAt,
    };
  }
}

export class AdminTransactionResponse extends TransactionResponse {
  agentId!: string;
  /** The buying agent's username. @example "agen_budi" */
  agentUsername!: string;
  /** The buying agent's name. @example "Budi Cell" */
  agentName!: string;
  @RupiahProperty({ description: 'What Loket pays the supplier' })
  cost!: string;
  /** @example "digiflazz" */
  supplier!: SupplierName;
  supplierSku!: string;
  /** The ref_id the supplier knows it by. */
  refId!: string;
  /** The supplier's last response code. @example "03" */
  supplierRc!: string | null;
  supplierMessage!: string | null;
  /** @example "rest" */
  channel!: PurchaseChannel;
  /** When it was handed to the supplier; null if never. */
  sentAt!: Date | null;
  /** Who made it final: supplier, callback, reconciler or admin; null while pending. @example "callback" */
  finalisedBy!: string | null;

  static ofAdmin(t: AgentTransaction): AdminTransactionResponse {
    return {
      ...TransactionResponse.of(t),
      agentId: t.agentId,
      agentUsername: t.agentUsername,
      agentName: t.agentName,
      cost: t.cost.toString(),
      supplier: t.supplier,
      supplierSku: t.supplierSku,
      refId: t.refId,
      supplierRc: t.supplierRc,
      supplierMessage: t.supplierMessage,
      channel: t.channel,
      sentAt: t.sentAt,
      finalisedBy: t.finalisedBy,
    };
  }
}

export class PurchaseResponse extends TransactionResponse {
  @RupiahProperty({ description: 'Your available balance right after the hold' })
  available!: string;
}

export class TransactionPageResponse {
  items!: TransactionResponse[];
  total!: number;
  limit!: number;
  offset!: number;
}

export class AdminTransactionPageResponse {
  items!: AdminTransactionResponse[];
  total!: number;
  limit!: number;
  offset!: number;
}

export class MessageReplyResponse {
  /** What the bot would answer in a chat. @example "T04829137 T10 ke 081234567890 sedang diproses. Harga Rp 10.500. Saldo Rp 89.500." */
  reply!: string;
}

export class AgentResponse {
  /** @example "agen_budi" */
  username!: string;
  name!: string;
  phone!: string | null;
  /** False when an existing user was promoted. */
  created!: boolean;
  hasPin!: boolean;
  /** For the agent to open in their own Telegram; null while the bot is off. */
  telegramLink!: LinkInvitationResponse | null;

  static of(a: RegisteredAgent): AgentResponse {
    return {
      username: a.user.username,
      name: a.user.name,
      phone: a.user.phone,
      created: a.created,
      hasPin: a.hasPin,
      telegramLink: a.telegramLink,
    };
  }
}

export class AgentStateResponse {
  username!: string;
  hasPin!: boolean;
  /** Locked after 5 wrong PINs in a row, until an admin unlocks. */
  locked!: boolean;
}

export class AdminAgentResponse {
  /** @example "agen_budi" */
  username!: string;
  /** @example "Budi Cell" */
  name!: string;
  /** @example "6281234567890" */
  phone!: string | null;
  hasPin!: boolean;
  /** Purchases refused after 5 wrong PINs in a row, until an admin unlocks. */
  locked!: boolean;
  /** Wrong PINs in a row so far. */
  pinFailures!: number;
  @RupiahProperty({ description: 'Wallet balance' })
  balance!: string;
  @RupiahProperty({ description: 'Balance less what pending purchases hold' })
  available!: string;
  /** Whether the account is linked to a Telegram chat. */
  telegramLinked!: boolean;
  /** When the account was made. */
  createdAt!: Date;

  static of(a: AgentSummary): AdminAgentResponse {
    return {
      username: a.username,
      name: a.name,
      phone: a.phone,
      hasPin: a.hasPin,
      locked: a.locked,
      pinFailures: a.pinFailures,
      balance: a.balance.toString(),
      available: a.available.toString(),
      telegramLinked: a.telegramLinked,
      createdAt: a.createdAt,
    };
  }
}

export class AdminAgentPageResponse {
  items!: AdminAgentResponse[];
  total!: number;
  limit!: number;
  offset!: number;
}

export class CallbackAckResponse {
  /** `applied`: it finalised the purchase; `unchanged`: a repeat, still pending, or already final; `unknown_ref`: not one of Loket's. @example "applied" */
  outcome!: 'applied' | 'unchanged' | 'unknown_ref';
}

export class DailyReportRowResponse {
  /** An Asia/Jakarta day. @example "2026-11-22" */
  day!: string;
  /** @example "T10" */
  productCode!: string;
  /** @example "telkomsel" */
  operator!: Operator;
  /** Successful purchases. */
  count!: number;
  @RupiahProperty({ description: 'What agents paid' })
  sales!: string;
  @RupiahProperty({ description: 'What the supplier is owed' })
  cost!: string;
  @RupiahProperty({ description: 'sales - cost (negative when sold below cost)' })
  margin!: string;
}

export class DailyReportTotalsResponse {
  count!: number;
  @RupiahProperty()
  sales!: string;
  @RupiahProperty()
  cost!: string;
  @RupiahProperty()
  margin!: string;
}

export class DailyReportResponse {
  /** @example "2026-11-01" */
  from!: string;
  /** @example "2026-11-30" */
  to!: string;
  /** @example "Asia/Jakarta" */
  timeZone!: string;
  rows!: DailyReportRowResponse[];
  totals!: DailyReportTotalsResponse;

  static of(report: DailyReport): DailyReportResponse {
    const money = (v: bigint) => v.toString();
    const totals = { count: 0, sales: 0n, cost: 0n };
    for (const row of report.rows) {
      totals.count += row.count;
      totals.sales += row.sales;
      totals.cost += row.cost;
    }
    return {
      from: report.from,
      to: report.to,
      timeZone: report.timeZone,
      rows: report.rows.map((r) => ({
        day: r.day,
        productCode: r.productCode,
        operator: r.operator,
        count: r.count,
        sales: money(r.sales),
        cost: money(r.cost),
        margin: money(r.sales - r.cost),
      })),
      totals: {
        count: totals.count,
        sales: money(totals.sales),
        cost: money(totals.cost),
        margin: money(totals.sales - totals.cost),
      },
    };
  }
}
