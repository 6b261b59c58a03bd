import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { requestHash } from '../common/hash/request-hash';
import type { ResolvedConfig } from '../config/loket.config';
import { IdempotencyConflictError } from '../ledger/ledger.errors';
import { LedgerService } from '../ledger/ledger.service';
import { SystemAccount, walletAccountCode } from '../ledger/ledger.types';
import { uniqueViolation } from '../database/unique-violation';
import { AgentPinsService } from './agent-pins.service';
import { CatalogueService } from './catalogue.service';
import { normaliseDestination, Operator, OPERATOR_NAMES, operatorOf } from './operators';
import {
  DuplicatePurchaseError,
  InvalidDestinationError,
  ProductInactiveError,
  ProductNotFoundError,
  WrongOperatorError,
} from './pulsa.errors';
import type { Product, PulsaTransaction, PurchaseRequest } from './pulsa.types';
import { toTransaction, TransactionRow } from './transactions.store';

/** A re-check waits at least this long after the send: Digiflazz wants status checks a minute apart. */
export const FIRST_CHECK_SECONDS = 60;

export interface PlacedPurchase {
  transaction: PulsaTransaction;
  /** The agent's available balance right after the hold. */
  available: bigint;
  /** True when an earlier request with the same Idempotency-Key made it. */
  replayed: boolean;
}

/** One row of pulsa_place (PulsaPurchaseFunctions migration): the purchase's columns are set for ok and replayed. */
type PlaceRow = TransactionRow & {
  outcome: 'ok' | 'replayed' | 'idempotency_conflict' | 'duplicate' | 'product' | 'pin';
  earlier: string | null;
  available: string | null;
};

interface NewPurchase {
  id: string;
  agentId: string;
  productCode: string;
  /** The number's operator, if its prefix has one. */
  operator: Operator | null;
  destination: string;
  counter: number;
  request: PurchaseRequest;
}

/**
 * Creates a purchase: checks the product, the number and the PIN, refuses duplicates, then
 * commits the transaction row (with its ref_id and the price snapshot) and a hold of the agent
 * price, all in one call of pulsa_place when nothing is refused. Nothing here calls the supplier (PurchaseDispatcher does, afterwards).
 */
@Injectable()
export class PurchaseService {
  private readonly windowSeconds: number;

  constructor(
    private readonly catalogue: CatalogueService,
    private readonly pins: AgentPinsService,
    private readonly ledger: LedgerService,
    config: ConfigService<ResolvedConfig, true>,
  ) {
    this.windowSeconds = config.get('pulsa', { infer: true }).duplicateWindowSeconds;
  }

  async place(agentId: string, request: PurchaseRequest): Promise<PlacedPurchase> {
    const productCode = request.productCode.toUpperCase();
    const destination = normaliseDestination(request.destination);
    if (!destination) {
      // A product that cannot be sold is named first, as when the number is fine.
      await this.product(productCode);
      throw new InvalidDestinationError();
    }
    const purchase: NewPurchase = {
      id: randomUUID(),
      agentId,
      productCode,
      operator: operatorOf(destination),
      destination,
      counter: request.counter ?? 1,
      request,
    };
    let pinChecked = false;
    for (;;) {
      const row = await this.insert(purchase, pinChecked);
      switch (row.outcome) {
        case 'product':
          // Not for sale to this number: the rules below say why. If they find nothing (an admin
          // changed the product meanwhile), try again with the product as it is now.
          this.checkOperator(await this.product(productCode), destination);
          break;
        case 'pin':
          // A wrong, missing or needless PIN, wrong tries before, a lock: the PIN rules count a wrong
          // try and throw the refusal, or clear the wrong tries before a right PIN.
          await this.pins.verify(agentId, request.pin);
          pinChecked = true;
          break;
        case 'idempotency_conflict':
          throw new IdempotencyConflictError(request.idempotencyKey!);
        case 'duplicate':
          throw new DuplicatePurchaseError(row.earlier!, purchase.counter);
        default:
          return {
            transaction: toTransaction(row),
            available: BigInt(row.available!),
            replayed: row.outcome === 'replayed',
          };
      }
    }
  }

  private async product(code: string): Promise<Product> {
    const product = await this.catalogue.find(code);
    if (!product) throw new ProductNotFoundError(code);
    if (!product.active) throw new ProductInactiveError(product.code);
    return product;
  }

  private checkOperator(product: Product, destination: string): void {
    const numberOperator = operatorOf(destination);
    if (numberOperator !== product.operator) {
      throw new WrongOperatorError(
        destination,
        OPERATOR_NAMES[product.operator],
        numberOperator && OPERATOR_NAMES[numberOperator],
      );
    }
  }

  /** pulsa_place: the row and the hold, or the outcome that refuses them. */
  private async insert(purchase: NewPurchase, pinChecked: boolean): Promise<PlaceRow> {
    const { id, agentId, productCode, destination, counter, request } = purchase;
    const key = request.idempotencyKey ?? null;
    try {
      const [row] = await this.ledger.execute<PlaceRow>(
        `SELECT r.outcome, r.earlier, r.available::text, (r.purchase).*
           FROM pulsa_place($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) r`,
        [
          id,
          agentId,
          productCode,
          purchase.operator,
          destination,
          counter,
          request.pin === undefined ? null : this.pins.hash(agentId, request.pin),
          pinChecked,
          this.windowSeconds,
          key,
          key && requestHash({ productCode, destination, counter }),
          request.channel,
          FIRST_CHECK_SECONDS,
          walletAccountCode(agentId),
          SystemAccount.supplierPayable,
        ],
      );
      return row;
    } catch (error) {
      // Two requests with one Idempotency-Key at once: the loser answers with the winner's purchase.
      if (key && uniqueViolation(error) === 'pulsa_transactions_idempotency_key')
        return this.insert(purchase, pinChecked);
      throw error;
    }
  }
}
