import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { SmallChart } from '../../ui/Chart';
import { ErrorNote, Loading } from '../../ui/Feedback';
import { count, date, dateTime, rupiah } from '../../ui/format';
import { Stat } from '../../ui/Stat';
import { useLoad } from '../../ui/useLoad';
import { BOOKING_STATUS_LABELS, dayLabel, rupiahAxis, toNumber } from './overview-figures';

type Overview = components['schemas']['OverviewResponse'];
type Day = components['schemas']['OverviewDayResponse'];

const DAYS = 14;

/** Ringkasan: today and the last 14 days of every business, what needs a person now, and the ledger check. */
export function OverviewPage() {
  const overview = useLoad(() => unwrap(api.GET('/api/admin/overview', { params: { query: { days: DAYS } } })), []);
  const verify = useLoad(() => unwrap(api.GET('/api/admin/ledger/verify')), []);
  return (
    <>
      <h1>Ringkasan</h1>
      <ErrorNote error={overview.error} />
      {overview.loading && !overview.data && <Loading />}
      {overview.data && <Figures overview={overview.data} />}
      <section className="card" aria-labelledby="ledger-check">
        <h2 id="ledger-check">Pemeriksaan buku besar</h2>
        <ErrorNote error={verify.error} />
        {verify.loading && <Loading />}
        {verify.data && !verify.loading && (
          <p id="ledger-status">
            {verify.data.ok ? (
              <span className="badge ok">Seimbang</span>
            ) : (
              <span className="badge bad">Ada {count(verify.data.problems.length)} masalah</span>
            )}{' '}
            {count(verify.data.accounts)} akun, {count(verify.data.journals)} jurnal, {count(verify.data.entries)}{' '}
            entri. <Link to="/pengguna/verifikasi">Rincian</Link>
          </p>
        )}
        <button type="button" onClick={verify.reload} disabled={verify.loading}>
          Periksa lagi
        </button>
      </section>
    </>
  );
}

function Figures({ overview }: { overview: Overview }) {
  const today = overview.days[overview.days.length - 1];
  const labels = overview.days.map((d) => dayLabel(d.day));
  return (
    <>
      <p className="muted">
        Hari ini, {date(overview.to)} ({overview.timeZone}). Diperbarui {dateTime(overview.generatedAt)}.
      </p>
      <Attention attention={overview.attention} />
      <h2>Hari ini</h2>
      <div className="grid" id="today">
        <Stat label="Transfer dompet" value={`${count(today.transfers.count)} · ${rupiah(today.transfers.amount)}`} />
        <Stat label="Isi saldo" value={`${count(today.topups.count)} · ${rupiah(today.topups.amount)}`} />
        <Stat label="Penjualan pulsa" value={`${count(today.pulsa.count)} · ${rupiah(today.pulsa.sales)}`} />
        <Stat label="Margin pulsa" value={rupiah(today.pulsa.margin)} />
        <Stat label="Reservasi baru" value={count(today.bookings.created)} />
        <Stat label="Pembayaran diterima" value={`${count(today.payments.count)} · ${rupiah(today.payments.amount)}`} />
      </div>

      <h2>{overview.days.length} hari terakhir</h2>
      <div className="grid charts">
        <section className="card">
          <h3>Uang masuk dan penjualan</h3>
          <SmallChart
            kind="line"
            title="Pembayaran diterima, isi saldo dan penjualan pulsa per hari"
            labels={labels}
            format={rupiahAxis}
            series={[
              { label: 'Pembayaran', values: overview.days.map((d) => toNumber(d.payments.amount)) },
              { label: 'Isi saldo', values: overview.days.map((d) => toNumber(d.topups.amount)) },
              { label: 'Pulsa', values: overview.days.map((d) => toNumber(d.pulsa.sales)) },
            ]}
          />
        </section>
        <section className="card">
          <h3>Reservasi per status</h3>
          <SmallChart
            kind="bar"
            stacked
            title="Reservasi baru per hari menurut statusnya sekarang"
            labels={labels}
            series={Object.entries(BOOKING_STATUS_LABELS).map(([status, label]) => ({
              label,
              values: overview.days.map((d) => d.bookings.byStatus[status as keyof Day['bookings']['byStatus']]),
            }))}
          />
        </section>
      </div>
      <DayTable days={overview.days} />
    </>
  );
}

function Attention({ attention }: { attention: Overview['attention'] }) {
  const items = [
    {
      label: 'Pembayaran menunggu keputusan',
      value: attention.paymentsInReview,
      to: '/pembayaran?status=reversal_review',
    },
    { label: 'Transaksi pulsa macet', value: attention.stuckPulsaTransactions, to: '/pulsa/transaksi?macet=1' },
    { label: 'Reservasi hari ini', value: attention.bookingsToday, to: '/reservasi' },
  ];
  return (
    <section aria-labelledby="attention">
      <h2 id="attention">Perlu ditangani</h2>
      <div className="grid">
        {items.map((item) => (
          <Link key={item.label} to={item.to} className="stat-link">
            <Stat label={item.label} value={count(item.value)} alert={item.value > 0} />
          </Link>
        ))}
      </div>
    </section>
  );
}

/** The figures behind the charts, newest first, for reading and for screen readers. */
function DayTable({ days }: { days: Day[] }) {
  return (
    <div className="table-wrap">
      <table id="days">
        <thead>
          <tr>
            <th>Tanggal</th>
            <th className="num">Transfer</th>
            <th className="num">Isi saldo</th>
            <th className="num">Pulsa terjual</th>
            <th className="num">Penjualan pulsa</th>
            <th className="num">Margin pulsa</th>
            <th className="num">Reservasi</th>
            <th className="num">Pembayaran</th>
          </tr>
        </thead>
        <tbody>
          {[...days].reverse().map((d) => (
            <tr key={d.day}>
              <td>{date(d.day)}</td>
              <td className="num">
                {count(d.transfers.count)} · {rupiah(d.transfers.amount)}
              </td>
              <td className="num">
                {count(d.topups.count)} · {rupiah(d.topups.amount)}
              </td>
              <td className="num">{count(d.pulsa.count)}</td>
              <td className="num">{rupiah(d.pulsa.sales)}</td>
              <td className="num">{rupiah(d.pulsa.margin)}</td>
              <td className="num">{count(d.bookings.created)}</td>
              <td className="num">
                {count(d.payments.count)} · {rupiah(d.payments.amount)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
