import { type FormEvent, useEffect, useRef, useState } from 'react';
import { rupiah, parseRupiah } from '../../ui/format';
import { Options } from '../../ui/Options';
import { OPERATORS, type Operator, type Product } from './pulsa-common';

export interface ProductFields {
  code: string;
  name: string;
  operator: Operator;
  nominal: string;
  price: string;
  supplier: Product['supplier'];
  supplierSku: string;
  supplierCost: string;
  active: boolean;
}

const BLANK: ProductFields = {
  code: '',
  name: '',
  operator: 'telkomsel',
  nominal: '',
  price: '',
  supplier: 'simulator',
  supplierSku: '',
  supplierCost: '',
  active: true,
};

/** `10500` as people write it in a field: `10.500`. */
const typed = (amount: string) => rupiah(amount).replace('Rp', '');

function fieldsOf(p: Product): ProductFields {
  return {
    code: p.code,
    name: p.name,
    operator: p.operator,
    nominal: typed(p.nominal),
    price: typed(p.price),
    supplier: p.supplier,
    supplierSku: p.supplierSku,
    supplierCost: typed(p.supplierCost),
    active: p.active,
  };
}

interface ProductFormProps {
  /** The product being changed; a new one when absent. */
  product?: Product;
  busy: boolean;
  onSave: (fields: ProductFields) => void;
  onCancel: () => void;
}

/** Adding a product, or changing one (its code stays). Amounts are typed as people write them: 10.500. */
export function ProductForm({ product, busy, onSave, onCancel }: ProductFormProps) {
  const [fields, setFields] = useState<ProductFields>(product ? fieldsOf(product) : BLANK);
  const [problem, setProblem] = useState<string | null>(null);
  const card = useRef<HTMLFormElement>(null);
  useEffect(() => {
    card.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const set = <K extends keyof ProductFields>(key: K, value: ProductFields[K]) =>
    setFields((before) => ({ ...before, [key]: value }));

  const price = parseRupiah(fields.price);
  const cost = parseRupiah(fields.supplierCost);
  const margin = price !== null && cost !== null ? BigInt(price) - BigInt(cost) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const amounts = { nominal: parseRupiah(fields.nominal), price, supplierCost: cost };
    const wrong = Object.entries(amounts).find(([, value]) => value === null || value === '0');
    if (wrong) {
      setProblem('Nominal, harga dan modal harus angka rupiah lebih dari 0, misalnya 10.500.');
      return;
    }
    setProblem(null);
    onSave({ ...fields, code: fields.code.trim().toUpperCase(), ...(amounts as Record<string, string>) });
  };

  return (
    <form
      className="card"
      ref={card}
      onSubmit={submit}
      aria-label={product ? `Ubah produk ${product.code}` : 'Produk baru'}
    >
      <h2>{product ? `Ubah produk ${product.code}` : 'Produk baru'}</h2>
      <div className="form">
        {!product && (
          <label>
            Kode
            <input
              value={fields.code}
              onChange={(e) => set('code', e.target.value)}
              required
              pattern="[A-Za-z][A-Za-z0-9]{0,15}"
              placeholder="T10"
              autoCapitalize="characters"
            />
          </label>
        )}
        <label>
          Nama
          <input value={fields.name} onChange={(e) => set('name', e.target.value)} required maxLength={100} />
        </label>
        <label>
          Operator
          <select value={fields.operator} onChange={(e) => set('operator', e.target.value as Operator)}>
            <Options choices={OPERATORS} />
          </select>
        </label>
        <label>
          Nominal
          <input value={fields.nominal} onChange={(e) => set('nominal', e.target.value)} inputMode="numeric" required />
        </label>
        <label>
          Harga agen
          <input value={fields.price} onChange={(e) => set('price', e.target.value)} inputMode="numeric" required />
        </label>
        <label>
          Modal supplier
          <input
            value={fields.supplierCost}
            onChange={(e) => set('supplierCost', e.target.value)}
            inputMode="numeric"
            required
          />
        </label>
        <label>
          Supplier
          <select value={fields.supplier} onChange={(e) => set('supplier', e.target.value as Product['supplier'])}>
            <option value="simulator">simulator</option>
            <option value="digiflazz">digiflazz</option>
          </select>
        </label>
        <label>
          SKU supplier
          <input
            value={fields.supplierSku}
            onChange={(e) => set('supplierSku', e.target.value)}
            required
            pattern="[\w.\-]{1,64}"
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={fields.active} onChange={(e) => set('active', e.target.checked)} />
          Aktif (dijual ke agen)
        </label>
      </div>
      <p className="muted">
        Margin per transaksi: {margin === null ? '-' : rupiah(margin)}
        {margin !== null && margin < 0n && ' (di bawah modal!)'}
        {product && '. Transaksi yang sudah terjadi tetap memakai harga lamanya.'}
      </p>
      {problem && (
        <p className="note note-error" role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {product ? 'Simpan perubahan' : 'Tambah produk'}
        </button>
        <button type="button" onClick={onCancel}>
          Batal
        </button>
      </div>
    </form>
  );
}
