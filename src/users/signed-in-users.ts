import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, Notification } from 'pg';
import { DataSource } from 'typeorm';
import { ResolvedConfig } from '../config/loket.config';
import { User } from './entities/user.entity';

/** The users_notify_change trigger (UserChangeNotify migration) says here which user changed. */
export const USER_CHANGES_CHANNEL = 'loket_user_changes';
const MAX_USERS = 10_000;
const RECONNECT_MS = 1000;
const ECHO_WAIT_MS = 1000;

type UserRow = Omit<User, 'passwordHash' | 'createdAt' | 'updatedAt'> & { created_at: Date; updated_at: Date };

/**
 * The users behind access tokens, kept in this process so that a request does not read its user
 * from the database each time. Correct across workers and instances because every change to a
 * user row (role, removal, anything) is announced by a trigger with NOTIFY, and each process
 * LISTENs and forgets that user at once. While the listening connection is down nothing is kept:
 * every request reads its user, as it did before there was a cache.
 */
@Injectable()
export class SignedInUsers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SignedInUsers.name);
  private readonly users = new Map<string, User>();
  private readonly echoes = new Map<string, (() => void)[]>();
  // Bumped on every change heard: a read that started before a change must not be kept after it.
  private generation = 0;
  private listener?: Client;
  private listening = false;
  private reconnect?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<ResolvedConfig, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnect);
    this.forgetAll();
    await this.listener?.end().catch(() => undefined);
  }

  /** The user as the database has them now, or null when there is no such user. A copy: callers may change it. */
  async get(id: string): Promise<User | null> {
    let user = this.users.get(id);
    if (!user) {
      const generation = this.generation;
      const loaded = await this.load(id);
      if (!loaded) return null;
      user = loaded;
      if (this.listening && generation === this.generation) this.remember(user);
    }
    return Object.assign(new User(), user);
  }

  /**
   * Resolves when this process hears of the next change to `id` (or after a second): ask before
   * committing the change, await after, and an admin's call returns only once the processes have
   * been told (PostgreSQL sends a notification to every listener at once).
   */
  whenHeard(id: string): Promise<void> {
    if (!this.listening) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ECHO_WAIT_MS);
      this.echoes.set(id, [...(this.echoes.get(id) ?? []), () => (clearTimeout(timer), resolve())]);
    });
  }

  private async load(id: string): Promise<User | null> {
    const [row] = await this.dataSource.query<UserRow[]>(
      'SELECT id, username, name, email, phone, role, created_at, updated_at FROM users WHERE id = $1',
      [id],
    );
    if (!row) return null;
    const { created_at, updated_at, ...user } = row;
    return Object.assign(new User(), { ...user, createdAt: created_at, updatedAt: updated_at });
  }

  private remember(user: User): void {
    // The oldest entry goes first: Map keeps insertion order.
    if (this.users.size >= MAX_USERS) this.users.delete(this.users.keys().next().value!);
    this.users.set(user.id, user);
  }

  private forget = (message: Notification): void => {
    if (message.channel !== USER_CHANGES_CHANNEL || !message.payload) return;
    this.generation++;
    this.users.delete(message.payload);
    const waiting = this.echoes.get(message.payload);
    this.echoes.delete(message.payload);
    waiting?.forEach((resolve) => resolve());
  };

  private forgetAll(): void {
    this.generation++;
    this.users.clear();
  }

  private async listen(): Promise<void> {
    const client = new Client({
      connectionString: this.config.get('database', { infer: true }).url,
      application_name: 'loket-listener',
      connectionTimeoutMillis: 5000,
    });
    this.listener = client;
    client.on('notification', this.forget);
    // Whatever was heard until now may be incomplete from here on: keep nothing until listening again.
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${USER_CHANGES_CHANNEL}`);
      if (this.listener !== client) return;
      this.forgetAll();
      this.listening = true;
    } catch (error) {
      this.logger.warn(`Not listening for user changes (${(error as Error).message}); reading users each time`);
      this.lost(client);
    }
  }

  private lost(client: Client): void {
    if (this.listener !== client) return;
    this.listening = false;
    this.listener = undefined;
    this.forgetAll();
    client.end().catch(() => undefined);
    if (this.stopped) return;
    this.reconnect = setTimeout(() => void this.listen(), RECONNECT_MS);
    this.reconnect.unref();
  }
}
