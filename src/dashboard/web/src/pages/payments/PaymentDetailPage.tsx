import { Fragment } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ActionFeedback, ErrorNote, Loading } from '../../ui/Feedback';
import { dateTime, rupiah } from '../../ui/format';
import { useAction } from '../../ui/useAction';
import { useLoad } from '../../ui/useLoad';
import { notificationOutcome, purposeLabel, RefundBadge, sourceLabel, StatusBadge } from './labels';
import { RefundForm } from './RefundForm';
import { ReviewForm } from './ReviewForm';

type Payment = components['schemas']['AdminPaymentResponse'];

const REFUNDABLE: Payment['status'][] = ['paid', 'partially_refunded'];

/** One payment: its facts, what changed it, every notification as received, its refunds, and the actions it allows. */
export function PaymentDetailPage() {
  const { orderId = '' } = useParams();
  const detail = useLoad(
    () => unwrap(api.GET('/api/admin/payments/{orderId}', { params: { path: { orderId } } })),
    [orderId],
  );
  const action = useAction();
  const payment = detail.data;

  return (
    <>
      <p>
        <Link to="/pembayaran">‹ Semua pembayaran</Link>
      </p>
      <h1 className="payments-title">
        Pembayaran <span className="payments-order">{orderId}</span>{' '}
        {payment && <StatusBadge status={payment.status} />}
      </h1>
      <ActionFeedback action={action} />
      <ErrorNote error={detail.error} />
      {detail.loading && !payment && <Loading />}
      {payment && (
        <>
          <Facts payment={payment} />
          {REFUNDABLE.includes(payment.status) && (
            <RefundForm
              payment={payment}
              refundable={(BigInt(payment.amount) - BigInt(payment.refundedAmount)).toString()}
              action={action}
              onDone={detail.reload}
            />
          )}
          {payment.status === 'reversal_review' && (
            <ReviewForm payment={payment} action={action} onDone={detail.reload} />
          )}
          <Events events={payment.events} />
          <Notifications notifications={payment.notifications} />
          <Refunds refunds={payment.refunds} />
        </>
      )}
    </>
  );
}

function Facts({ payment }: { payment: Payment }) {
  return (
    <section className="card payments-section">
      <dl className="facts">
        <dt>Tujuan</dt>
        <dd>{purposeLabel(payment.purpose)}</dd>
        <dt>Referensi</dt>
        <dd>{payment.referenceId}</dd>
        <dt>Pembayar</dt>
        <dd>{payment.owner}</dd>
        <dt>Jumlah</dt>
        <dd>{rupiah(payment.amount)}</dd>
        <dt>Sudah dikembalikan</dt>
        <dd>{rupiah(payment.refundedAmount)}</dd>
        <dt>Metode</dt>
        <dd>
          {payment.paymentType ?? 'Belum dipilih'}
          {payment.vaNumber && ` · ${payment.vaNumber}`}
        </dd>
        <dt>Dibuat</dt>
        <dd>{dateTime(payment.createdAt)}</dd>
        <dt>Dibayar</dt>
        <dd>{dateTime(payment.paidAt)}</dd>
        <dt>Kedaluwarsa</dt>
        <dd>{dateTime(payment.expiresAt)}</dd>
        {payment.redirectUrl && (
          <>
            <dt>Halaman bayar</dt>
            <dd>
              <a href={payment.redirectUrl} target="_blank" rel="noreferrer">
                Midtrans Snap
              </a>
            </dd>
          </>
        )}
        {payment.providerError && (
          <>
            <dt>Galat Midtrans terakhir</dt>
            <dd className="payments-error">{payment.providerError}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

function Events({ events }: { events: Payment['events'] }) {
  return (
    <section className="card payments-section" aria-labelledby="events-title">
      <h2 id="events-title">Riwayat</h2>
      {events.length === 0 ? (
        <p className="muted">Belum ada kejadian.</p>
      ) : (
        <ol className="payments-timeline">
          {events.map((e, i) => (
            <li key={i} className={e.applied ? undefined : 'payments-unapplied'}>
              <div>
                <time dateTime={e.at}>{dateTime(e.at)}</time> <StatusBadge status={e.status} />{' '}
                <span className="muted">
                  {sourceLabel(e.source)}
                  {e.providerStatus && ` · Midtrans: ${e.providerStatus}`}
                  {!e.applied && ' · tidak mengubah apa pun'}
                </span>
              </div>
              {e.detail && <div className="payments-detail">{e.detail}</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Notifications({ notifications }: { notifications: Payment['notifications'] }) {
  return (
    <section className="card payments-section" aria-labelledby="notifications-title">
      <h2 id="notifications-title">Notifikasi Midtrans ({notifications.length})</h2>
      {notifications.length === 0 && <p className="muted">Belum ada notifikasi untuk pembayaran ini.</p>}
      {notifications.map((n, i) => {
        const outcome = notificationOutcome(n.outcome);
        return (
          <article key={i} className="payments-notification" aria-label={`Notifikasi ${dateTime(n.receivedAt)}`}>
            <h3>
              <time dateTime={n.receivedAt}>{dateTime(n.receivedAt)}</time>{' '}
              <span className={`badge ${outcome.tone}`.trim()}>{outcome.label}</span>
            </h3>
            {n.detail && <p className="payments-detail">{n.detail}</p>}
            <dl className="facts payments-headers">
              {Object.entries(n.headers).map(([name, value]) => (
                <Fragment key={name}>
                  <dt>{name}</dt>
                  <dd>{value}</dd>
                </Fragment>
              ))}
            </dl>
            <pre className="raw">{n.body}</pre>
          </article>
        );
      })}
    </section>
  );
}

function Refunds({ refunds }: { refunds: Payment['refunds'] }) {
  return (
    <section className="card payments-section" aria-labelledby="refunds-title">
      <h2 id="refunds-title">Pengembalian dana</h2>
      {refunds.length === 0 ? (
        <p className="muted">Belum ada pengembalian dana.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Waktu</th>
                <th className="num">Jumlah</th>
                <th>Cara</th>
                <th>Alasan</th>
                <th>Status</th>
                <th>Selesai</th>
                <th>Refund key</th>
              </tr>
            </thead>
            <tbody>
              {refunds.map((r) => (
                <tr key={r.refundKey}>
                  <td>{dateTime(r.createdAt)}</td>
                  <td className="num">{rupiah(r.amount)}</td>
                  <td>{r.offline ? `Offline · ${r.reference ?? ''}` : 'Midtrans'}</td>
                  <td>{r.reason}</td>
                  <td>
                    <RefundBadge status={r.status} />
                    {r.providerReason && <div className="muted">{r.providerReason}</div>}
                  </td>
                  <td>{dateTime(r.resolvedAt)}</td>
                  <td className="muted">{r.refundKey}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
