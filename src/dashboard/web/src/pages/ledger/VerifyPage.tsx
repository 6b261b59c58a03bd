import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ErrorNote } from '../../ui/Feedback';
import { count, dateTime } from '../../ui/format';
import { Stat } from '../../ui/Stat';
import { useLoad } from '../../ui/useLoad';
import { checkLabel } from './labels';

/** The ledger's invariants checked from its raw rows: OK, or each problem with what it concerns. */
export function VerifyPage() {
  const [round, setRound] = useState(0);
  const report = useLoad(async () => {
    const answer = await unwrap(api.GET('/api/admin/ledger/verify'));
    return { ...answer, at: new Date() };
  }, [round]);
  const r = report.data;
  return (
    <section>
      <h2>Verifikasi buku besar</h2>
      <div className="actions">
        <button type="button" className="primary" disabled={report.loading} onClick={() => setRound(round + 1)}>
          Periksa lagi
        </button>
      </div>
      <div aria-live="polite">
        {report.loading && <p className="note note-busy">Memeriksa seluruh buku besar…</p>}
        <ErrorNote error={report.error} />
        {r && !report.loading && (
          <div className={r.ok ? 'note note-ok ledger-verdict' : 'note note-error ledger-verdict'} role="status">
            {r.ok
              ? 'Buku besar seimbang: semua pemeriksaan lolos.'
              : `Buku besar TIDAK seimbang: ${count(r.problems.length)} masalah ditemukan.`}
          </div>
        )}
      </div>
      {r && (
        <>
          <div className="grid">
            <Stat label="Akun" value={count(r.accounts)} />
            <Stat label="Jurnal" value={count(r.journals)} />
            <Stat label="Baris" value={count(r.entries)} />
            <Stat label="Diperiksa" value={dateTime(r.at)} />
          </div>
          {r.problems.length > 0 && (
            <>
              <h3>Masalah</h3>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th>Pemeriksaan</th>
                      <th>Subjek</th>
                      <th>Rincian</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.problems.map((p, i) => (
                      <tr key={i}>
                        <td>
                          {checkLabel(p.check)} <span className="muted">({p.check})</span>
                        </td>
                        <td className="ledger-code">{p.subject}</td>
                        <td>{p.detail}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}
