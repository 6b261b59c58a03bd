import { createServer, Server, Socket } from 'node:net';
import { Pool } from 'pg';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';

// The errors are the real ones node-postgres raises, against small fake servers on 127.0.0.1.

/** A PostgreSQL ErrorResponse, which a server sends instead of completing the start-up. */
function errorResponse(sqlstate: string, message: string): Buffer {
  const fields = Buffer.from(`SFATAL\0C${sqlstate}\0M${message}\0\0`);
  const header = Buffer.alloc(5);
  header.write('E');
  header.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([header, fields]);
}

const servers: Server[] = [];
const sockets = new Set<Socket>();

/** A fake server on a free port that does `onConnection` with each connection. */
async function fake(onConnection: (socket: Socket) => void): Promise<number> {
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

async function failureOf(port: number, options: { timeoutMs?: number; queued?: boolean } = {}): Promise<unknown> {
  const pool = new Pool({
    connectionString: `postgres://loket:secret@127.0.0.1:${port}/loket`,
    connectionTimeoutMillis: options.timeoutMs ?? 0,
    max: 1,
  });
  pool.on('error', () => undefined);
  try {
    const first = pool.query('SELECT 1');
    // With the only connection still trying, a second query waits for the pool and times out there.
    const outcome = options.queued ? pool.query('SELECT 1') : first;
    const [result] = await Promise.allSettled([outcome, first.catch(() => undefined)]);
    if (result.status === 'fulfilled') throw new Error('the query should have failed');
    return result.reason;
  } finally {
    await pool.end();
  }
}

describe('isDatabaseUnavailable', () => {
  afterAll(async () => {
    sockets.forEach((socket) => socket.destroy());
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('knows a refused connection (the server is down)', async () => {
    const port = await fake(() => undefined);
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const error = await failureOf(port);
    expect(error).toMatchObject({ code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('knows a connection dropped by the server', async () => {
    const error = await failureOf(await fake((socket) => socket.end()));
    expect(error).toMatchObject({ message: 'Connection terminated unexpectedly' });
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('knows a server that does not answer, and a pool that has no connection to give', async () => {
    const port = await fake(() => undefined);
    const connecting = await failureOf(port, { timeoutMs: 100 });
    expect(connecting).toMatchObject({ message: 'Connection terminated due to connection timeout' });
    expect(isDatabaseUnavailable(connecting)).toBe(true);
    const waiting = await failureOf(port, { timeoutMs: 100, queued: true });
    expect(waiting).toMatchObject({ message: 'timeout exceeded when trying to connect' });
    expect(isDatabaseUnavailable(waiting)).toBe(true);
  });

  it.each([
    ['57P03', 'the database system is starting up'],
    ['57P03', 'the database system is shutting down'],
    ['57P01', 'terminating connection due to administrator command'],
    ['57P02', 'terminating connection because of crash of another server process'],
    ['53300', 'sorry, too many clients already'],
    ['08006', 'connection failure'],
  ])('knows SQLSTATE %s (%s)', async (sqlstate, message) => {
    const error = await failureOf(await fake((socket) => socket.end(errorResponse(sqlstate, message))));
    expect(error).toMatchObject({ code: sqlstate, message });
    expect(isDatabaseUnavailable(error)).toBe(true);
    // A query that was running when the server went away reaches the app wrapped by TypeORM.
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], error as Error))).toBe(true);
  });

  it('knows a transaction whose connection the server closed between two queries', () => {
    // TypeORM releases the query runner when its connection errors; the next query meets this.
    expect(isDatabaseUnavailable(new QueryRunnerProviderAlreadyReleasedError())).toBe(true);
    expect(isDatabaseUnavailable(new QueryRunnerAlreadyReleasedError())).toBe(true);
  });

  it('leaves database errors that are not about reaching it alone', async () => {
    const denied = await failureOf(await fake((socket) => socket.end(errorResponse('28P01', 'password failed'))));
    expect(denied).toMatchObject({ code: '28P01' });
    expect(isDatabaseUnavailable(denied)).toBe(false);
    const unique = Object.assign(new Error('duplicate key value'), { code: '23505' });
    expect(isDatabaseUnavailable(new QueryFailedError('INSERT', [], unique))).toBe(false);
    const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    expect(isDatabaseUnavailable(new QueryFailedError('UPDATE', [], deadlock))).toBe(false);
  });

  it('leaves other errors alone, including other services being unreachable', () => {
    class FetchError extends Error {
      code = 'ECONNREFUSED';
    }
    expect(isDatabaseUnavailable(new FetchError('request to https://api.telegram.org failed'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('Connection terminated unexpectedly'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('Something else'))).toBe(false);
    expect(isDatabaseUnavailable({ code: 'ECONNREFUSED' })).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});
