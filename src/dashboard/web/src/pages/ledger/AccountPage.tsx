import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { type Column, DataTable } from '../../ui/DataTable';
import { ErrorNote, Loading } from '../../ui/Feedback';
import { dateTime, rupiah } from '../../ui/format';
import { Stat } from '../../ui/Stat';
import { useLoad } from '../../ui/useLoad';
import { accountLabel, accountPath, journalPath, kindLabel } from './labels';
import { Owner } from './Owner';

const LIMIT = 20;

type Entry = components['schemas']['EntryResponse'];

const COLUMNS: Column<Entry>[] = [
  { header: 'Waktu', cell: (entry) => dateTime(entry.createdAt) },
  { header: 'Jenis', cell: (entry) => kindLabel(entry.kind) },
  {
    header: 'Jumlah',
    className: 'num',
    cell: (entry) => (
      <span className={entry.amount.startsWith('-') ? 'ledger-out' : 'ledger-in'}>{rupiah(entry.amount)}</span>
    ),
  },
  { header: 'Saldo setelah', className: 'num', cell: (entry) => rupiah(entry.balanceAfter) },
  {
    header: 'Lawan akun',
    cell: (entry) =>
      entry.counterparties.map((other, i) => (
        <span key={other}>
          {i > 0 && ', '}
          <Link to={accountPath(other)}>{other}</Link>
        </span>
      )),
  },
  { header: 'Referensi', cell: (entry) => entry.reference ?? '-' },
  { header: 'Jurnal', cell: (entry) => <Link to={journalPath(entry.journalId)}>Lihat jurnal</Link> },
];

/** One account: its balances and its entries, newest first, a cursor page at a time. */
export function AccountPage() {
  const code = useParams().code ?? '';
  const [params, setParams] = useSearchParams();
  const cursor = params.get('sebelum') ?? '';
  // The cursors of the newer pages this person came through, so "newer" can go back.
  const [newer, setNewer] = useState<string[]>([]);

  const account = useLoad(
    () => unwrap(api.GET('/api/admin/ledger/accounts/{code}', { params: { path: { code } } })),
    [code],
  );
  const entries = useLoad(
    () =>
      unwrap(
        api.GET('/api/admin/ledger/accounts/{code}/entries', {
          params: { path: { code }, query: { limit: LIMIT, cursor: cursor || undefined } },
        }),
      ),
    [code, cursor],
  );

  const goTo = (next: string) => {
    const merged = new URLSearchParams(params);
    if (next) merged.set('sebelum', next);
    else merged.delete('sebelum');
    setParams(merged);
  };

  const a = account.data;
  return (
    <section>
      <p>
        <Link to="/pengguna/akun">‹ Semua akun</Link>
      </p>
      <h2 className="ledger-code">{code}</h2>
      <ErrorNote error={account.error} />
      {account.loading && !a && <Loading />}
      {a && (
        <div className="card">
          <div className="grid">
            <Stat label="Saldo" value={rupiah(a.balance)} />
            <Stat label="Tertahan" value={rupiah(a.held)} />
            <Stat label="Tersedia" value={rupiah(a.available)} />
          </div>
          <dl className="facts ledger-facts">
            <dt>Jenis</dt>
            <dd>{accountLabel(a.code)}</dd>
            <dt>Pemilik</dt>
            <dd>
              <Owner account={a} />
            </dd>
            <dt>Boleh negatif</dt>
            <dd>{a.allowNegative ? 'Ya (saldo dihitung dari barisnya)' : 'Tidak'}</dd>
            <dt>Dibuat</dt>
            <dd>{dateTime(a.createdAt)}</dd>
          </dl>
          <div className="actions">
            <Link className="button" to={`/pengguna/penyesuaian?akun=${encodeURIComponent(a.code)}`}>
              Sesuaikan saldo
            </Link>
          </div>
        </div>
      )}
      <h3>Baris buku besar</h3>
      <ErrorNote error={entries.error} />
      {entries.loading && !entries.data && <Loading />}
      {entries.data && (
        <>
          <DataTable
            columns={COLUMNS}
            rows={entries.data.items}
            rowKey={(entry) => entry.id}
            empty="Belum ada baris."
          />
          <nav className="pager" aria-label="Halaman baris">
            <button
              type="button"
              disabled={!cursor}
              onClick={() => {
                goTo(newer.at(-1) ?? '');
                setNewer(newer.slice(0, -1));
              }}
            >
              ‹ Lebih baru
            </button>
            <button
              type="button"
              disabled={!entries.data.nextCursor}
              onClick={() => {
                setNewer([...newer, cursor]);
                goTo(entries.data?.nextCursor ?? '');
              }}
            >
              Lebih lama ›
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
