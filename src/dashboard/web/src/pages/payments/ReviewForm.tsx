import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { rupiah } from '../../ui/format';
import type { Action } from '../../ui/useAction';
import { refundSource } from './labels';

type Payment = components['schemas']['AdminPaymentResponse'];
type Decision = components['schemas']['ReviewPaymentDto']['decision'];

const DECISIONS: { value: Decision; label: string; explain: string }[] = [
  {
    value: 'reverse',
    label: 'Batalkan pembayaran (pembatalan bank berlaku)',
    explain:
      'Uang yang sekarang ditahan diambil, dan bagian yang sudah terpakai dicatat sebagai kerugian. Status menjadi "Dibatalkan bank".',
  },
  {
    value: 'keep',
    label: 'Pertahankan pembayaran (pembatalan tidak jadi)',
    explain:
      'Misalnya sanggahan chargeback diterima bank. Uang yang ditahan dilepas lagi dan status kembali "Dibayar". Tidak ada uang yang berpindah.',
  },
];

/** The once-only decision on a payment the bank reversed after its money was partly spent. */
export function ReviewForm({ payment, action, onDone }: { payment: Payment; action: Action; onDone: () => void }) {
  const [decision, setDecision] = useState<Decision | null>(null);
  const [reason, setReason] = useState('');
  const chosen = DECISIONS.find((d) => d.value === decision);

  const submit = () => {
    if (!decision || !reason.trim()) return;
    void action
      .run(async () => {
        const result = await unwrap(
          api.POST('/api/admin/payments/{orderId}/review', {
            params: { path: { orderId: payment.orderId } },
            body: { decision, reason: reason.trim() },
          }),
        );
        return result.decision === 'reverse'
          ? `Pembayaran dibatalkan: ${rupiah(result.takenBack)} diambil kembali, ${rupiah(result.writtenOff)} dicatat sebagai kerugian.`
          : `Pembayaran dipertahankan: ${rupiah(result.released)} yang ditahan dilepas, status kembali Dibayar.`;
      })
      .then((ok) => {
        if (!ok) return;
        setReason('');
        setDecision(null);
        onDone();
      });
  };

  return (
    <section className="card payments-section payments-review" aria-labelledby="review-title">
      <h2 id="review-title">Perlu keputusan</h2>
      <p>
        Bank atau Midtrans membatalkan pembayaran ini setelah uangnya masuk, tetapi sebagian sudah terpakai dari{' '}
        {refundSource(payment.purpose, payment.owner)}, jadi tidak bisa ditarik kembali seluruhnya. Sisa yang ada sedang
        ditahan sampai Anda memutuskan. Keputusan ini hanya bisa diambil sekali.
      </p>
      <fieldset>
        <legend>Keputusan</legend>
        {DECISIONS.map((d) => (
          <label key={d.value} className="check">
            <input
              type="radio"
              name="review-decision"
              checked={decision === d.value}
              onChange={() => setDecision(d.value)}
            />
            {d.label}
          </label>
        ))}
        {chosen && <p className="muted">{chosen.explain}</p>}
      </fieldset>
      <label>
        Alasan
        <input maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <div className="actions">
        <ConfirmButton
          danger={decision === 'reverse'}
          disabled={!decision || !reason.trim() || action.busy}
          confirmLabel="Ya, putuskan"
          onConfirm={submit}
          question={
            <>
              <h3>{chosen?.label}?</h3>
              <p>{chosen?.explain}</p>
              <p>
                Pembayaran {payment.orderId}. Alasan: {reason.trim()}
              </p>
            </>
          }
        >
          Simpan keputusan…
        </ConfirmButton>
      </div>
    </section>
  );
}
