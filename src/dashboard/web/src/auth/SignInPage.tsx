import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client';
import { ErrorNote } from '../ui/Feedback';
import { session } from './session';

/** Sign-in with Loket's own accounts; only admins get in, everyone else is told why. */
export function SignInPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [refused, setRefused] = useState<string | null>(null);

  async function signIn(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setRefused(null);
    try {
      const answer = await unwrap(api.POST('/api/auth/signin', { body: { username, password } }));
      if (answer.user.role !== 'admin') {
        setRefused(
          `Akun ${answer.user.username} bukan admin. Dasbor ini hanya untuk admin toko; agen dan pelanggan memakai bot Telegram atau aplikasi.`,
        );
        return;
      }
      session.start(answer.accessToken, answer.user);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="signin">
      <form onSubmit={signIn} className="card">
        <h1>Loket Admin</h1>
        <p className="muted">Masuk dengan akun admin.</p>
        <label>
          Nama pengguna
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          Kata sandi
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Masuk…' : 'Masuk'}
        </button>
        {refused && (
          <p className="note note-error" role="alert">
            {refused}
          </p>
        )}
        <ErrorNote error={error} />
      </form>
    </main>
  );
}
