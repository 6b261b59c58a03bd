import { NavLink, Route, Routes } from 'react-router';
import { AccountPage } from './AccountPage';
import { AccountsPage } from './AccountsPage';
import { AdjustmentPage } from './AdjustmentPage';
import { JournalLookup, JournalPage } from './JournalPage';
import { UsersPage } from './UsersPage';
import { VerifyPage } from './VerifyPage';

const TABS = [
  { to: '/pengguna', label: 'Pengguna', end: true },
  { to: '/pengguna/akun', label: 'Akun buku besar' },
  { to: '/pengguna/jurnal', label: 'Jurnal' },
  { to: '/pengguna/penyesuaian', label: 'Penyesuaian' },
  { to: '/pengguna/verifikasi', label: 'Verifikasi' },
];

/** Users and roles, and the ledger: accounts, entries, journals, adjustments and the verify report. */
export function LedgerRoutes() {
  return (
    <>
      <h1>Pengguna &amp; buku besar</h1>
      <nav className="tabs" aria-label="Halaman pengguna dan buku besar">
        {TABS.map((tab) => (
          <NavLink key={tab.to} to={tab.to} end={tab.end}>
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <Routes>
        <Route index element={<UsersPage />} />
        <Route path="akun" element={<AccountsPage />} />
        <Route path="akun/:code" element={<AccountPage />} />
        <Route path="jurnal" element={<JournalLookup />} />
        <Route path="jurnal/:id" element={<JournalPage />} />
        <Route path="penyesuaian" element={<AdjustmentPage />} />
        <Route path="verifikasi" element={<VerifyPage />} />
        <Route path="*" element={<p>Halaman tidak ditemukan.</p>} />
      </Routes>
    </>
  );
}
