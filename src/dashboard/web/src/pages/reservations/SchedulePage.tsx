import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { DataTable } from '../../ui/DataTable';
import { addDays } from '../../ui/days';
import { ErrorNote, Loading } from '../../ui/Feedback';
import { count, date, todayInJakarta } from '../../ui/format';
import { Stat } from '../../ui/Stat';
import { useLoad } from '../../ui/useLoad';
import { bookingColumns } from './booking-columns';
import { useCatalogueNames } from './catalogue-names';

/** One day's slots (default today, Asia/Jakarta) with places left and the bookings that hold them. */
export function SchedulePage() {
  const [params, setParams] = useSearchParams();
  const day = params.get('tanggal') || todayInJakarta();
  const names = useCatalogueNames();
  const schedule = useLoad(
    () => unwrap(api.GET('/api/admin/reservations/schedule', { params: { query: { date: day } } })),
    [day],
  );
  const show = (next: string) => setParams(next === todayInJakarta() ? {} : { tanggal: next });
  const booking = bookingColumns(names);
  const columns = [booking.code, booking.customer, booking.device, booking.total, booking.status, booking.payment];
  const slots = schedule.data?.slots ?? [];
  const booked = slots.reduce((sum, s) => sum + s.bookings.length, 0);
  const left = slots.reduce((sum, s) => sum + s.left, 0);

  return (
    <section>
      <div className="toolbar">
        <label>
          Tanggal
          <input type="date" value={day} onChange={(e) => e.target.value && show(e.target.value)} />
        </label>
        <button type="button" onClick={() => show(addDays(day, -1))}>
          ‹ Sebelumnya
        </button>
        <button type="button" onClick={() => show(todayInJakarta())}>
          Hari ini
        </button>
        <button type="button" onClick={() => show(addDays(day, 1))}>
          Berikutnya ›
        </button>
      </div>
      <h2>Jadwal {date(day)}</h2>
      <ErrorNote error={schedule.error} />
      {schedule.loading && <Loading />}
      {schedule.data && (
        <>
          {schedule.data.closed && (
            <p className="note note-error">Toko tutup pada tanggal ini: tidak menerima booking baru.</p>
          )}
          <div className="grid">
            <Stat label="Booking" value={count(booked)} />
            <Stat label="Sisa tempat" value={count(left)} />
          </div>
          {slots.length === 0 && <p className="muted">Belum ada slot. Tambahkan di Katalog.</p>}
          {slots.map((slot) => (
            <article key={slot.code} className="card res-slot" aria-label={`Slot ${slot.label}`}>
              <header className="res-slot-head">
                <h3>{slot.label}</h3>
                <span className={`badge ${slot.left === 0 ? 'bad' : 'ok'}`}>
                  Sisa {count(slot.left)} dari {count(slot.capacity)}
                </span>
              </header>
              {slot.bookings.length === 0 ? (
                <p className="muted">Belum ada booking.</p>
              ) : (
                <DataTable columns={columns} rows={slot.bookings} rowKey={(b) => b.code} empty={null} />
              )}
            </article>
          ))}
        </>
      )}
    </section>
  );
}
