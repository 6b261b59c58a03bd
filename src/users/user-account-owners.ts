import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AccountOwnerDirectory, AccountOwners } from '../ledger/account-owners';
import { User } from './entities/user.entity';

/** Tells the ledger the usernames behind its user accounts (its admin routes show them). */
@Injectable()
export class UserAccountOwners implements AccountOwnerDirectory, OnModuleInit {
  constructor(
    private readonly owners: AccountOwners,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  onModuleInit(): void {
    this.owners.register(this);
  }

  async usernames(ids: string[]): Promise<Map<string, string>> {
    const found = await this.users.find({ select: { id: true, username: true }, where: { id: In(ids) } });
    return new Map(found.map((u) => [u.id, u.username]));
  }
}
