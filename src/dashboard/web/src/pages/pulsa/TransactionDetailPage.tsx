import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ActionFeedback, ErrorNote, Loading } from '../../ui/Feedback';
import { dateTime, rupiah } from '../../ui/format';
import { type Action, useAction } from '../../ui/useAction';
import { useLoad } from '../../ui/useLoad';
import { operatorLabel, StatusBadge, type Transaction } from './pulsa-common';

/** One purchase with everything the supplier said, and for a pending one the admin's resolution. */
export function TransactionDetailPage() {
  const { id = '' } = useParams();
  const loaded = useLoad(
    () => unwrap(api.GET('/api/admin/pulsa/transactions/{id}', { params: { path: { id } } })),
    [id],
  );
  const t = loaded.data;
  // Kept here, not in the form: the form goes once the purchase is final, what happened stays.
  const action = useAction();
  return (
    <section>
      <p>
        <Link to="/pulsa/transaksi">‹ Semua transaksi</Link>
      </p>
      <ErrorNote error={loaded.error} />
      {loaded.loading && !t && <Loading />}
      {t && (
        <>
          <div className="card">
            <h2>
              Transaksi {t.shortId} <StatusBadge status={t.status} />
            </h2>
            <dl className="facts">
              <dt>Agen</dt>
              <dd>
                <Link to={`/pulsa/transaksi?agen=${encodeURIComponent(t.agentUsername)}`}>{t.agentUsername}</Link>
                {t.agentName !== t.agentUsername && ` · ${t.agentName}`}
              </dd>
              <dt>Produk</dt>
              <dd>
                {t.productCode} ({operatorLabel(t.operator)} {rupiah(t.nominal)})
              </dd>
              <dt>Nomor tujuan</dt>
              <dd>
                {t.destination}
                {t.counter > 1 && ` (pembelian ke-${t.counter})`}
              </dd>
              <dt>Harga agen</dt>
              <dd>{rupiah(t.price)}</dd>
              <dt>Modal supplier</dt>
              <dd>{rupiah(t.cost)}</dd>
              <dt>Margin</dt>
              <dd>
                {t.status === 'failed' ? '- (gagal, tidak ada penjualan)' : rupiah(BigInt(t.price) - BigInt(t.cost))}
              </dd>
              <dt>SN</dt>
              <dd>{t.sn ?? '-'}</dd>
              <dt>Keterangan</dt>
              <dd>{t.reason ?? '-'}</dd>
              <dt>Dibuat</dt>
              <dd>{dateTime(t.createdAt)}</dd>
              <dt>Dikirim ke supplier</dt>
              <dd>{dateTime(t.sentAt)}</dd>
              <dt>Final</dt>
              <dd>
                {dateTime(t.finalisedAt)}
                {t.finalisedBy && ` oleh ${t.finalisedBy}`}
              </dd>
              <dt>Supplier</dt>
              <dd>
                {t.supplier} · SKU {t.supplierSku}
              </dd>
              <dt>Ref ID</dt>
              <dd>{t.refId}</dd>
              <dt>Jawaban supplier</dt>
              <dd>
                {t.supplierRc ? `rc ${t.supplierRc}` : '-'}
                {t.supplierMessage && ` · ${t.supplierMessage}`}
              </dd>
              <dt>Kanal</dt>
              <dd>{t.channel}</dd>
              <dt>ID</dt>
              <dd>{t.id}</dd>
            </dl>
          </div>
          <ActionFeedback action={action} />
          {t.status === 'pending' && <ResolveForm transaction={t} action={action} onResolved={loaded.reload} />}
        </>
      )}
    </section>
  );
}

interface ResolveFormProps {
  transaction: Transaction;
  action: Action;
  onResolved: () => void;
}

function ResolveForm({ transaction: t, action, onResolved }: ResolveFormProps) {
  const [status, setStatus] = useState<'success' | 'failed'>('failed');
  const [sn, setSn] = useState('');
  const [reason, setReason] = useState('');
  const ready = reason.trim() !== '' && !action.busy;

  const resolve = () =>
    action
      .run(async () => {
        const after = await unwrap(
          api.POST('/api/admin/pulsa/transactions/{id}/resolve', {
            params: { path: { id: t.id } },
            body: { status, reason: reason.trim(), ...(status === 'success' && sn.trim() ? { sn: sn.trim() } : {}) },
          }),
        );
        return after.status === 'success'
          ? `${after.shortId} ditandai SUKSES: ${rupiah(after.price)} dari saldo agen dibayarkan, agen diberi tahu.`
          : `${after.shortId} ditandai GAGAL: ${rupiah(after.price)} dikembalikan ke saldo agen, agen diberi tahu.`;
      })
      .then(onResolved); // after a 409 too: someone else finalised it, show what they did

  return (
    <div className="card">
      <h2>Selesaikan transaksi</h2>
      <p className="muted">
        Cek dulu status transaksi ini di supplier (ref ID {t.refId}). Sukses membebankan harga ke agen; gagal
        mengembalikan saldo yang ditahan.
      </p>
      <div className="form">
        <fieldset className="pulsa-choice">
          <legend>Hasil</legend>
          <label className="check">
            <input
              type="radio"
              name="resolve-status"
              checked={status === 'success'}
              onChange={() => setStatus('success')}
            />
            Sukses
          </label>
          <label className="check">
            <input
              type="radio"
              name="resolve-status"
              checked={status === 'failed'}
              onChange={() => setStatus('failed')}
            />
            Gagal
          </label>
        </fieldset>
        {status === 'success' && (
          <label>
            Nomor seri (SN)
            <input value={sn} onChange={(e) => setSn(e.target.value)} maxLength={100} />
          </label>
        )}
        <label>
          Alasan (wajib)
          <input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={300}
            placeholder="Dicek di dasbor supplier"
          />
        </label>
      </div>
      <div className="actions">
        <ConfirmButton
          danger={status === 'failed'}
          disabled={!ready}
          confirmLabel={status === 'success' ? 'Ya, tandai sukses' : 'Ya, tandai gagal'}
          question={
            status === 'success' ? (
              <p>
                Tandai {t.shortId} ({t.productCode} ke {t.destination}) <strong>SUKSES</strong>
                {sn.trim() && ` dengan SN ${sn.trim()}`}? Agen membayar {rupiah(t.price)}.
              </p>
            ) : (
              <p>
                Tandai {t.shortId} ({t.productCode} ke {t.destination}) <strong>GAGAL</strong>? {rupiah(t.price)}{' '}
                dikembalikan ke saldo agen.
              </p>
            )
          }
          onConfirm={() => void resolve()}
        >
          Selesaikan…
        </ConfirmButton>
      </div>
    </div>
  );
}
