import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { requestHash } from '../common/hash/request-hash';
import type { ResolvedConfig } from '../config/loket.config';
import { IdempotencyConflictError } from '../ledger/ledger.errors';
import { LedgerQueryService } from '../ledger/ledger-query.service';
import { LedgerService } from '../ledger/ledger.service';
import { SystemAccount, walletAccountCode } from '../ledger/ledger.types';
import { uniqueViolation } from '../database/unique-violation';
import { AgentPinsService } from './agent-pins.service';
import { CatalogueService } from './catalogue.service';
import { normaliseDestination, OPERATOR_NAMES, operatorOf } from './operators';
import {
  DuplicatePurchaseError,
  InvalidDestinationError,
  ProductInactiveError,
  ProductNotFoundError,
  WrongOperatorError,
} from './pulsa.errors';
import type { Product, PulsaTransaction, PurchaseRequest } from './pulsa.types';
import { toTransaction, TransactionsStore } from './transactions.store';

/** A re-check waits at least this long after the send: Digiflazz wants status checks a minute apart. */
export const FIRST_CHECK_SECONDS = 60;

export interface PlacedPurchase {
  transaction: PulsaTransaction;
  /** The agent's available balance right after the hold. */
  available: bigint;
  /** True when an earlier request with the same Idempotency-Key made it. */
  replayed: boolean;
}

type Outcome = { placed: PlacedPurchase } | { refusal: DomainError };

/**
 * Creates a purchase: checks the product, the number and the PIN, refuses duplicates, then
 * commits in one transaction the transaction row (with its ref_id and the price snapshot) and a
 * hold of the agent price. Nothing here calls the supplier (PurchaseDispatcher does, afterwards).
 */
@Injectable()
export class PurchaseService {
  private readonly windowSeconds: number;

  constructor(
    private readonly catalogue: CatalogueService,
    private readonly pins: AgentPinsService,
    private readonly ledger: LedgerService,
    private readonly balances: LedgerQueryService,
    private readonly store: TransactionsStore,
    config: ConfigService<ResolvedConfig, true>,
  ) {
    this.windowSeconds = config.get('pulsa', { infer: true }).duplicateWindowSeconds;
  }

  async place(agentId: string, request: PurchaseRequest): Promise<PlacedPurchase> {
    const product = await this.product(request.productCode);
    const destination = normaliseDestination(request.destination);
    if (!destination) throw new InvalidDestinationError();
    const numberOperator = operatorOf(destination);
    if (numberOperator !== product.operator) {
      throw new WrongOperatorError(
        destination,
        OPERATOR_NAMES[product.operator],
        numberOperator && OPERATOR_NAMES[numberOperator],
      );
    }
    const counter = request.counter ?? 1;
    const hash = requestHash({ productCode: product.code, destination, counter });
    let rightAfterWrong = false;
    try {
      const outcome = await this.ledger.transaction(async (manager): Promise<Outcome> => {
        const pin = await this.pins.check(manager, agentId, request.pin);
        rightAfterWrong = pin.rightAfterWrong;
        if (pin.refusal) return { refusal: pin.refusal };
        // One purchase of a product to a number at a time per agent, so the checks below hold.
        await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          `pulsa-purchase:${agentId}:${product.code}:${destination}`,
        ]);
        if (request.idempotencyKey) {
          const earlier = await this.store.byIdempotencyKey(manager, agentId, request.idempotencyKey);
          if (earlier && earlier.requestHash !== hash) throw new IdempotencyConflictError(request.idempotencyKey);
          if (earlier) return { placed: await this.replay(manager, earlier.transaction) };
        }
        const placed = await this.create(manager, agentId, product, destination, counter, request, hash);
        return { placed };
      });
      if ('refusal' in outcome) throw outcome.refusal;
      return outcome.placed;
    } catch (error) {
      // Two requests with one Idempotency-Key at once: the loser answers with the winner's purchase.
      if (request.idempotencyKey && uniqueViolation(error) === 'pulsa_transactions_idempotency_key') {
        return this.place(agentId, request);
      }
      throw error;
    } finally {
      if (rightAfterWrong) await this.pins.clearFailures(agentId);
    }
  }

  private async product(code: string): Promise<Product> {
    const product = await this.catalogue.find(code);
    if (!product) throw new ProductNotFoundError(code.toUpperCase());
    if (!product.active) throw new ProductInactiveError(product.code);
    return product;
  }

  private async create(
    manager: EntityManager,
    agentId: string,
    product: Product,
    destination: string,
    counter: number,
    request: PurchaseRequest,
    hash: string,
  ): Promise<PlacedPurchase> {
    const key = { agentId, productCode: product.code, destination, counter };
    const earlier = await this.store.earlierPurchase(manager, key, this.windowSeconds);
    if (earlier) throw new DuplicatePurchaseError(earlier, counter);

    const id = randomUUID();
    const hold = await this.ledger.hold(
      {
        kind: 'pulsa_purchase',
        from: walletAccountCode(agentId),
        to: SystemAccount.supplierPayable,
        amount: product.price,
        reference: `pulsa:${id}`,
        metadata: { product: product.code, destination },
      },
      manager,
    );
    const row = await this.store.insert(manager, {
      id,
      agentId,
      product,
      destination,
      counter,
      holdId: hold.id,
      channel: request.channel,
      idempotency: request.idempotencyKey ? { key: request.idempotencyKey, hash } : undefined,
      firstCheckSeconds: FIRST_CHECK_SECONDS,
    });
    const { available } = await this.balances.balance(walletAccountCode(agentId), manager);
    return { transaction: toTransaction(row), available, replayed: false };
  }

  private async replay(manager: EntityManager, transaction: PulsaTransaction): Promise<PlacedPurchase> {
    const { available } = await this.balances.balance(walletAccountCode(transaction.agentId), manager);
    return { transaction, available, replayed: true };
  }
}
