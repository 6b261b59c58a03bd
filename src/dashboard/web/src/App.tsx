import { useSyncExternalStore } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { session } from './auth/session';
import { SignInPage } from './auth/SignInPage';
import { Shell } from './layout/Shell';
import { LedgerRoutes } from './pages/ledger/routes';
import { OverviewPage } from './pages/overview/OverviewPage';
import { PaymentRoutes } from './pages/payments/routes';
import { PulsaRoutes } from './pages/pulsa/routes';
import { ReservationRoutes } from './pages/reservations/routes';

function NotFound() {
  return <p>Halaman tidak ditemukan.</p>;
}

export function App() {
  const token = useSyncExternalStore(session.subscribe, session.token);
  if (!token) return <SignInPage />;
  return (
    <BrowserRouter basename="/admin">
      <Routes>
        <Route element={<Shell />}>
          <Route index element={<OverviewPage />} />
          <Route path="reservasi/*" element={<ReservationRoutes />} />
          <Route path="pembayaran/*" element={<PaymentRoutes />} />
          <Route path="pulsa/*" element={<PulsaRoutes />} />
          <Route path="pengguna/*" element={<LedgerRoutes />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
