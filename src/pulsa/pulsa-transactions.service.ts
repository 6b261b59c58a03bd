import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Page } from '../common/pagination/page.dto';
import type { ResolvedConfig } from '../config/loket.config';
import { User } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { PurchaseFinaliser } from './purchase-finaliser.service';
import { PulsaTransactionNotFoundError, TransactionNotPendingError } from './pulsa.errors';
import type { PulsaTransaction, TransactionStatus } from './pulsa.types';
import { AgentTransaction, TransactionsStore } from './transactions.store';

export interface TransactionSearch {
  status?: TransactionStatus;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** Reading purchases (an agent's own, or all for admins) and an admin's resolution of a stuck one. */
@Injectable()
export class PulsaTransactionsService {
  private readonly logger = new Logger(PulsaTransactionsService.name);
  private readonly stuckMinutes: number;

  constructor(
    private readonly store: TransactionsStore,
    private readonly finaliser: PurchaseFinaliser,
    private readonly users: UsersService,
    config: ConfigService<ResolvedConfig, true>,
  ) {
    this.stuckMinutes = config.get('pulsa', { infer: true }).stuckMinutes;
  }

  async listOwn(agent: User, search: TransactionSearch): Promise<Page<PulsaTransaction>> {
    return { ...(await this.store.list({ ...search, agentId: agent.id })), limit: search.limit, offset: search.offset };
  }

  async getOwn(agent: User, id: string): Promise<PulsaTransaction> {
    const transaction = await this.store.find(id, agent.id);
    if (!transaction) throw new PulsaTransactionNotFoundError(id);
    return transaction;
  }

  /** Each with its agent; an unknown agent username matches nothing (an empty page), as an unknown product does. */
  async list(search: TransactionSearch & { agent?: string; product?: string }): Promise<Page<AgentTransaction>> {
    const empty = { items: [], total: 0, limit: search.limit, offset: search.offset };
    let agentId: string | undefined;
    if (search.agent) {
      const agent = await this.users.findByUsername(search.agent);
      if (!agent) return empty;
      agentId = agent.id;
    }
    const page = await this.store.listWithAgents({ ...search, agentId, productCode: search.product?.toUpperCase() });
    return { ...page, limit: search.limit, offset: search.offset };
  }

  /** Pending longer than PULSA_STUCK_MINUTES, oldest last: what an admin should look at. */
  async stuck(limit: number, offset: number): Promise<Page<AgentTransaction>> {
    const page = await this.store.listWithAgents({ pendingBefore: this.stuckBefore(), limit, offset });
    return { ...page, limit, offset };
  }

  /** How many `stuck` would list (a page of one carries the total; no agents needed). */
  async countStuck(): Promise<number> {
    return (await this.store.list({ pendingBefore: this.stuckBefore(), limit: 1, offset: 0 })).total;
  }

  async get(id: string): Promise<AgentTransaction> {
    const transaction = await this.store.findWithAgent(id);
    if (!transaction) throw new PulsaTransactionNotFoundError(id);
    return transaction;
  }

  /** An admin settles a pending purchase (after asking the supplier themselves); 409 once it is final. */
  async resolve(
    admin: User,
    id: string,
    resolution: { status: 'success' | 'failed'; sn?: string; reason: string },
  ): Promise<AgentTransaction> {
    const transaction = await this.get(id);
    const { transaction: after, changed } = await this.finaliser.finalise(
      transaction,
      resolution.status === 'success'
        ? { status: 'success', sn: resolution.sn ?? '-', note: resolution.reason }
        : { status: 'failed', reason: resolution.reason },
      'admin',
    );
    if (!changed) throw new TransactionNotPendingError(after.shortId, after.status);
    this.logger.log(`Pulsa ${after.shortId} resolved ${after.status} by admin ${admin.id}: ${resolution.reason}`);
    // The agent never changes, so the name read before finalising still holds.
    return { ...after, agentUsername: transaction.agentUsername, agentName: transaction.agentName };
  }

  private stuckBefore(): Date {
    return new Date(Date.now() - this.stuckMinutes * 60_000);
  }
}
