import { api, unwrap } from '../../api/client';
import type { Column } from '../../ui/DataTable';
import { date, dateTime } from '../../ui/format';
import { PagedTable } from '../../ui/PagedTable';
import { useLoad } from '../../ui/useLoad';
import { useUrlFilters } from '../../ui/useUrlFilters';
import { Options } from '../../ui/Options';
import { bookingColumns } from './booking-columns';
import { useCatalogueNames } from './catalogue-names';
import {
  PAYMENT_LABEL,
  PAYMENT_STATES,
  type PaymentState,
  type Reservation,
  type ReservationStatus,
  STATUS_LABEL,
  STATUSES,
} from './labels';

const LIMIT = 20;
const FILTERS = ['status', 'bayar', 'dari', 'sampai', 'kode'] as const;

/** Bookings by day range, status, payment and code, newest day first, a page at a time. */
export function ReservationListPage() {
  const url = useUrlFilters(FILTERS);
  const filter = url.values;
  const { offset } = url;
  const names = useCatalogueNames();
  const page = useLoad(
    () =>
      unwrap(
        api.GET('/api/admin/reservations', {
          params: {
            query: {
              limit: LIMIT,
              offset,
              status: (filter.status || undefined) as ReservationStatus | undefined,
              paymentStatus: (filter.bayar || undefined) as PaymentState | undefined,
              from: filter.dari || undefined,
              to: filter.sampai || undefined,
              code: filter.kode || undefined,
            },
          },
        }),
      ),
    [offset, ...Object.values(filter)],
  );

  const booking = bookingColumns(names);
  const columns: Column<Reservation>[] = [
    booking.code,
    { header: 'Tanggal', cell: (b) => date(b.date) },
    { header: 'Jam', cell: (b) => b.slotLabel },
    booking.customer,
    booking.device,
    booking.total,
    booking.status,
    booking.payment,
    { header: 'Dibuat', cell: (b) => dateTime(b.createdAt) },
  ];

  return (
    <section>
      <form className="toolbar" onSubmit={url.applyForm} aria-label="Saring booking" key={JSON.stringify(filter)}>
        <label>
          Status
          <select name="status" defaultValue={filter.status}>
            <Options none="Semua" choices={STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))} />
          </select>
        </label>
        <label>
          Pembayaran
          <select name="bayar" defaultValue={filter.bayar}>
            <Options none="Semua" choices={PAYMENT_STATES.map((s) => ({ value: s, label: PAYMENT_LABEL[s] }))} />
          </select>
        </label>
        <label>
          Dari tanggal
          <input type="date" name="dari" defaultValue={filter.dari} />
        </label>
        <label>
          Sampai tanggal
          <input type="date" name="sampai" defaultValue={filter.sampai} />
        </label>
        <label>
          Kode booking
          <input
            name="kode"
            inputMode="numeric"
            pattern="\d{8}"
            title="8 angka"
            placeholder="8 angka"
            defaultValue={filter.kode}
          />
        </label>
        <button type="submit" className="primary">
          Terapkan
        </button>
        <button type="button" onClick={url.clear}>
          Hapus saringan
        </button>
      </form>
      <PagedTable
        page={page}
        columns={columns}
        rowKey={(b) => b.code}
        empty="Tidak ada booking yang cocok."
        onOffset={url.goTo}
      />
    </section>
  );
}
