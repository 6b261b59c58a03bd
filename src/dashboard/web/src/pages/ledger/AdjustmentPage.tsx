import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ActionFeedback, ErrorNote } from '../../ui/Feedback';
import { parseRupiah, rupiah } from '../../ui/format';
import { useAction } from '../../ui/useAction';
import { type Account, accountLabel, accountPath, type Journal, journalPath, type User, walletCode } from './labels';
import { JournalView } from './JournalPage';

interface Check {
  account: Account;
  owner: User | null;
  /** Signed: positive credits the account. */
  amount: bigint;
  reason: string;
  /** One key per checked adjustment, so a double click or a retry posts it once. */
  key: string;
}

function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `dashboard-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** A username's wallet, or the account with that code; the answer says what the admin will change. */
async function findAccount(target: string): Promise<{ account: Account; owner: User | null }> {
  let owner: User | null = null;
  let code = target;
  if (!target.includes(':')) {
    const page = await unwrap(api.GET('/api/admin/users', { params: { query: { username: target, limit: 100 } } }));
    owner = page.items.find((u) => u.username === target.toLowerCase()) ?? null;
    if (!owner) throw new Error(`Pengguna ${target} tidak ditemukan.`);
    code = walletCode(owner.id);
  }
  const account = await unwrap(api.GET('/api/admin/ledger/accounts/{code}', { params: { path: { code } } }));
  return { account, owner };
}

/**
 * Credits or debits an account against system:cash with a reason: the admin checks the account and the
 * balance it will have, confirms, and sees the posted journal.
 */
export function AdjustmentPage() {
  const [params] = useSearchParams();
  const [target, setTarget] = useState(params.get('akun') ?? '');
  const [direction, setDirection] = useState<'credit' | 'debit'>('credit');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [check, setCheck] = useState<Check | null>(null);
  const [posted, setPosted] = useState<{ journal: Journal; account: Account } | null>(null);
  const checking = useAction();
  const posting = useAction();

  const review = (event: FormEvent) => {
    event.preventDefault();
    void checking.run(async () => {
      const digits = parseRupiah(amount);
      if (!digits || digits === '0') throw new Error('Jumlah harus rupiah bulat lebih dari nol, mis. 50.000.');
      if (!reason.trim()) throw new Error('Tuliskan alasan penyesuaian.');
      if (!target.trim()) throw new Error('Isi nama pengguna atau kode akun.');
      const found = await findAccount(target.trim());
      const value = BigInt(digits);
      setCheck({ ...found, amount: direction === 'credit' ? value : -value, reason: reason.trim(), key: newKey() });
      return '';
    });
  };

  const post = (c: Check) =>
    posting.run(async () => {
      const journal = await unwrap(
        api.POST('/api/admin/ledger/adjustments', {
          params: { header: { 'Idempotency-Key': c.key } },
          body: { account: c.account.code, amount: c.amount.toString(), reason: c.reason },
        }),
      );
      const account = await unwrap(
        api.GET('/api/admin/ledger/accounts/{code}', { params: { path: { code: c.account.code } } }),
      );
      setPosted({ journal, account });
      setCheck(null);
      return `Penyesuaian diposting. Saldo ${account.code} sekarang ${rupiah(account.balance)}.`;
    });

  const again = () => {
    setPosted(null);
    setAmount('');
    setReason('');
    posting.clear();
    checking.clear();
  };

  if (posted) {
    return (
      <section>
        <h2>Penyesuaian saldo</h2>
        <ActionFeedback action={posting} />
        <div className="grid ledger-result">
          <div className="stat">
            <div className="label">Saldo baru {posted.account.code}</div>
            <div className="value">{rupiah(posted.account.balance)}</div>
          </div>
        </div>
        <JournalView journal={posted.journal} />
        <div className="actions">
          <Link className="button" to={journalPath(posted.journal.id)}>
            Buka jurnal
          </Link>
          <Link className="button" to={accountPath(posted.account.code)}>
            Buka akun
          </Link>
          <button type="button" className="primary" onClick={again}>
            Penyesuaian baru
          </button>
        </div>
      </section>
    );
  }

  if (check) {
    const after = BigInt(check.account.balance) + check.amount;
    return (
      <section>
        <h2>Penyesuaian saldo</h2>
        <div className="card">
          <h3>Periksa sebelum memposting</h3>
          <dl className="facts">
            <dt>Akun</dt>
            <dd className="ledger-code">{check.account.code}</dd>
            <dt>Jenis</dt>
            <dd>
              {accountLabel(check.account.code)}
              {check.owner
                ? ` ${check.owner.username} (${check.owner.name})`
                : check.account.ownerUsername && ` ${check.account.ownerUsername}`}
            </dd>
            <dt>Saldo sekarang</dt>
            <dd>{rupiah(check.account.balance)}</dd>
            <dt>{check.amount > 0n ? 'Ditambah' : 'Dikurangi'}</dt>
            <dd>
              <strong>{rupiah(check.amount > 0n ? check.amount : -check.amount)}</strong>, lawan akun system:cash (Kas)
            </dd>
            <dt>Saldo sesudahnya</dt>
            <dd>
              <strong>{rupiah(after)}</strong>
              {after < 0n && !check.account.allowNegative && (
                <span className="badge bad"> Saldo tidak cukup: API akan menolak</span>
              )}
            </dd>
            <dt>Alasan</dt>
            <dd>{check.reason}</dd>
          </dl>
          <div className="actions">
            <button type="button" onClick={() => setCheck(null)} disabled={posting.busy}>
              Ubah
            </button>
            <button type="button" className="primary" onClick={() => void post(check)} disabled={posting.busy}>
              Ya, posting penyesuaian
            </button>
          </div>
          <ActionFeedback action={posting} />
        </div>
      </section>
    );
  }

  return (
    <section>
      <h2>Penyesuaian saldo</h2>
      <p className="muted">
        Menambah atau mengurangi saldo satu akun lawan akun Kas (system:cash), misalnya setoran tunai di loket atau
        koreksi. Setiap penyesuaian tercatat dengan alasannya.
      </p>
      <form className="form card ledger-adjust" onSubmit={review}>
        <label>
          Nama pengguna atau kode akun
          <input
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            placeholder="mis. siti_n atau wallet:5f0c…"
            required
          />
        </label>
        <label>
          Arah
          <select value={direction} onChange={(e) => setDirection(e.target.value as 'credit' | 'debit')}>
            <option value="credit">Tambah saldo (kredit)</option>
            <option value="debit">Kurangi saldo (debit)</option>
          </select>
        </label>
        <label>
          Jumlah (Rp)
          <input
            inputMode="numeric"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            placeholder="50.000"
            required
          />
        </label>
        <label className="ledger-wide">
          Alasan
          <textarea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
            rows={2}
            placeholder="mis. Setoran tunai di loket"
            required
          />
        </label>
        <div className="actions ledger-wide">
          <button type="submit" className="primary" disabled={checking.busy}>
            Periksa
          </button>
        </div>
      </form>
      {checking.busy && <p className="note note-busy">Memeriksa akun…</p>}
      <ErrorNote error={checking.error} />
    </section>
  );
}
