import { useEffect, useRef, useState } from 'react';
import type { components } from '../../api/schema';
import { dateTime } from '../../ui/format';

export type LinkInvitation = components['schemas']['LinkInvitationResponse'];

/** The QR code of `text`, drawn on a canvas: the CSP allows no data: images. */
function QrCanvas({ text, label }: { text: string; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const target = canvas.current;
    if (!target) return;
    setFailed(false);
    // Loaded on first use: only this card needs the QR encoder, so the first page load does not carry it.
    import('qrcode')
      .then(({ default: QRCode }) => QRCode.toCanvas(target, text, { width: 240, margin: 2 }))
      .catch(() => setFailed(true));
  }, [text]);
  return (
    <>
      <canvas ref={canvas} className="pulsa-qr" role="img" aria-label={label} />
      {failed && <p className="note note-error">Kode QR tidak dapat digambar; pakai tautannya.</p>}
    </>
  );
}

/** A one-use Telegram link for an agent, as a link to send and a QR code to scan from this screen. */
export function TelegramLinkCard({ username, link }: { username: string; link: LinkInvitation }) {
  return (
    <div className="card pulsa-link" aria-label={`Tautan Telegram ${username}`} role="region">
      <h2>Tautan Telegram untuk {username}</h2>
      <div className="pulsa-link-body">
        <QrCanvas text={link.deepLink} label={`Kode QR tautan Telegram ${username}`} />
        <div>
          <p>Minta agen memindai kode QR ini dengan kamera ponselnya, atau kirimkan tautan ini kepadanya:</p>
          <p>
            <a href={link.deepLink} target="_blank" rel="noreferrer" className="pulsa-deep-link">
              {link.deepLink}
            </a>
          </p>
          <p className="muted">
            Atau kirim <code>/start {link.code}</code> ke bot. Sekali pakai, berlaku sampai {dateTime(link.expiresAt)}.
          </p>
        </div>
      </div>
    </div>
  );
}
