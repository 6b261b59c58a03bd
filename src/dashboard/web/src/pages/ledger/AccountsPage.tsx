import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { Column } from '../../ui/DataTable';
import { dateTime, rupiah } from '../../ui/format';
import { PagedTable } from '../../ui/PagedTable';
import { useLoad } from '../../ui/useLoad';
import { useUrlFilters } from '../../ui/useUrlFilters';
import { type Account, accountLabel, accountPath } from './labels';
import { Owner } from './Owner';

const LIMIT = 20;
const KINDS = [
  { prefix: '', label: 'Semua akun' },
  { prefix: 'system:', label: 'Akun sistem' },
  { prefix: 'wallet:', label: 'Dompet pengguna' },
];

const COLUMNS: Column<Account>[] = [
  { header: 'Kode akun', cell: (account) => <Link to={accountPath(account.code)}>{account.code}</Link> },
  { header: 'Jenis', cell: (account) => accountLabel(account.code) },
  { header: 'Pemilik', cell: (account) => <Owner account={account} /> },
  { header: 'Saldo', className: 'num', cell: (account) => rupiah(account.balance) },
  { header: 'Tertahan', className: 'num', cell: (account) => rupiah(account.held) },
  { header: 'Tersedia', className: 'num', cell: (account) => rupiah(account.available) },
  { header: 'Dibuat', cell: (account) => dateTime(account.createdAt) },
];

/** Ledger accounts by code with their balances; a code prefix (e.g. a user's wallet:…) narrows the list. */
export function AccountsPage() {
  const url = useUrlFilters(['awalan']);
  const prefix = url.values.awalan;
  const { offset } = url;
  const [typed, setTyped] = useState(prefix);

  const accounts = useLoad(
    () =>
      unwrap(
        api.GET('/api/admin/ledger/accounts', {
          params: { query: { limit: LIMIT, offset, prefix: prefix || undefined } },
        }),
      ),
    [prefix, offset],
  );

  const search = (event: FormEvent) => {
    event.preventDefault();
    url.apply({ awalan: typed.trim() });
  };

  return (
    <section>
      <h2>Akun buku besar</h2>
      <form className="toolbar" onSubmit={search} role="search">
        <label>
          Jenis
          <select
            value={KINDS.some((k) => k.prefix === prefix) ? prefix : 'lain'}
            onChange={(e) => {
              setTyped(e.target.value);
              url.apply({ awalan: e.target.value });
            }}
          >
            {KINDS.map((k) => (
              <option key={k.prefix} value={k.prefix}>
                {k.label}
              </option>
            ))}
            {!KINDS.some((k) => k.prefix === prefix) && <option value="lain">Kode tertentu</option>}
          </select>
        </label>
        <label>
          Kode akun diawali
          <input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="mis. wallet:5f0c…" />
        </label>
        <button type="submit">Cari</button>
      </form>
      <PagedTable
        page={accounts}
        columns={COLUMNS}
        rowKey={(account) => account.code}
        empty="Tidak ada akun dengan kode itu."
        onOffset={url.goTo}
      />
    </section>
  );
}
