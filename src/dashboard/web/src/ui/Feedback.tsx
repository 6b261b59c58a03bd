import { ApiError } from '../api/client';
import type { Action } from './useAction';

/** The API's message for an error (and its code), or a plain sentence for a network failure. */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const text =
    error instanceof ApiError
      ? error.message
      : error instanceof TypeError
        ? 'Tidak dapat menghubungi server. Periksa koneksi lalu coba lagi.'
        : error instanceof Error
          ? error.message
          : 'Terjadi kesalahan.';
  return (
    <p className="note note-error" role="alert">
      {text}
      {error instanceof ApiError && <span className="note-code"> ({error.code})</span>}
    </p>
  );
}

/** Progress, result or error of an action, read out to screen readers as it changes. */
export function ActionFeedback({ action }: { action: Action }) {
  return (
    <div aria-live="polite">
      {action.busy && <p className="note note-busy">Memproses…</p>}
      {action.done && (
        <p className="note note-ok" role="status">
          {action.done}
        </p>
      )}
      <ErrorNote error={action.error} />
    </div>
  );
}

export function Loading() {
  return <p className="note note-busy">Memuat…</p>;
}
