import { JwtService } from '@nestjs/jwt';
import { Client } from 'pg';
import { walletAccountCode } from '../../src/ledger/ledger.types';
import { PasswordHasher } from '../../src/users/password-hasher';

export interface BenchUser {
  id: string;
  username: string;
  token: string;
}

/**
 * `count` users with `role` and a wallet each (usernames `<prefix>_1`..., names `<Name> 1`...),
 * straight into the database as sign-up makes them, with tokens signed by the benchmark's JWT
 * secret: creating them over HTTP costs an argon2 hash or two each (about 50 ms of CPU apiece),
 * none of it what is measured.
 */
export async function createUsers(
  db: Client,
  count: number,
  jwtSecret: string,
  who: { role: 'customer' | 'agent'; prefix: string; name: string },
): Promise<BenchUser[]> {
  const passwordHash = await new PasswordHasher().hash('bench-password');
  const { rows } = await db.query<{ id: string; username: string }>(
    `INSERT INTO users (username, password_hash, name, role)
     SELECT format('%s_%s', $3::text, n), $1, format('%s %s', $4::text, n), $5 FROM generate_series(1, $2::int) n
     RETURNING id, username`,
    [passwordHash, count, who.prefix, who.name, who.role],
  );
  await db.query(
    `INSERT INTO ledger_accounts (code, owner_type, owner_id) SELECT unnest($1::text[]), 'user', unnest($2::uuid[])`,
    [rows.map((r) => walletAccountCode(r.id)), rows.map((r) => r.id)],
  );
  const jwt = new JwtService({ secret: jwtSecret, signOptions: { algorithm: 'HS256', expiresIn: '1h' } });
  return rows.map((r) => ({ ...r, token: jwt.sign({ sub: r.id, username: r.username, role: who.role }) }));
}
