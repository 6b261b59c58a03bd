import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ErrorNote, Loading } from '../../ui/Feedback';
import { dateTime, rupiah } from '../../ui/format';
import { useLoad } from '../../ui/useLoad';
import { accountLabel, accountPath, type Journal, journalPath, kindLabel } from './labels';

/** A journal found by its id (entries link here; this is for an id from a log or a message). */
export function JournalLookup() {
  const [id, setId] = useState('');
  const navigate = useNavigate();
  const open = (event: FormEvent) => {
    event.preventDefault();
    if (id.trim()) void navigate(journalPath(id.trim()));
  };
  return (
    <section>
      <h2>Jurnal</h2>
      <p className="muted">Buka jurnal dari baris sebuah akun, atau cari dengan ID-nya.</p>
      <form className="toolbar" onSubmit={open} role="search">
        <label>
          ID jurnal
          <input value={id} onChange={(e) => setId(e.target.value)} placeholder="mis. 5f0c6c1e-8a4b-…" />
        </label>
        <button type="submit">Buka</button>
      </form>
    </section>
  );
}

export function JournalPage() {
  const id = useParams().id ?? '';
  const journal = useLoad(() => unwrap(api.GET('/api/admin/ledger/journals/{id}', { params: { path: { id } } })), [id]);
  return (
    <section>
      <h2>Jurnal</h2>
      <ErrorNote error={journal.error} />
      {journal.loading && !journal.data && <Loading />}
      {journal.data && <JournalView journal={journal.data} />}
    </section>
  );
}

/** A journal's facts (who, why) and its legs, which always sum to zero. */
export function JournalView({ journal }: { journal: Journal }) {
  const total = journal.entries.reduce((sum, e) => sum + BigInt(e.amount), 0n);
  const { reason, adminUsername } = journal.metadata as { reason?: unknown; adminUsername?: unknown };
  return (
    <div className="card">
      <dl className="facts">
        <dt>ID</dt>
        <dd className="ledger-code">{journal.id}</dd>
        <dt>Jenis</dt>
        <dd>{kindLabel(journal.kind)}</dd>
        <dt>Waktu</dt>
        <dd>{dateTime(journal.createdAt)}</dd>
        {typeof reason === 'string' && (
          <>
            <dt>Alasan</dt>
            <dd>{reason}</dd>
          </>
        )}
        {typeof adminUsername === 'string' && (
          <>
            <dt>Oleh admin</dt>
            <dd>{adminUsername}</dd>
          </>
        )}
        <dt>Referensi</dt>
        <dd>{journal.reference ?? '-'}</dd>
        <dt>Kunci idempotensi</dt>
        <dd>
          {journal.idempotencyScope}
          {journal.idempotencyKey ? ` / ${journal.idempotencyKey}` : ''}
        </dd>
        {journal.reversesJournalId && (
          <>
            <dt>Membatalkan</dt>
            <dd>
              <Link to={journalPath(journal.reversesJournalId)}>{journal.reversesJournalId}</Link>
            </dd>
          </>
        )}
        {journal.reversedByJournalId && (
          <>
            <dt>Dibatalkan oleh</dt>
            <dd>
              <Link to={journalPath(journal.reversedByJournalId)}>{journal.reversedByJournalId}</Link>
            </dd>
          </>
        )}
      </dl>
      <h3>Baris</h3>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Akun</th>
              <th className="num">Jumlah</th>
              <th className="num">Saldo setelah</th>
            </tr>
          </thead>
          <tbody>
            {journal.entries.map((entry) => (
              <tr key={entry.account}>
                <td className="ledger-wrap">
                  <Link to={accountPath(entry.account)}>{entry.account}</Link>
                  <div className="muted">{accountLabel(entry.account)}</div>
                </td>
                <td className={entry.amount.startsWith('-') ? 'num ledger-out' : 'num ledger-in'}>
                  {rupiah(entry.amount)}
                </td>
                <td className="num">{rupiah(entry.balanceAfter)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>Jumlah</th>
              <th className="num">{rupiah(total)}</th>
              <th />
            </tr>
          </tfoot>
        </table>
      </div>
      {Object.keys(journal.metadata).length > 0 && (
        <details>
          <summary>Metadata</summary>
          <pre className="raw">{JSON.stringify(journal.metadata, null, 2)}</pre>
        </details>
      )}
    </div>
  );
}
