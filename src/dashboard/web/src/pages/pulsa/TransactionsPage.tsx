import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { Column } from '../../ui/DataTable';
import { startOfJakartaDay } from '../../ui/days';
import { dateTime, rupiah } from '../../ui/format';
import { PagedTable } from '../../ui/PagedTable';
import { useLoad } from '../../ui/useLoad';
import { useUrlFilters } from '../../ui/useUrlFilters';
import { Options } from '../../ui/Options';
import {
  operatorLabel,
  PAGE_SIZE,
  STATUSES,
  StatusBadge,
  type Transaction,
  type TransactionStatus,
} from './pulsa-common';

// `macet` switches to the stuck purchases, which take no filters.
const KEYS = ['status', 'agen', 'produk', 'dari', 'sampai', 'macet'] as const;

/** Every agent's purchases, newest first, filtered through the URL; or only the stuck ones. */
export function TransactionsPage() {
  const url = useUrlFilters(KEYS);
  const { offset } = url;
  const { agen: agent, produk: product, dari: from, sampai: to } = url.values;
  const stuck = url.values.macet === '1';
  const status = (url.values.status || null) as TransactionStatus | null;

  const list = useLoad(
    () =>
      stuck
        ? unwrap(api.GET('/api/admin/pulsa/transactions/stuck', { params: { query: { limit: PAGE_SIZE, offset } } }))
        : unwrap(
            api.GET('/api/admin/pulsa/transactions', {
              params: {
                query: {
                  limit: PAGE_SIZE,
                  offset,
                  status: status ?? undefined,
                  agent: agent || undefined,
                  product: product || undefined,
                  from: from ? startOfJakartaDay(from) : undefined,
                  to: to ? startOfJakartaDay(to, 1) : undefined,
                },
              },
            }),
          ),
    [stuck, offset, status, agent, product, from, to],
  );

  const columns: Column<Transaction>[] = [
    { header: 'Waktu', cell: (t) => dateTime(t.createdAt) },
    { header: 'ID', cell: (t) => <Link to={`/pulsa/transaksi/${t.shortId}`}>{t.shortId}</Link> },
    {
      header: 'Agen',
      cell: (t) => (
        <>
          {/* Filters the list to this agent's purchases. */}
          <Link to={`/pulsa/transaksi${url.linkWith({ agen: t.agentUsername, macet: null })}`}>{t.agentUsername}</Link>
          {t.agentName !== t.agentUsername && <span className="muted"> {t.agentName}</span>}
        </>
      ),
    },
    {
      header: 'Produk',
      cell: (t) => (
        <>
          {t.productCode} <span className="muted">{operatorLabel(t.operator)}</span>
        </>
      ),
    },
    {
      header: 'Nomor tujuan',
      cell: (t) => (
        <>
          {t.destination}
          {t.counter > 1 && <span className="muted"> ke-{t.counter}</span>}
        </>
      ),
    },
    { header: 'Harga', className: 'num', cell: (t) => rupiah(t.price) },
    { header: 'Modal', className: 'num', cell: (t) => rupiah(t.cost) },
    {
      header: 'Status',
      cell: (t) => (
        <>
          <StatusBadge status={t.status} />
          {t.status === 'pending' && (
            <>
              {' '}
              <Link to={`/pulsa/transaksi/${t.shortId}`}>Selesaikan</Link>
            </>
          )}
        </>
      ),
    },
    { header: 'Kanal', cell: (t) => t.channel },
  ];

  return (
    <section>
      <div className="actions" role="group" aria-label="Tampilan">
        <button
          type="button"
          className={stuck ? undefined : 'primary'}
          aria-pressed={!stuck}
          onClick={() => url.apply({ macet: null })}
        >
          Semua transaksi
        </button>
        <button
          type="button"
          className={stuck ? 'primary' : undefined}
          aria-pressed={stuck}
          onClick={() => url.apply({ macet: '1' })}
        >
          Macet (menunggu terlalu lama)
        </button>
      </div>

      {stuck ? (
        <p className="muted">
          Transaksi yang masih diproses lebih lama dari batas PULSA_STUCK_MINUTES. Cek ke supplier, lalu selesaikan satu
          per satu.
        </p>
      ) : (
        // The key re-creates the form when the URL changes (back button, reset), so its fields show the filters.
        <form
          className="toolbar"
          onSubmit={url.applyForm}
          key={JSON.stringify(url.values)}
          aria-label="Saring transaksi"
        >
          <label>
            Status
            <select name="status" defaultValue={status ?? ''}>
              <Options none="Semua" choices={STATUSES} />
            </select>
          </label>
          <label>
            Agen (username)
            <input name="agen" defaultValue={agent} autoCapitalize="none" placeholder="agen_budi" />
          </label>
          <label>
            Kode produk
            <input name="produk" defaultValue={product} autoCapitalize="characters" placeholder="T10" />
          </label>
          <label>
            Dari tanggal
            <input name="dari" type="date" defaultValue={from} />
          </label>
          <label>
            Sampai tanggal
            <input name="sampai" type="date" defaultValue={to} />
          </label>
          <div className="actions">
            <button type="submit" className="primary">
              Terapkan
            </button>
            <button type="button" onClick={url.clear}>
              Hapus saringan
            </button>
          </div>
        </form>
      )}

      <PagedTable
        page={list}
        totalLabel="transaksi"
        columns={columns}
        rowKey={(t) => t.id}
        empty={stuck ? 'Tidak ada transaksi macet.' : 'Tidak ada transaksi yang cocok.'}
        onOffset={url.goTo}
      />
    </section>
  );
}
