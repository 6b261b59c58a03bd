import { EventEmitter } from 'node:events';
import type { ConfigService } from '@nestjs/config';
import type { DataSource } from 'typeorm';
import type { ResolvedConfig } from '../config/loket.config';
import { SignedInUsers, USER_CHANGES_CHANNEL } from './signed-in-users';

// The listening connection, driven by the test: it says what PostgreSQL would announce.
const listeners: FakeClient[] = [];
class FakeClient extends EventEmitter {
  constructor() {
    super();
    listeners.push(this);
  }
  connect = () => Promise.resolve();
  query = () => Promise.resolve();
  end = () => Promise.resolve();
}
jest.mock('pg', () => ({ Client: jest.fn(() => new FakeClient()) }));

const ID = '0b9f8f3e-3c1e-4c39-9a55-6f1f5d2b7a10';
const row = (role: string) => ({ id: ID, username: 'siti', role, created_at: new Date(), updated_at: new Date() });

describe('SignedInUsers', () => {
  let reads: { resolve: (rows: unknown[]) => void }[];
  let users: SignedInUsers;
  const announce = () => listeners.at(-1)!.emit('notification', { channel: USER_CHANGES_CHANNEL, payload: ID });

  /** A get whose database read is answered with `role` once the test says so. */
  const pendingGet = () => {
    const got = users.get(ID);
    return { got, answer: (role: string) => reads.shift()!.resolve([row(role)]) };
  };
  const get = async (role: string) => {
    const { got, answer } = pendingGet();
    if (reads.length > 0) answer(role);
    return got;
  };

  beforeEach(async () => {
    listeners.length = 0;
    reads = [];
    const dataSource = {
      query: () => new Promise((resolve) => reads.push({ resolve })),
    } as unknown as DataSource;
    const config = { get: () => ({ url: 'postgres://unused' }) } as unknown as ConfigService<ResolvedConfig, true>;
    users = new SignedInUsers(dataSource, config);
    await users.onApplicationBootstrap();
  });
  afterEach(() => users.onApplicationShutdown());

  it('reads a user once and then answers from memory, with a copy each time', async () => {
    const first = await get('customer');
    first!.role = 'admin';
    const second = await get('admin');
    expect(second?.role).toBe('customer');
    expect(reads).toHaveLength(0);
  });

  it('reads the user again after a change is announced', async () => {
    await get('customer');
    announce();
    expect((await get('agent'))?.role).toBe('agent');
  });

  it('does not keep a read that was under way when a change was announced', async () => {
    const { got, answer } = pendingGet();
    announce();
    answer('customer');
    expect((await got)?.role).toBe('customer');
    expect((await get('agent'))?.role).toBe('agent');
  });

  it('keeps nothing while the listening connection is down', async () => {
    await get('customer');
    listeners.at(-1)!.emit('end');
    expect((await get('agent'))?.role).toBe('agent');
    expect((await get('admin'))?.role).toBe('admin');
  });

  it('whenHeard resolves when this process hears of the change', async () => {
    let heard = false;
    void users.whenHeard(ID).then(() => (heard = true));
    await Promise.resolve();
    expect(heard).toBe(false);
    announce();
    await Promise.resolve();
    expect(heard).toBe(true);
  });
});
