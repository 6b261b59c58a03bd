import { JwtService } from '@nestjs/jwt';
import Fastify from 'fastify';
import cluster from 'node:cluster';
import { Pool } from 'pg';
import { otpCodeHash, otpCodeKey, otpPayloadHash } from '../../src/otp/otp-proof';

/**
 * The thinnest service that does a confirmed REST transfer's work: plain Fastify, a token verified
 * once and its user read once, the same code and payload hashes, the same wallet_transfer call over
 * a pg pool, the same answer. No Nest, no validation library, no ORM, no logging. bench:api runs it
 * beside Loket on the same database and load, so Loket's CPU per transfer can be read as a multiple
 * of what this machine needs for the work at all (machines here differ by two in either figure).
 *
 * Started by floor-process.ts with FLOOR_DATABASE_URL, FLOOR_JWT_SECRET, FLOOR_PORT, FLOOR_WORKERS.
 */
const env = process.env as Record<string, string>;

interface Sender {
  id: string;
  username: string;
}

function serve(): void {
  const pool = new Pool({ connectionString: env.FLOOR_DATABASE_URL, max: 20 });
  const jwt = new JwtService({ secret: env.FLOOR_JWT_SECRET });
  const otpKey = otpCodeKey(env.FLOOR_JWT_SECRET);
  const senders = new Map<string, Promise<Sender | null>>();
  const senderOf = (token: string) => {
    let sender = senders.get(token);
    if (!sender) {
      sender = jwt
        .verifyAsync<{ sub: string }>(token, { algorithms: ['HS256'] })
        .then((claims) => pool.query<Sender>('SELECT id, username FROM users WHERE id = $1', [claims.sub]))
        .then((result) => result.rows[0] ?? null)
        .catch(() => null);
      senders.set(token, sender);
    }
    return sender;
  };

  const app = Fastify();
  app.post('/api/wallet/transfers', async (request, reply) => {
    const token = /^Bearer ([A-Za-z0-9_\-.]+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const sender = token ? await senderOf(token) : null;
    if (!sender) return reply.code(401).send({ statusCode: 401, code: 'UNAUTHORIZED' });
    const body = request.body as { to?: unknown; amount?: unknown; otp?: { challengeId?: unknown; code?: unknown } };
    if (
      typeof body?.to !== 'string' ||
      !Number.isSafeInteger(body.amount) ||
      typeof body.otp?.challengeId !== 'string' ||
      typeof body.otp.code !== 'string'
    ) {
      return reply.code(400).send({ statusCode: 400, code: 'VALIDATION_FAILED' });
    }
    const to = body.to.toLowerCase();
    const amount = String(body.amount);
    const { rows } = await pool.query<{
      outcome: string;
      id: string;
      to_username: string;
      balance_after: string;
      created_at: Date;
    }>('SELECT * FROM wallet_transfer($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)', [
      sender.id,
      to,
      amount,
      null,
      { from: sender.username, to },
      null,
      null,
      body.otp.challengeId,
      otpPayloadHash('transfer', { to, amount }),
      otpCodeHash(otpKey, body.otp.challengeId, body.otp.code),
      { text: `${sender.username} sent you Rp${amount}` },
    ]);
    const row = rows[0];
    if (row.outcome !== 'ok') return reply.code(422).send({ statusCode: 422, code: row.outcome });
    return reply.code(201).send({
      id: row.id,
      from: sender.username,
      to: row.to_username,
      amount,
      description: null,
      createdAt: row.created_at,
      balanceAfter: row.balance_after,
    });
  });
  app.listen({ port: Number(env.FLOOR_PORT), host: '127.0.0.1' }).then(
    () => process.send?.('listening'),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

const workers = Number(env.FLOOR_WORKERS ?? 1);
if (cluster.isPrimary && workers > 1) {
  let listening = 0;
  for (let i = 0; i < workers; i++) {
    cluster.fork().on('message', () => {
      if (++listening === workers) process.send?.('listening');
    });
  }
} else {
  serve();
}
