import { createHash, createHmac, randomInt } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake does with a new purchase to a number (set per number with `behave`). */
export type Behaviour =
  | 'success'
  | 'failed'
  /** rc 03 until `settle` is called. */
  | 'pending'
  /** rc 01: Digiflazz' own timeout, final failed. */
  | 'timeout-rc01'
  /** Holds the answer this long (longer than the client's timeout), then answers success. */
  | { hangMs: number }
  /** A request error (40-49): no transaction is made. */
  | { rc: string };

export interface StoredTransaction {
  ref_id: string;
  customer_no: string;
  buyer_sku_code: string;
  status: 'Sukses' | 'Pending' | 'Gagal';
  rc: string;
  sn: string;
  message: string;
  price: number;
}

export interface RecordedRequest {
  body: Record<string, unknown>;
  at: number;
}

const REQUEST_ERRORS: Record<string, string> = {
  '41': 'Signature Anda salah',
  '45': 'IP Anda tidak kami kenali',
  '49': 'Ref ID tidak unik',
};

/**
 * Digiflazz' buyer API as INTEGRATIONS.md describes it: POST /v1/transaction signed with
 * md5(username + key + ref_id); a repeat of a known ref_id answers its current state (that is the
 * status check); callbacks signed `sha1=` HMAC of the body with the webhook secret.
 */
export class FakeDigiflazz {
  readonly requests: RecordedRequest[] = [];
  private readonly transactions = new Map<string, StoredTransaction>();
  private readonly behaviours = new Map<string, Behaviour>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: { username: string; apiKey: string; webhookSecret: string },
  ) {}

  static async start(options: { username: string; apiKey: string; webhookSecret: string }): Promise<FakeDigiflazz> {
    const holder: { fake?: FakeDigiflazz } = {};
    const server = createServer((req, res) => void holder.fake!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.fake = new FakeDigiflazz(server, `http://127.0.0.1:${port}/v1`, options);
    return holder.fake;
  }

  behave(customerNo: string, behaviour: Behaviour): void {
    this.behaviours.set(customerNo, behaviour);
  }

  transaction(refId: string): StoredTransaction | undefined {
    return this.transactions.get(refId);
  }

  requestsFor(refId: string): RecordedRequest[] {
    return this.requests.filter((r) => r.body.ref_id === refId);
  }

  /** A pending purchase becomes final at Digiflazz (their callback is sent separately). */
  settle(refId: string, outcome: 'success' | 'failed'): StoredTransaction {
    const stored = this.transactions.get(refId);
    if (!stored) throw new Error(`No transaction ${refId} at the fake`);
    Object.assign(
      stored,
      outcome === 'success'
        ? { status: 'Sukses', rc: '00', sn: serial(), message: 'Transaksi Sukses' }
        : { status: 'Gagal', rc: '02', message: 'Transaksi Gagal' },
    );
    return stored;
  }

  /** The callback body and headers Digiflazz would post for a transaction (or for `data` as given). */
  callback(refId: string, secret = this.options.webhookSecret): { body: string; headers: Record<string, string> } {
    const stored = this.transactions.get(refId);
    if (!stored) throw new Error(`No transaction ${refId} at the fake`);
    const body = JSON.stringify({ data: { ...stored, buyer_last_saldo: 1_000_000 } });
    return { body, headers: callbackHeaders(body, secret) };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      return send(res, 400, { data: { rc: '40', message: 'Payload Error' } });
    }
    if (req.method !== 'POST' || req.url !== '/v1/transaction') return send(res, 404, { message: 'Not found' });
    this.requests.push({ body, at: Date.now() });
    const refId = typeof body.ref_id === 'string' ? body.ref_id : '';
    const expected = createHash('md5').update(`${this.options.username}${this.options.apiKey}${refId}`).digest('hex');
    if (body.username !== this.options.username || body.sign !== expected) {
      return send(res, 400, requestError(body, '41'));
    }
    const known = this.transactions.get(refId);
    if (known) {
      // The same ref_id for another purchase is a duplicate; for the same one it is the status check.
      if (known.customer_no !== body.customer_no || known.buyer_sku_code !== body.buyer_sku_code) {
        return send(res, 400, requestError(body, '49'));
      }
      return send(res, 200, { data: known });
    }
    const behaviour = this.behaviours.get(String(body.customer_no)) ?? 'success';
    if (typeof behaviour === 'object' && 'rc' in behaviour) return send(res, 400, requestError(body, behaviour.rc));
    const stored = this.create(body, behaviour);
    if (typeof behaviour === 'object') {
      await new Promise((resolve) => setTimeout(resolve, behaviour.hangMs));
    }
    send(res, 200, { data: stored });
  }

  private create(body: Record<string, unknown>, behaviour: Exclude<Behaviour, { rc: string }>): StoredTransaction {
    const base = {
      ref_id: String(body.ref_id),
      customer_no: String(body.customer_no),
      buyer_sku_code: String(body.buyer_sku_code),
      price: 10_700,
      sn: '',
    };
    const outcome: Pick<StoredTransaction, 'status' | 'rc' | 'message' | 'sn'> =
      behaviour === 'failed'
        ? { status: 'Gagal', rc: '02', message: 'Transaksi Gagal', sn: '' }
        : behaviour === 'pending'
          ? { status: 'Pending', rc: '03', message: 'Transaksi Pending', sn: '' }
          : behaviour === 'timeout-rc01'
            ? { status: 'Gagal', rc: '01', message: 'Timeout', sn: '' }
            : { status: 'Sukses', rc: '00', message: 'Transaksi Sukses', sn: serial() };
    const stored = { ...base, ...outcome };
    this.transactions.set(stored.ref_id, stored);
    return stored;
  }
}

export function callbackHeaders(body: string, secret: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'DigiFlazz-Hookshot/1.0',
    'x-digiflazz-event': 'update',
    'x-digiflazz-delivery': `d-${randomInt(1e9)}`,
    'x-hub-signature': `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`,
  };
}

function requestError(body: Record<string, unknown>, rc: string) {
  return {
    data: {
      ref_id: body.ref_id,
      customer_no: body.customer_no,
      buyer_sku_code: body.buyer_sku_code,
      status: 'Gagal',
      rc,
      message: REQUEST_ERRORS[rc] ?? 'Permintaan ditolak',
      sn: '',
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const serial = () => Array.from({ length: 16 }, () => randomInt(10)).join('');
