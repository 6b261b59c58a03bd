import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { dateTime, rupiah } from '../../ui/format';
import type { components } from '../../api/schema';
import type { Column } from '../../ui/DataTable';
import { PagedTable } from '../../ui/PagedTable';
import { useLoad } from '../../ui/useLoad';
import { useUrlFilters } from '../../ui/useUrlFilters';
import { Options } from '../../ui/Options';
import { listQuery, PAYMENT_FILTERS } from './filters';
import { PURPOSES, purposeLabel, STATUSES, StatusBadge } from './labels';

type PaymentSummary = components['schemas']['AdminPaymentListItemResponse'];

/** Every payment, newest first, filtered by status, purpose, payer and creation day (kept in the URL). */
export function PaymentListPage() {
  const url = useUrlFilters(PAYMENT_FILTERS);
  const filters = url.values;
  const query = listQuery(filters, url.offset);
  const page = useLoad(() => unwrap(api.GET('/api/admin/payments', { params: { query } })), [JSON.stringify(query)]);
  const [payer, setPayer] = useState(filters.pembayar);
  // Back and forward change the URL under the typed field.
  useEffect(() => setPayer(filters.pembayar), [filters.pembayar]);

  const searchPayer = (event: FormEvent) => {
    event.preventDefault();
    url.apply({ pembayar: payer.trim().toLowerCase() });
  };
  const columns: Column<PaymentSummary>[] = [
    {
      header: 'Order ID',
      cell: (p) => <Link to={`/pembayaran/${encodeURIComponent(p.orderId)}`}>{p.orderId}</Link>,
    },
    { header: 'Status', cell: (p) => <StatusBadge status={p.status} /> },
    {
      header: 'Jumlah',
      className: 'num',
      cell: (p) => (
        <>
          {rupiah(p.amount)}
          {p.refundedAmount !== '0' && (
            <div className="muted payments-refunded">kembali {rupiah(p.refundedAmount)}</div>
          )}
        </>
      ),
    },
    { header: 'Tujuan', cell: (p) => purposeLabel(p.purpose) },
    {
      header: 'Pembayar',
      cell: (p) =>
        p.owner === filters.pembayar ? (
          p.owner
        ) : (
          <Link to={{ search: url.linkWith({ pembayar: p.owner }) }} title={`Hanya pembayaran ${p.owner}`}>
            {p.owner}
          </Link>
        ),
    },
    { header: 'Dibuat', cell: (p) => dateTime(p.createdAt) },
    { header: 'Dibayar', cell: (p) => dateTime(p.paidAt) },
  ];

  return (
    <>
      <h1>Pembayaran</h1>
      <form className="toolbar payments-filters" onSubmit={searchPayer} role="search" aria-label="Saring pembayaran">
        <label>
          Status
          <select value={filters.status} onChange={(e) => url.apply({ status: e.target.value })}>
            <Options none="Semua status" choices={STATUSES} />
          </select>
        </label>
        <label>
          Tujuan
          <select value={filters.tujuan} onChange={(e) => url.apply({ tujuan: e.target.value })}>
            <Options none="Semua tujuan" choices={PURPOSES} />
          </select>
        </label>
        <label>
          Dibuat dari
          <input type="date" value={filters.dari} onChange={(e) => url.apply({ dari: e.target.value })} />
        </label>
        <label>
          Sampai
          <input type="date" value={filters.sampai} onChange={(e) => url.apply({ sampai: e.target.value })} />
        </label>
        <label>
          Pembayar (nama pengguna)
          <input
            type="search"
            value={payer}
            autoCapitalize="none"
            spellCheck={false}
            onChange={(e) => setPayer(e.target.value)}
          />
        </label>
        <div className="actions">
          <button type="submit" className="primary">
            Cari
          </button>
          {url.filtered && (
            <button type="button" onClick={url.clear}>
              Hapus saringan
            </button>
          )}
        </div>
      </form>

      <PagedTable
        page={page}
        columns={columns}
        rowKey={(p) => p.orderId}
        empty={url.filtered ? 'Tidak ada pembayaran yang cocok dengan saringan ini.' : 'Belum ada pembayaran.'}
        onOffset={url.goTo}
      />
    </>
  );
}
