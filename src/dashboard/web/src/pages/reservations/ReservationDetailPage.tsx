import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ActionFeedback, ErrorNote, Loading } from '../../ui/Feedback';
import { date, dateTime, rupiah } from '../../ui/format';
import { useAction } from '../../ui/useAction';
import { useLoad } from '../../ui/useLoad';
import { useCatalogueNames } from './catalogue-names';
import { ACTOR_LABEL, moveButton, PaymentBadge, type ReservationStatus, STATUS_LABEL, StatusBadge } from './labels';

type PaymentEvent = components['schemas']['ReservationPaymentEventResponse'];

const EVENT_STATUS: Record<PaymentEvent['status'], string> = {
  pending: 'Menunggu',
  paid: 'Lunas',
  expired: 'Kedaluwarsa',
  failed: 'Gagal',
  refunded: 'Dikembalikan',
  partially_refunded: 'Dikembalikan sebagian',
  refunded_offline: 'Dikembalikan (offline)',
  reversal_review: 'Perlu ditinjau',
  reversed: 'Dibalik',
};

const EVENT_SOURCE: Record<PaymentEvent['source'], string> = {
  checkout: 'Checkout',
  notification: 'Notifikasi Midtrans',
  reconciler: 'Pencocokan otomatis',
  admin: 'Admin',
};

/** One booking: who, what, when, its history and payment events, and the moves it may make now. */
export function ReservationDetailPage() {
  const { code = '' } = useParams();
  const names = useCatalogueNames();
  const booking = useLoad(
    () => unwrap(api.GET('/api/admin/reservations/{code}', { params: { path: { code } } })),
    [code],
  );
  const action = useAction();
  const [note, setNote] = useState('');

  const move = (to: ReservationStatus) =>
    action.run(async () => {
      const moved = await unwrap(
        api.PATCH('/api/admin/reservations/{code}', {
          params: { path: { code } },
          body: { status: to, ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      );
      setNote('');
      booking.reload();
      const told = moved.viaTelegram ? ' Pelanggan diberi tahu lewat Telegram.' : '';
      return `Status booking ${moved.code} sekarang: ${STATUS_LABEL[moved.status]}.${told}`;
    });

  const b = booking.data;
  return (
    <section>
      <p>
        <Link to="/reservasi/booking">‹ Daftar booking</Link>
      </p>
      <h2>Booking {code}</h2>
      <ErrorNote error={booking.error} />
      {booking.loading && !b && <Loading />}
      {b && (
        <>
          <div className="res-detail">
            <div className="card">
              <dl className="facts">
                <dt>Status</dt>
                <dd>
                  <StatusBadge status={b.status} />
                </dd>
                <dt>Pembayaran</dt>
                <dd>
                  <PaymentBadge state={b.paymentStatus} />
                </dd>
                <dt>Pelanggan</dt>
                <dd>{b.customerName}</dd>
                <dt>Telepon</dt>
                <dd>{b.customerPhone ?? '-'}</dd>
                <dt>Telegram</dt>
                <dd>{b.viaTelegram ? 'Ya, chat diberi tahu setiap perubahan' : 'Tidak (booking lewat web)'}</dd>
                <dt>Perangkat</dt>
                <dd>{names.model(b.model)}</dd>
                <dt>Suku cadang</dt>
                <dd>{names.part(b.part)}</dd>
                <dt>Total</dt>
                <dd>{rupiah(b.total)}</dd>
                <dt>Tanggal</dt>
                <dd>
                  <Link to={`/reservasi?tanggal=${b.date}`}>{date(b.date)}</Link>
                </dd>
                <dt>Jam</dt>
                <dd>{b.slotLabel}</dd>
                <dt>Order Midtrans</dt>
                <dd>{b.orderId ?? '-'}</dd>
                <dt>Tautan status</dt>
                <dd>
                  <a href={b.statusUrl} target="_blank" rel="noreferrer">
                    Buka halaman status
                  </a>
                  <span className="muted"> (untuk dikirim ke pelanggan)</span>
                </dd>
                {b.status === 'awaiting_payment' && (
                  <>
                    <dt>Ditahan sampai</dt>
                    <dd>{dateTime(b.holdExpiresAt)}</dd>
                  </>
                )}
                <dt>Dibuat</dt>
                <dd>{dateTime(b.createdAt)}</dd>
              </dl>
            </div>
            <section className="card" aria-labelledby="res-move">
              <h3 id="res-move">Ubah status</h3>
              {b.allowedMoves.length === 0 ? (
                <p className="muted">Status {STATUS_LABEL[b.status]} adalah status akhir; tidak ada perubahan lagi.</p>
              ) : (
                <>
                  <label>
                    Catatan untuk riwayat (opsional)
                    <input value={note} maxLength={300} onChange={(e) => setNote(e.target.value)} />
                  </label>
                  <div className="actions">
                    {b.allowedMoves.map((to) => {
                      const button = moveButton(to);
                      return (
                        <ConfirmButton
                          key={to}
                          danger={button.danger}
                          disabled={action.busy}
                          question={
                            <>
                              <p>{button.question}</p>
                              <p className="muted">
                                {STATUS_LABEL[b.status]} → {STATUS_LABEL[to]}
                                {b.viaTelegram && '. Pelanggan akan menerima pesan Telegram.'}
                              </p>
                            </>
                          }
                          confirmLabel={button.label}
                          onConfirm={() => void move(to)}
                        >
                          {button.label}
                        </ConfirmButton>
                      );
                    })}
                  </div>
                </>
              )}
              <ActionFeedback action={action} />
            </section>
          </div>

          <h3>Riwayat status</h3>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Waktu</th>
                  <th>Dari</th>
                  <th>Ke</th>
                  <th>Oleh</th>
                  <th>Catatan</th>
                </tr>
              </thead>
              <tbody>
                {b.history.map((h, i) => (
                  <tr key={i}>
                    <td>{dateTime(h.at)}</td>
                    <td>{h.from ? STATUS_LABEL[h.from] : '-'}</td>
                    <td>{STATUS_LABEL[h.to]}</td>
                    <td>{ACTOR_LABEL[h.actor] ?? h.actor}</td>
                    <td>{h.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <h3>Kejadian pembayaran</h3>
          {b.paymentEvents.length === 0 ? (
            <p className="muted">Belum ada percobaan pembayaran.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>Waktu</th>
                    <th>Order</th>
                    <th>Status</th>
                    <th>Sumber</th>
                    <th>Status Midtrans</th>
                    <th>Diterapkan</th>
                    <th>Keterangan</th>
                  </tr>
                </thead>
                <tbody>
                  {b.paymentEvents.map((e, i) => (
                    <tr key={i}>
                      <td>{dateTime(e.at)}</td>
                      <td>{e.orderId}</td>
                      <td>{EVENT_STATUS[e.status] ?? e.status}</td>
                      <td>{EVENT_SOURCE[e.source] ?? e.source}</td>
                      <td>{e.providerStatus ?? '-'}</td>
                      <td>{e.applied ? 'Ya' : 'Tidak'}</td>
                      <td>{e.detail ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
