import { Route, Routes } from 'react-router';
import { PaymentDetailPage } from './PaymentDetailPage';
import { PaymentListPage } from './PaymentListPage';

/** /admin/pembayaran (the list with its filters) and /admin/pembayaran/:orderId (one payment). */
export function PaymentRoutes() {
  return (
    <Routes>
      <Route index element={<PaymentListPage />} />
      <Route path=":orderId" element={<PaymentDetailPage />} />
    </Routes>
  );
}
