import type { FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { type Column, DataTable } from '../../ui/DataTable';
import { useAction } from '../../ui/useAction';
import { ActiveBadge, ActiveCheckbox, CatalogueCard, RowActions, SaveButtons, useFields } from './catalogue-card';
import { CODE_HINT, CODE_PATTERN, usePaged } from './paged';

type Item = components['schemas']['AdminReservationCatalogueItemResponse'];

const KIND = {
  models: { title: 'Model perangkat', one: 'model', example: 'iphone-x', exampleName: 'iPhone X' },
  parts: { title: 'Suku cadang', one: 'suku cadang', example: 'battery', exampleName: 'Battery' },
} as const;

const EMPTY = { code: '', name: '', sort: '', active: true };

/** Device models or spare parts: add, rename, reorder, stop offering. */
export function ItemsCard({ kind, items, reload }: { kind: keyof typeof KIND; items: Item[]; reload: () => void }) {
  const words = KIND[kind];
  const action = useAction();
  const { fields: form, set, fill, clear } = useFields(EMPTY);
  const { shown, pager } = usePaged(items);

  const put = (code: string, body: components['schemas']['CatalogueItemDto']) =>
    kind === 'models'
      ? unwrap(api.PUT('/api/admin/reservations/models/{code}', { params: { path: { code } }, body }))
      : unwrap(api.PUT('/api/admin/reservations/parts/{code}', { params: { path: { code } }, body }));
  const remove = (code: string) =>
    kind === 'models'
      ? unwrap(api.DELETE('/api/admin/reservations/models/{code}', { params: { path: { code } } }))
      : unwrap(api.DELETE('/api/admin/reservations/parts/{code}', { params: { path: { code } } }));

  const save = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const saved = await put(form.code, {
        name: form.name.trim(),
        active: form.active,
        ...(form.sort !== '' ? { sort: Number(form.sort) } : {}),
      });
      clear();
      reload();
      return `${words.title} ${saved.name} disimpan${saved.active ? '' : ' (nonaktif)'}.`;
    });
  };
  const deactivate = (item: Item) =>
    action.run(async () => {
      await remove(item.code);
      reload();
      return `${item.name} tidak ditawarkan lagi; booking yang sudah ada tetap.`;
    });

  const columns: Column<Item>[] = [
    { header: 'Kode', cell: (item) => item.code },
    { header: 'Nama', cell: (item) => item.name },
    { header: 'Urutan', className: 'num', cell: (item) => item.sort },
    { header: 'Aktif', cell: (item) => <ActiveBadge active={item.active} /> },
    {
      header: 'Aksi',
      cell: (item) => (
        <RowActions
          what={`${words.one} ${item.name}`}
          onEdit={() => fill({ code: item.code, name: item.name, sort: String(item.sort), active: item.active })}
          withdraw={
            item.active
              ? {
                  label: 'Nonaktifkan',
                  confirmLabel: 'Nonaktifkan',
                  question: `Berhenti menawarkan ${item.name}? Booking yang sudah ada tetap.`,
                  onConfirm: () => void deactivate(item),
                }
              : undefined
          }
        />
      ),
    },
  ];

  const fields = (
    <form className="form" onSubmit={save} aria-label={`Simpan ${words.one}`}>
      <label>
        Kode
        <input
          required
          pattern={CODE_PATTERN}
          title={CODE_HINT}
          placeholder={words.example}
          value={form.code}
          onChange={(e) => set('code', e.target.value)}
        />
      </label>
      <label>
        Nama
        <input
          required
          maxLength={100}
          placeholder={words.exampleName}
          value={form.name}
          onChange={(e) => set('name', e.target.value)}
        />
      </label>
      <label>
        Urutan (opsional)
        <input type="number" min={0} max={100000} value={form.sort} onChange={(e) => set('sort', e.target.value)} />
      </label>
      <ActiveCheckbox checked={form.active} onChange={(active) => set('active', active)} />
      <SaveButtons label={`Simpan ${words.one}`} busy={action.busy} onClear={clear} />
    </form>
  );

  return (
    <CatalogueCard id={`res-${kind}`} title={words.title} action={action} form={fields}>
      <DataTable columns={columns} rows={shown} rowKey={(item) => item.code} empty={`Belum ada ${words.one}.`} />
      {pager}
    </CatalogueCard>
  );
}
