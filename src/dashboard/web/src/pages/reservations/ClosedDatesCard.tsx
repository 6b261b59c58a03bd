import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { type Column, DataTable } from '../../ui/DataTable';
import { date } from '../../ui/format';
import { useAction } from '../../ui/useAction';
import { CatalogueCard, SaveButtons } from './catalogue-card';
import { usePaged } from './paged';

type ClosedDate = components['schemas']['ReservationClosedDateResponse'];

/** Days the shop is shut: nobody can book them (bookings made before stay). */
export function ClosedDatesCard({ closed, reload }: { closed: ClosedDate[]; reload: () => void }) {
  const action = useAction();
  const [day, setDay] = useState('');
  const [reason, setReason] = useState('');
  const { shown, pager } = usePaged(closed);

  const close = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const saved = await unwrap(
        api.PUT('/api/admin/reservations/closed-dates/{date}', {
          params: { path: { date: day } },
          body: reason.trim() ? { reason: reason.trim() } : {},
        }),
      );
      setDay('');
      setReason('');
      reload();
      return `Toko tutup pada ${date(saved.date)}${saved.reason ? ` (${saved.reason})` : ''}.`;
    });
  };
  const open = (c: ClosedDate) =>
    action.run(async () => {
      await unwrap(api.DELETE('/api/admin/reservations/closed-dates/{date}', { params: { path: { date: c.date } } }));
      reload();
      return `Toko buka lagi pada ${date(c.date)}.`;
    });

  const columns: Column<ClosedDate>[] = [
    { header: 'Tanggal', cell: (c) => date(c.date) },
    { header: 'Alasan', cell: (c) => c.reason ?? '-' },
    {
      header: 'Aksi',
      cell: (c) => (
        <ConfirmButton
          question={`Buka lagi toko pada ${date(c.date)}? Pelanggan bisa booking tanggal itu.`}
          confirmLabel="Buka lagi"
          onConfirm={() => void open(c)}
        >
          Buka lagi
        </ConfirmButton>
      ),
    },
  ];

  const fields = (
    <form className="form" onSubmit={close} aria-label="Tutup tanggal">
      <label>
        Tanggal
        <input type="date" required value={day} onChange={(e) => setDay(e.target.value)} />
      </label>
      <label>
        Alasan (opsional)
        <input maxLength={200} placeholder="Libur Natal" value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <SaveButtons label="Tutup tanggal ini" busy={action.busy} />
    </form>
  );

  return (
    <CatalogueCard id="res-closed" title="Tanggal tutup" action={action} form={fields}>
      <DataTable columns={columns} rows={shown} rowKey={(c) => c.date} empty="Tidak ada tanggal tutup." />
      {pager}
    </CatalogueCard>
  );
}
