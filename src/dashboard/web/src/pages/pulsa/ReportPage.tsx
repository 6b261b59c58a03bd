import { useMemo } from 'react';
import { api, unwrap } from '../../api/client';
import { SmallChart } from '../../ui/Chart';
import { addDays } from '../../ui/days';
import { ErrorNote, Loading } from '../../ui/Feedback';
import { count, date, rupiah, todayInJakarta } from '../../ui/format';
import { Stat } from '../../ui/Stat';
import { useLoad } from '../../ui/useLoad';
import { useUrlFilters } from '../../ui/useUrlFilters';
import { operatorLabel } from './pulsa-common';
import { byDay, byKey, type Sum } from './report-sums';

const shortDay = (day: string) => date(day).replace(/ \d{4}$/, '');
const axisRupiah = (value: number) => rupiah(Math.round(value));

/** Successful sales per Asia/Jakarta day (last 14 days unless chosen), with margin, per product and operator. */
export function ReportPage() {
  const url = useUrlFilters(['dari', 'sampai']);
  const today = todayInJakarta();
  const from = url.values.dari || addDays(today, -13);
  const to = url.values.sampai || today;
  const report = useLoad(
    () => unwrap(api.GET('/api/admin/pulsa/reports/daily', { params: { query: { from, to } } })),
    [from, to],
  );

  const sums = useMemo(() => {
    const rows = report.data?.rows ?? [];
    const days = report.data ? byDay(rows, report.data.from, report.data.to) : [];
    return {
      days,
      products: byKey(rows, (r) => r.productCode),
      operators: byKey(rows, (r) => r.operator),
      labels: days.map((d) => shortDay(d.key)),
      // Chart.js draws numbers; the tables keep the exact rupiah.
      series: [
        { label: 'Penjualan', values: days.map((d) => Number(d.sales)) },
        { label: 'Margin', values: days.map((d) => Number(d.margin)) },
      ],
    };
  }, [report.data]);

  const totals = report.data?.totals;
  return (
    <section>
      <form className="toolbar" onSubmit={url.applyForm} key={`${from}/${to}`} aria-label="Rentang laporan">
        <label>
          Dari tanggal
          <input name="dari" type="date" defaultValue={from} required />
        </label>
        <label>
          Sampai tanggal
          <input name="sampai" type="date" defaultValue={to} required />
        </label>
        <div className="actions">
          <button type="submit" className="primary">
            Tampilkan
          </button>
          <button type="button" onClick={url.clear}>
            14 hari terakhir
          </button>
        </div>
      </form>
      <ErrorNote error={report.error} />
      {report.loading && !report.data && <Loading />}
      {report.data && totals && (
        <>
          <p className="muted">
            Transaksi sukses {date(report.data.from)} – {date(report.data.to)} (hari menurut {report.data.timeZone}).
          </p>
          <div className="grid">
            <Stat label="Transaksi sukses" value={count(totals.count)} />
            <Stat label="Penjualan" value={rupiah(totals.sales)} />
            <Stat label="Modal" value={rupiah(totals.cost)} />
            <Stat label="Margin" value={rupiah(totals.margin)} />
          </div>
          <div className="card">
            <h2>Penjualan dan margin per hari</h2>
            <SmallChart
              kind="bar"
              labels={sums.labels}
              series={sums.series}
              title="Grafik penjualan dan margin pulsa per hari"
              format={axisRupiah}
            />
          </div>
          <SumTable caption="Per hari" keyLabel="Tanggal" sums={[...sums.days].reverse()} label={date} />
          <SumTable caption="Per produk" keyLabel="Produk" sums={sums.products} />
          <SumTable caption="Per operator" keyLabel="Operator" sums={sums.operators} label={operatorLabel} />
        </>
      )}
    </section>
  );
}

interface SumTableProps {
  caption: string;
  keyLabel: string;
  sums: Sum[];
  label?: (key: string) => string;
}

function SumTable({ caption, keyLabel, sums, label = (key) => key }: SumTableProps) {
  return (
    <>
      <h2>{caption}</h2>
      <div className="table-wrap">
        <table aria-label={`Laporan ${caption.toLowerCase()}`}>
          <thead>
            <tr>
              <th>{keyLabel}</th>
              <th className="num">Transaksi</th>
              <th className="num">Penjualan</th>
              <th className="num">Modal</th>
              <th className="num">Margin</th>
            </tr>
          </thead>
          <tbody>
            {sums.map((s) => (
              <tr key={s.key} className={s.count === 0 ? 'muted' : undefined}>
                <td>{label(s.key)}</td>
                <td className="num">{count(s.count)}</td>
                <td className="num">{rupiah(s.sales)}</td>
                <td className="num">{rupiah(s.cost)}</td>
                <td className="num">{rupiah(s.margin)}</td>
              </tr>
            ))}
            {sums.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  Belum ada penjualan pada rentang ini.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
