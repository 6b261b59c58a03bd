import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { uniqueViolation } from '../database/unique-violation';
import { Page } from '../common/pagination/page.dto';
import { LedgerService } from '../ledger/ledger.service';
import { walletAccountCode } from '../ledger/ledger.types';
import { PasswordHasher } from './password-hasher';
import { SignedInUsers } from './signed-in-users';
import { User, UserRole } from './entities/user.entity';
import {
  EmailTakenError,
  InvalidPhoneError,
  OwnRoleChangeError,
  UsernameTakenError,
  UserNotFoundError,
} from './users.errors';
import { normaliseIndonesianPhone } from './phone-number';
import { USERNAME_PATTERN } from './dto/username';

export interface NewUser {
  username: string;
  password: string;
  name: string;
  email?: string | null;
  phone?: string | null;
  role?: UserRole;
}

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly hasher: PasswordHasher,
    private readonly ledger: LedgerService,
    private readonly signedIn: SignedInUsers,
  ) {}

  async create(input: NewUser): Promise<User> {
    // A JSON null means no phone, as it does for email.
    const given = input.phone ?? null;
    const phone = given === null ? null : normaliseIndonesianPhone(given);
    if (given !== null && phone === null) throw new InvalidPhoneError();
    const user = this.users.create({
      username: input.username,
      passwordHash: await this.hasher.hash(input.password),
      name: input.name,
      email: input.email ?? null,
      phone,
      role: input.role ?? 'customer',
    });
    try {
      // The user and their wallet account exist together or not at all.
      const saved = await this.ledger.transaction(async (manager) => {
        const created = await manager.save(user);
        await this.ledger.openAccount(
          { code: walletAccountCode(created.id), ownerType: 'user', ownerId: created.id },
          manager,
        );
        return created;
      });
      this.logger.log(`Created user ${saved.id} (${saved.username}, ${saved.role})`);
      return saved;
    } catch (error) {
      throw this.duplicateError(error, input) ?? error;
    }
  }

  findByUsername(username: string): Promise<User | null> {
    const name = username.toLowerCase();
    // No stored username can match anything else, and PostgreSQL rejects some text (NUL) outright.
    if (!USERNAME_PATTERN.test(name)) return Promise.resolve(null);
    return this.users.findOneBy({ username: name });
  }

  findByIds(ids: string[]): Promise<User[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.users.findBy({ id: In([...new Set(ids)]) });
  }

  async getByUsername(username: string): Promise<User> {
    const user = await this.findByUsername(username);
    if (!user) throw new UserNotFoundError(username);
    return user;
  }

  /** The user with their password hash, for checking a sign-in. */
  findForSignIn(username: string): Promise<User | null> {
    if (!USERNAME_PATTERN.test(username)) return Promise.resolve(null);
    return this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.username = :username', { username })
      .getOne();
  }

  async list(filter: { role?: UserRole; username?: string; limit: number; offset: number }): Promise<Page<User>> {
    const query = this.users.createQueryBuilder('user').orderBy('user.createdAt', 'ASC').addOrderBy('user.id');
    if (filter.role) query.andWhere('user.role = :role', { role: filter.role });
    if (filter.username) {
      const prefix = filter.username.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
      query.andWhere('user.username LIKE :prefix', { prefix: `${prefix}%` });
    }
    const [items, total] = await query.take(filter.limit).skip(filter.offset).getManyAndCount();
    return { items, total, limit: filter.limit, offset: filter.offset };
  }

  async changeRole(actor: User, username: string, role: UserRole): Promise<User> {
    const user = await this.getByUsername(username);
    if (user.id === actor.id) throw new OwnRoleChangeError();
    if (user.role !== role) {
      await this.setRole(user.id, role);
      this.logger.log(`User ${user.id} role ${user.role} -> ${role} by admin ${actor.id}`);
      user.role = role;
    }
    return user;
  }

  /** Makes a user an admin, creating them when missing; used by admin:create and LOKET_ADMIN_*. */
  async ensureAdmin(username: string, password: string): Promise<{ user: User; created: boolean }> {
    const existing = await this.findByUsername(username);
    if (existing) {
      if (existing.role !== 'admin') await this.setRole(existing.id, 'admin');
      return { user: { ...existing, role: 'admin' }, created: false };
    }
    return { user: await this.create({ username, password, name: username, role: 'admin' }), created: true };
  }

  private duplicateError(error: unknown, input: NewUser): Error | undefined {
    const constraint = uniqueViolation(error);
    if (constraint === undefined) return undefined;
    return constraint.includes('email') ? new EmailTakenError() : new UsernameTakenError(input.username);
  }

  /** Returns once this process has heard of the change, so the caller's next request sees the new role. */
  private async setRole(id: string, role: UserRole): Promise<void> {
    const heard = this.signedIn.whenHeard(id);
    await this.users.update({ id }, { role });
    await heard;
  }
}
