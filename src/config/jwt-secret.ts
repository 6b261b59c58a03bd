import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Without JWT_SECRET outside production, a random secret is made once and kept in the data
 * folder, so tokens survive a restart. Production refuses to start without one (see environment.ts).
 */
export async function jwtSecretFor(dataDir: string, configured?: string): Promise<string> {
  if (configured) return configured;
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(48).toString('base64url');
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  await writeFile(file, secret + '\n', { mode: 0o600 });
  return secret;
}
