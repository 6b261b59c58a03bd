import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { type Column, DataTable } from '../../ui/DataTable';
import { parseRupiah, rupiah } from '../../ui/format';
import { useAction } from '../../ui/useAction';
import { Options } from '../../ui/Options';
import { CatalogueCard, RowActions, SaveButtons } from './catalogue-card';
import { usePaged } from './paged';

type Item = components['schemas']['AdminReservationCatalogueItemResponse'];
type Price = components['schemas']['ReservationPriceResponse'];

interface Props {
  prices: Price[];
  models: Item[];
  parts: Item[];
  reload: () => void;
}

/** What a part costs for a model: set, change and withdraw prices. */
export function PricesCard({ prices, models, parts, reload }: Props) {
  const action = useAction();
  const [model, setModel] = useState('');
  const [part, setPart] = useState('');
  const [price, setPrice] = useState('');
  const [only, setOnly] = useState('');
  const name = (items: Item[], code: string) => items.find((i) => i.code === code)?.name ?? code;
  const shown = prices.filter((p) => !only || p.model === only);
  const { shown: page, pager } = usePaged(shown);

  const save = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const amount = parseRupiah(price);
      if (!amount) throw new Error('Harga harus berupa angka rupiah, misalnya 70.000.');
      const saved = await unwrap(
        api.PUT('/api/admin/reservations/prices/{model}/{part}', {
          params: { path: { model, part } },
          body: { price: amount },
        }),
      );
      reload();
      return `Harga ${name(models, saved.model)} – ${name(parts, saved.part)} disimpan: ${rupiah(saved.price)}.`;
    });
  };
  const remove = (p: Price) =>
    action.run(async () => {
      await unwrap(
        api.DELETE('/api/admin/reservations/prices/{model}/{part}', {
          params: { path: { model: p.model, part: p.part } },
        }),
      );
      reload();
      return `Harga ${name(models, p.model)} – ${name(parts, p.part)} dihapus; suku cadang itu tidak ditawarkan lagi untuk model ini.`;
    });

  const what = (p: Price) => `${name(models, p.model)} – ${name(parts, p.part)}`;
  const columns: Column<Price>[] = [
    { header: 'Model', cell: (p) => name(models, p.model) },
    { header: 'Suku cadang', cell: (p) => name(parts, p.part) },
    { header: 'Harga', className: 'num', cell: (p) => rupiah(p.price) },
    {
      header: 'Aksi',
      cell: (p) => (
        <RowActions
          what={`harga ${what(p)}`}
          onEdit={() => {
            setModel(p.model);
            setPart(p.part);
            setPrice(p.price);
          }}
          withdraw={{
            label: 'Hapus',
            confirmLabel: 'Hapus harga',
            question: `Hapus harga ${what(p)}? Suku cadang ini tidak bisa dipesan lagi untuk model ini.`,
            onConfirm: () => void remove(p),
          }}
        />
      ),
    },
  ];

  const fields = (
    <form className="form" onSubmit={save} aria-label="Simpan harga">
      <ItemSelect label="Model" items={models} value={model} onChange={setModel} />
      <ItemSelect label="Suku cadang" items={parts} value={part} onChange={setPart} />
      <label>
        Harga (Rp)
        <input
          required
          inputMode="numeric"
          placeholder="70.000"
          value={price}
          onChange={(e) => setPrice(e.target.value)}
        />
      </label>
      <SaveButtons label="Simpan harga" busy={action.busy} />
    </form>
  );

  return (
    <CatalogueCard id="res-prices" title="Harga" action={action} form={fields}>
      <div className="toolbar">
        <label>
          Tampilkan model
          <select value={only} onChange={(e) => setOnly(e.target.value)}>
            <Options none="Semua model" choices={models.map((m) => ({ value: m.code, label: m.name }))} />
          </select>
        </label>
      </div>
      <DataTable columns={columns} rows={page} rowKey={(p) => `${p.model}/${p.part}`} empty="Belum ada harga." />
      {pager}
    </CatalogueCard>
  );
}

interface ItemSelectProps {
  label: string;
  items: Item[];
  value: string;
  onChange: (code: string) => void;
}

/** A model or part to price; inactive ones are offered too (a price can wait for them), marked so. */
function ItemSelect({ label, items, value, onChange }: ItemSelectProps) {
  return (
    <label>
      {label}
      <select required value={value} onChange={(e) => onChange(e.target.value)}>
        <Options
          none={`Pilih ${label.toLowerCase()}`}
          choices={items.map((item) => ({
            value: item.code,
            label: `${item.name}${item.active ? '' : ' (nonaktif)'}`,
          }))}
        />
      </select>
    </label>
  );
}
