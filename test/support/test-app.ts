import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { FastifyInstance } from 'fastify';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { createLoketApp } from '../../src/app.factory';
import { buildConfig, ResolvedConfig } from '../../src/config/loket.config';
import { runMigrations } from '../../src/database/migrate';
import { checkResponsesAgainstDocument } from './openapi-contract';

export interface TestApp {
  app: INestApplication;
  config: ResolvedConfig;
  /** A supertest agent on the app's HTTP server. */
  http(): TestAgent;
  db: DataSource;
  databaseUrl: string;
  close(): Promise<void>;
}

const serverUrl = () => {
  const url = process.env.LOKET_TEST_SERVER_URL;
  if (!url) throw new Error('LOKET_TEST_SERVER_URL is unset: run the suites through jest (global setup)');
  return url;
};

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(serverUrl(), 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database of its own on the test server. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `loket_test_${randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE ${name}`);
  const url = withDatabase(serverUrl(), name);
  await runMigrations(url);
  return { url, drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** The whole Loket HTTP app on its own fresh database; `env` overrides settings as the environment would. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const base = buildConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    LOKET_DATA_DIR: mkdtempSync(join(tmpdir(), 'loket-app-')),
    SIGNIN_RATE_LIMIT: '10000',
    SIGNUP_RATE_LIMIT: '10000',
    ...env,
  });
  const config: ResolvedConfig = {
    ...base,
    database: { ...base.database, url: database.url },
    auth: { ...base.auth, jwtSecret: base.auth.jwtSecret ?? randomBytes(32).toString('hex') },
  };
  const app = await createLoketApp(config);
  checkResponsesAgainstDocument(app);
  await initApp(app);
  return {
    app,
    config,
    http: () => request(app.getHttpServer()),
    db: app.get(DataSource),
    databaseUrl: database.url,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/** Nest's init, then Fastify's: its routes answer only once it is ready (listen() does both). */
export async function initApp(app: INestApplication): Promise<void> {
  await app.init();
  await (app.getHttpAdapter().getInstance() as FastifyInstance).ready();
}
