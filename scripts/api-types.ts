import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createLoketApp, DOCS_PATH } from '../src/app.factory';
import { fail, withDatabase } from './with-database';

// npm run api:types: the dashboard's API types, generated from the document the built code publishes
// (it runs from dist/: the document's schemas come from the Swagger plugin, which only the build applies).
// The dashboard suite fails when the committed file no longer matches the document.
export const API_TYPES_FILE = resolve('src/dashboard/web/src/api/schema.d.ts');

/**
 * The document with its string enums sorted: the Swagger plugin lists a union's members in the order
 * the compiler met them, which differs between the build and ts-jest, and the order means nothing.
 */
function withSortedEnums(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withSortedEnums);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) =>
      key === 'enum' && Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? [key, [...value].sort()]
        : [key, withSortedEnums(value)],
    ),
  );
}

/** openapi-typescript's output for an OpenAPI document, through its own command line. */
export function apiTypesFor(document: unknown): string {
  const cli = join(dirname(require.resolve('openapi-typescript/package.json')), 'bin/cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'loket-api-types-'));
  try {
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(withSortedEnums(document)));
    execFileSync(process.execPath, [cli, join(dir, 'openapi.json'), '--output', join(dir, 'schema.d.ts')], {
      stdio: 'pipe',
    });
    return readFileSync(join(dir, 'schema.d.ts'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  withDatabase(async (url, config) => {
    const app = await createLoketApp({
      ...config,
      logLevel: 'warn',
      database: { ...config.database, url },
      auth: { ...config.auth, jwtSecret: config.auth.jwtSecret ?? 'api-types-only' },
    });
    try {
      await app.listen(0, '127.0.0.1');
      const document: unknown = await (await fetch(`${await app.getUrl()}/${DOCS_PATH}-json`)).json();
      writeFileSync(API_TYPES_FILE, apiTypesFor(document));
      process.stdout.write(`wrote ${API_TYPES_FILE}\n`);
    } finally {
      await app.close();
    }
  }).catch((error: unknown) => fail(String(error instanceof Error ? error.stack : error)));
}
