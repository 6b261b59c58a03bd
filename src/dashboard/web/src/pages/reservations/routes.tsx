import { NavLink, Route, Routes } from 'react-router';
import { CataloguePage } from './CataloguePage';
import { ReservationDetailPage } from './ReservationDetailPage';
import { ReservationListPage } from './ReservationListPage';
import { SchedulePage } from './SchedulePage';

/** Reservasi: the day's schedule, the bookings, one booking, and the catalogue. */
export function ReservationRoutes() {
  return (
    <>
      <h1>Reservasi</h1>
      <nav className="tabs" aria-label="Reservasi">
        <NavLink to="/reservasi" end>
          Jadwal
        </NavLink>
        <NavLink to="/reservasi/booking">Booking</NavLink>
        <NavLink to="/reservasi/katalog">Katalog</NavLink>
      </nav>
      <Routes>
        <Route index element={<SchedulePage />} />
        <Route path="booking" element={<ReservationListPage />} />
        <Route path="booking/:code" element={<ReservationDetailPage />} />
        <Route path="katalog" element={<CataloguePage />} />
      </Routes>
    </>
  );
}
