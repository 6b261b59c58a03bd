import { useRef, useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { parseRupiah, rupiah } from '../../ui/format';
import type { Action } from '../../ui/useAction';
import { newIdempotencyKey } from './idempotency';
import { refundSource, STATUSES } from './labels';

type Payment = components['schemas']['AdminPaymentResponse'];

interface RefundFormProps {
  payment: Payment;
  /** Whole rupiah that can still be refunded (a digit string). */
  refundable: string;
  action: Action;
  onDone: () => void;
}

/**
 * Refund all or part of a paid payment, through Midtrans or recorded as returned outside Loket.
 * One Idempotency-Key per confirmed request: a double click or a retry after a lost answer sends
 * the same key, so the API refunds once; changing the form makes it another request.
 */
export function RefundForm({ payment, refundable, action, onDone }: RefundFormProps) {
  const [whole, setWhole] = useState(true);
  const [amountText, setAmountText] = useState('');
  const [reason, setReason] = useState('');
  const [offline, setOffline] = useState(false);
  const [reference, setReference] = useState('');
  const key = useRef<string | null>(null);

  const change =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      key.current = null;
      set(value);
    };

  const partial = whole ? null : parseRupiah(amountText);
  const amount = whole ? refundable : partial;
  const tooMuch = amount !== null && BigInt(amount) > BigInt(refundable);
  const problem =
    amount === null || amount === '0'
      ? 'Tulis jumlah dalam rupiah, misalnya 20.000.'
      : tooMuch
        ? `Paling banyak ${rupiah(refundable)}.`
        : !reason.trim()
          ? 'Tulis alasannya.'
          : offline && !reference.trim()
            ? 'Tulis referensi transfer atau kuitansinya.'
            : null;

  const submit = () => {
    if (problem || amount === null) return;
    key.current ??= newIdempotencyKey();
    const idempotencyKey = key.current;
    void action
      .run(async () => {
        const result = await unwrap(
          api.POST('/api/admin/payments/{orderId}/refund', {
            params: { path: { orderId: payment.orderId }, header: { 'Idempotency-Key': idempotencyKey } },
            body: {
              ...(whole ? {} : { amount }),
              reason: reason.trim(),
              ...(offline ? { offline: true, reference: reference.trim() } : {}),
            },
          }),
        );
        const status = STATUSES.find((s) => s.value === result.payment.status)?.label ?? result.payment.status;
        return result.offline
          ? `Pengembalian ${rupiah(result.amount)} di luar Midtrans dicatat (referensi ${result.reference}). Status pembayaran: ${status}.`
          : `${rupiah(result.amount)} dikembalikan lewat Midtrans. Status pembayaran: ${status}.`;
      })
      .then((ok) => {
        if (!ok) return;
        key.current = null;
        setAmountText('');
        setReason('');
        setReference('');
        onDone();
      });
  };

  return (
    <section className="card payments-section" aria-labelledby="refund-title">
      <h2 id="refund-title">Kembalikan dana</h2>
      <p className="muted">
        Bisa dikembalikan: <strong>{rupiah(refundable)}</strong>. Jumlahnya diambil kembali dari{' '}
        {refundSource(payment.purpose, payment.owner)}.
      </p>
      <div className="form payments-refund">
        <fieldset>
          <legend>Jumlah</legend>
          <label className="check">
            <input type="radio" name="refund-amount" checked={whole} onChange={() => change(setWhole)(true)} />
            Seluruh sisa ({rupiah(refundable)})
          </label>
          <label className="check">
            <input type="radio" name="refund-amount" checked={!whole} onChange={() => change(setWhole)(false)} />
            Sebagian
          </label>
          {!whole && (
            <label>
              Jumlah (rupiah)
              <input
                inputMode="numeric"
                placeholder="20.000"
                value={amountText}
                onChange={(e) => change(setAmountText)(e.target.value)}
              />
            </label>
          )}
        </fieldset>
        <fieldset>
          <legend>Cara</legend>
          <label className="check">
            <input type="radio" name="refund-way" checked={!offline} onChange={() => change(setOffline)(false)} />
            Online lewat Midtrans
          </label>
          <label className="check">
            <input type="radio" name="refund-way" checked={offline} onChange={() => change(setOffline)(true)} />
            Offline (sudah dikembalikan lewat transfer bank atau tunai)
          </label>
          {offline && (
            <label>
              Referensi transfer atau kuitansi
              <input
                maxLength={100}
                placeholder="BCA-TRF-20261122-0042"
                value={reference}
                onChange={(e) => change(setReference)(e.target.value)}
              />
            </label>
          )}
        </fieldset>
        <label className="payments-wide">
          Alasan
          <input maxLength={200} value={reason} onChange={(e) => change(setReason)(e.target.value)} />
        </label>
      </div>
      {problem && <p className="muted">{problem}</p>}
      <div className="actions">
        <ConfirmButton
          danger
          disabled={!!problem || action.busy}
          confirmLabel="Ya, kembalikan"
          onConfirm={submit}
          question={
            <>
              <h3>Kembalikan {amount ? rupiah(amount) : ''}?</h3>
              <p>
                {offline
                  ? `Dicatat sebagai sudah dikembalikan di luar Loket (referensi ${reference.trim()}); Midtrans tidak dihubungi.`
                  : 'Midtrans akan mengembalikan dana ini ke pembayar.'}{' '}
                Jumlah itu diambil dari {refundSource(payment.purpose, payment.owner)}.
              </p>
              <p>
                Pembayaran {payment.orderId}. Alasan: {reason.trim()}
              </p>
            </>
          }
        >
          Kembalikan dana…
        </ConfirmButton>
      </div>
    </section>
  );
}
