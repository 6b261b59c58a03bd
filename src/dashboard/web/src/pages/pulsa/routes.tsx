import { Navigate, NavLink, Route, Routes } from 'react-router';
import { AgentsPage } from './AgentsPage';
import { ProductsPage } from './ProductsPage';
import { ReportPage } from './ReportPage';
import { TransactionDetailPage } from './TransactionDetailPage';
import { TransactionsPage } from './TransactionsPage';

const TABS = [
  { to: 'transaksi', label: 'Transaksi' },
  { to: 'produk', label: 'Produk & harga' },
  { to: 'agen', label: 'Agen' },
  { to: 'laporan', label: 'Laporan harian' },
];

/** Pulsa: transactions (and resolving stuck ones), the catalogue, agents and the daily report. */
export function PulsaRoutes() {
  return (
    <>
      <h1>Pulsa</h1>
      <nav className="tabs" aria-label="Pulsa">
        {TABS.map((tab) => (
          <NavLink key={tab.to} to={`/pulsa/${tab.to}`}>
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <Routes>
        <Route index element={<Navigate to="transaksi" replace />} />
        <Route path="transaksi" element={<TransactionsPage />} />
        <Route path="transaksi/:id" element={<TransactionDetailPage />} />
        <Route path="produk" element={<ProductsPage />} />
        <Route path="agen" element={<AgentsPage />} />
        <Route path="laporan" element={<ReportPage />} />
        <Route path="*" element={<p>Halaman pulsa tidak ditemukan.</p>} />
      </Routes>
    </>
  );
}
