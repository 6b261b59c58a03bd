import { api, unwrap } from '../../api/client';
import { ConfirmButton } from '../../ui/ConfirmButton';
import type { Column } from '../../ui/DataTable';
import { ActionFeedback } from '../../ui/Feedback';
import { rupiah } from '../../ui/format';
import { PagedTable, pageOf } from '../../ui/PagedTable';
import { useAction } from '../../ui/useAction';
import { useLoad } from '../../ui/useLoad';
import { useUrlFilters } from '../../ui/useUrlFilters';
import { Options } from '../../ui/Options';
import { ProductForm, type ProductFields } from './ProductForm';
import { OPERATORS, operatorLabel, PAGE_SIZE, type Product } from './pulsa-common';

/** The catalogue with agent prices, supplier costs and margins; add, change, switch off or remove. */
export function ProductsPage() {
  // `ubah` and `baru` open the product form above the list.
  const url = useUrlFilters(['operator', 'ubah', 'baru']);
  const { operator, ubah: editing } = url.values;
  const adding = url.values.baru === '1';
  const products = useLoad(() => unwrap(api.GET('/api/admin/pulsa/products')), []);
  const action = useAction();

  // The API answers the whole catalogue at once (it is small); it is shown a page at a time.
  const shown = (products.data ?? []).filter((p) => !operator || p.operator === operator);
  const edited = products.data?.find((p) => p.code === editing);
  const closeForm = () => url.applyKeepingPage({ ubah: null, baru: null });

  const create = (f: ProductFields) =>
    action
      .run(async () => {
        const made = await unwrap(api.POST('/api/admin/pulsa/products', { body: f }));
        return `Produk ${made.code} ditambahkan: harga ${rupiah(made.price)}, modal ${rupiah(made.supplierCost)}${made.active ? '' : ' (nonaktif)'}.`;
      })
      .then((ok) => {
        products.reload();
        if (ok) closeForm();
      });

  const update = (code: string, f: ProductFields) =>
    action
      .run(async () => {
        const { name, operator, nominal, price, supplier, supplierSku, supplierCost, active } = f;
        const body = { name, operator, nominal, price, supplier, supplierSku, supplierCost, active };
        const after = await unwrap(api.PATCH('/api/admin/pulsa/products/{code}', { params: { path: { code } }, body }));
        return `Produk ${after.code} disimpan: harga ${rupiah(after.price)}, modal ${rupiah(after.supplierCost)}, ${after.active ? 'aktif' : 'nonaktif'}.`;
      })
      .then((ok) => {
        products.reload();
        if (ok) closeForm();
      });

  const setActive = (p: Product, active: boolean) =>
    action
      .run(async () => {
        await unwrap(
          api.PATCH('/api/admin/pulsa/products/{code}', { params: { path: { code: p.code } }, body: { active } }),
        );
        return active ? `Produk ${p.code} dijual lagi.` : `Produk ${p.code} dinonaktifkan: agen tidak bisa membelinya.`;
      })
      .then(products.reload);

  const remove = (p: Product) =>
    action
      .run(async () => {
        await unwrap(api.DELETE('/api/admin/pulsa/products/{code}', { params: { path: { code: p.code } } }));
        return `Produk ${p.code} dihapus. Transaksi lamanya tetap tersimpan.`;
      })
      .then(products.reload);

  const columns: Column<Product>[] = [
    { header: 'Kode', cell: (p) => p.code },
    { header: 'Nama', cell: (p) => p.name },
    { header: 'Operator', cell: (p) => operatorLabel(p.operator) },
    { header: 'Nominal', className: 'num', cell: (p) => rupiah(p.nominal) },
    { header: 'Harga agen', className: 'num', cell: (p) => rupiah(p.price) },
    { header: 'Modal', className: 'num', cell: (p) => rupiah(p.supplierCost) },
    { header: 'Margin', className: 'num', cell: (p) => rupiah(BigInt(p.price) - BigInt(p.supplierCost)) },
    {
      header: 'Supplier · SKU',
      cell: (p) => (
        <>
          {p.supplier} · {p.supplierSku}
        </>
      ),
    },
    {
      header: 'Status',
      cell: (p) => <span className={p.active ? 'badge ok' : 'badge'}>{p.active ? 'Aktif' : 'Nonaktif'}</span>,
    },
    {
      header: 'Aksi',
      cell: (p) => (
        <div className="pulsa-row-actions">
          <button
            type="button"
            aria-label={`Ubah ${p.code}`}
            onClick={() => url.applyKeepingPage({ ubah: p.code, baru: null })}
          >
            Ubah
          </button>
          <button
            type="button"
            aria-label={`${p.active ? 'Nonaktifkan' : 'Aktifkan'} ${p.code}`}
            disabled={action.busy}
            onClick={() => void setActive(p, !p.active)}
          >
            {p.active ? 'Nonaktifkan' : 'Aktifkan'}
          </button>
          <ConfirmButton
            danger
            disabled={action.busy}
            confirmLabel="Ya, hapus"
            question={
              <p>
                Hapus produk {p.code} ({p.name})? Agen tidak bisa membelinya lagi; transaksi lamanya tetap tersimpan.
                Untuk berhenti menjual sementara, pilih Nonaktifkan.
              </p>
            }
            onConfirm={() => void remove(p)}
          >
            Hapus
          </ConfirmButton>
        </div>
      ),
    },
  ];

  return (
    <section>
      <div className="toolbar">
        <label>
          Operator
          <select value={operator} onChange={(e) => url.apply({ operator: e.target.value })}>
            <Options none="Semua" choices={OPERATORS} />
          </select>
        </label>
        <div className="actions">
          <button type="button" className="primary" onClick={() => url.apply({ baru: '1', ubah: null })}>
            Tambah produk
          </button>
        </div>
      </div>

      {adding && <ProductForm key="baru" busy={action.busy} onSave={(f) => void create(f)} onCancel={closeForm} />}
      {edited && (
        <ProductForm
          key={edited.code}
          product={edited}
          busy={action.busy}
          onSave={(f) => void update(edited.code, f)}
          onCancel={closeForm}
        />
      )}
      <ActionFeedback action={action} />
      <PagedTable
        page={{ ...products, data: products.data && pageOf(shown, url.offset, PAGE_SIZE) }}
        totalLabel="produk"
        columns={columns}
        rowKey={(p) => p.code}
        empty="Belum ada produk."
        onOffset={url.goTo}
      />
    </section>
  );
}
