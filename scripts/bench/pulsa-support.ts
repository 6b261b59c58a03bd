import { JwtService } from '@nestjs/jwt';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { walletAccountCode } from '../../src/ledger/ledger.types';
import { PasswordHasher } from '../../src/users/password-hasher';

// What bench:pulsa needs that bench-payments.ts keeps to itself (its user factory, its postmaster
// and machine CPU readings), in the shape pulsa needs them.

export interface BenchAgent {
  id: string;
  username: string;
  token: string;
}

/**
 * Users with role `agent` and a wallet each, straight into the database as sign-up makes them,
 * with tokens signed by the benchmark's JWT secret: creating them over HTTP costs an argon2 hash
 * each (about 50 ms of CPU), none of it pulsa. Their PINs and funds go through the admin API.
 */
export async function createAgents(db: Client, count: number, jwtSecret: string): Promise<BenchAgent[]> {
  const passwordHash = await new PasswordHasher().hash('bench-password');
  const { rows } = await db.query<{ id: string; username: string }>(
    `INSERT INTO users (username, password_hash, name, role)
     SELECT format('agen_%s', n), $1, format('Agen %s', n), 'agent' FROM generate_series(1, $2::int) n
     RETURNING id, username`,
    [passwordHash, count],
  );
  await db.query(
    `INSERT INTO ledger_accounts (code, owner_type, owner_id) SELECT unnest($1::text[]), 'user', unnest($2::uuid[])`,
    [rows.map((r) => walletAccountCode(r.id)), rows.map((r) => r.id)],
  );
  const jwt = new JwtService({ secret: jwtSecret, signOptions: { algorithm: 'HS256', expiresIn: '1h' } });
  return rows.map((r) => ({ ...r, token: jwt.sign({ sub: r.id, username: r.username, role: 'agent' }) }));
}

/**
 * The postmaster of the PostgreSQL `db` is on, when it runs on this machine: sampleCpu's
 * "postgres" group counts every PostgreSQL here, other people's test clusters included.
 */
export async function postmasterOf(db: Client): Promise<number | undefined> {
  const { rows } = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  try {
    const stat = readFileSync(`/proc/${rows[0].pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** CPU seconds the whole machine has been busy since boot (/proc/stat); undefined elsewhere. */
export function machineBusySeconds(): number | undefined {
  try {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return (user + nice + system + irq + softirq + steal) / 100;
  } catch {
    return undefined;
  }
}
