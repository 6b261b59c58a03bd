import { Link } from 'react-router';
import type { Column } from '../../ui/DataTable';
import { rupiah } from '../../ui/format';
import type { Names } from './catalogue-names';
import { PaymentBadge, type Reservation, StatusBadge } from './labels';

/** The columns of a booking that the day's schedule and the booking list both show. */
export function bookingColumns(names: Names) {
  return {
    code: { header: 'Kode', cell: (b) => <Link to={`/reservasi/booking/${b.code}`}>{b.code}</Link> },
    customer: { header: 'Pelanggan', cell: (b) => b.customerName },
    device: {
      header: 'Perangkat',
      cell: (b) => (
        <>
          {names.model(b.model)} – {names.part(b.part)}
        </>
      ),
    },
    total: { header: 'Total', className: 'num', cell: (b) => rupiah(b.total) },
    status: { header: 'Status', cell: (b) => <StatusBadge status={b.status} /> },
    payment: { header: 'Pembayaran', cell: (b) => <PaymentBadge state={b.paymentStatus} /> },
  } satisfies Record<string, Column<Reservation>>;
}
