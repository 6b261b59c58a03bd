import type { FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { type Column, DataTable } from '../../ui/DataTable';
import { count } from '../../ui/format';
import { useAction } from '../../ui/useAction';
import { ActiveBadge, ActiveCheckbox, CatalogueCard, RowActions, SaveButtons, useFields } from './catalogue-card';
import { CODE_HINT, CODE_PATTERN } from './paged';

type Slot = components['schemas']['AdminReservationSlotResponse'];

const EMPTY = { code: '', label: '', start: '', end: '', capacity: '2', active: true };

/** The day's time slots and how many bookings each takes (technicians). */
export function SlotsCard({ slots, reload }: { slots: Slot[]; reload: () => void }) {
  const action = useAction();
  const { fields: form, set, fill, clear } = useFields(EMPTY);

  const save = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const saved = await unwrap(
        api.PUT('/api/admin/reservations/slots/{code}', {
          params: { path: { code: form.code } },
          body: {
            start: form.start,
            end: form.end,
            capacity: Number(form.capacity),
            active: form.active,
            ...(form.label.trim() ? { label: form.label.trim() } : {}),
          },
        }),
      );
      clear();
      reload();
      return `Slot ${saved.label} disimpan: ${count(saved.capacity)} tempat per hari.`;
    });
  };
  const deactivate = (slot: Slot) =>
    action.run(async () => {
      await unwrap(api.DELETE('/api/admin/reservations/slots/{code}', { params: { path: { code: slot.code } } }));
      reload();
      return `Slot ${slot.label} dinonaktifkan; booking yang sudah ada tetap.`;
    });

  const columns: Column<Slot>[] = [
    { header: 'Kode', cell: (s) => s.code },
    { header: 'Label', cell: (s) => s.label },
    {
      header: 'Jam',
      cell: (s) => (
        <>
          {s.start}–{s.end}
        </>
      ),
    },
    { header: 'Kapasitas', className: 'num', cell: (s) => count(s.capacity) },
    { header: 'Aktif', cell: (s) => <ActiveBadge active={s.active} /> },
    {
      header: 'Aksi',
      cell: (s) => (
        <RowActions
          what={`slot ${s.code}`}
          onEdit={() =>
            fill({
              code: s.code,
              label: s.label,
              start: s.start,
              end: s.end,
              capacity: String(s.capacity),
              active: s.active,
            })
          }
          withdraw={
            s.active
              ? {
                  label: 'Nonaktifkan',
                  confirmLabel: 'Nonaktifkan',
                  question: `Nonaktifkan slot ${s.label}? Pelanggan tidak bisa memilihnya lagi; booking yang sudah ada tetap.`,
                  onConfirm: () => void deactivate(s),
                }
              : undefined
          }
        />
      ),
    },
  ];

  const fields = (
    <form className="form" onSubmit={save} aria-label="Simpan slot">
      <label>
        Kode slot
        <input
          required
          pattern={CODE_PATTERN}
          title={CODE_HINT}
          placeholder="pagi"
          value={form.code}
          onChange={(e) => set('code', e.target.value)}
        />
      </label>
      <label>
        Label (opsional)
        <input
          maxLength={100}
          placeholder="Pukul : 09.00 - 11.00 WIB"
          value={form.label}
          onChange={(e) => set('label', e.target.value)}
        />
      </label>
      <label>
        Mulai
        <input type="time" required value={form.start} onChange={(e) => set('start', e.target.value)} />
      </label>
      <label>
        Selesai
        <input type="time" required value={form.end} onChange={(e) => set('end', e.target.value)} />
      </label>
      <label>
        Kapasitas per hari
        <input
          type="number"
          required
          min={0}
          max={1000}
          value={form.capacity}
          onChange={(e) => set('capacity', e.target.value)}
        />
      </label>
      <ActiveCheckbox checked={form.active} onChange={(active) => set('active', active)} />
      <SaveButtons label="Simpan slot" busy={action.busy} onClear={clear} />
    </form>
  );

  return (
    <CatalogueCard id="res-slots" title="Slot & kapasitas" action={action} form={fields}>
      <DataTable columns={columns} rows={slots} rowKey={(s) => s.code} empty="Belum ada slot." />
    </CatalogueCard>
  );
}
