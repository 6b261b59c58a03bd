import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { session } from '../../auth/session';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ActionFeedback } from '../../ui/Feedback';
import { dateTime } from '../../ui/format';
import { PagedTable } from '../../ui/PagedTable';
import { type Action, useAction } from '../../ui/useAction';
import { useLoad } from '../../ui/useLoad';
import { useUrlFilters } from '../../ui/useUrlFilters';
import { Options } from '../../ui/Options';
import { accountPath, type Role, roleLabel, ROLES, type User, walletCode } from './labels';

const LIMIT = 20;
// Only headings: each row is a UserRow, which shows a role change at once.
const HEADERS = ['Nama pengguna', 'Peran', 'Ubah peran', 'Nama', 'Kontak', 'Terdaftar', 'Dompet'];
const COLUMNS = HEADERS.map((header) => ({ header }));

/** Users by role or username, each with their wallet, and a role change (never one's own: the API refuses). */
export function UsersPage() {
  const url = useUrlFilters(['peran', 'cari']);
  const role = url.values.peran as Role | '';
  const username = url.values.cari;
  const { offset } = url;
  const [typed, setTyped] = useState(username);
  const change = useAction();

  const users = useLoad(
    () =>
      unwrap(
        api.GET('/api/admin/users', {
          params: { query: { limit: LIMIT, offset, role: role || undefined, username: username || undefined } },
        }),
      ),
    [role, username, offset],
  );

  const search = (event: FormEvent) => {
    event.preventDefault();
    url.apply({ cari: typed.trim() });
  };

  return (
    <section>
      <h2>Pengguna dan peran</h2>
      <form className="toolbar" onSubmit={search} role="search">
        <label>
          Peran
          <select value={role} onChange={(e) => url.apply({ peran: e.target.value })}>
            <Options none="Semua peran" choices={ROLES} />
          </select>
        </label>
        <label>
          Nama pengguna diawali
          <input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="mis. siti" />
        </label>
        <button type="submit">Cari</button>
      </form>
      <ActionFeedback action={change} />
      <PagedTable
        page={users}
        columns={COLUMNS}
        row={(user) => <UserRow user={user} change={change} onChanged={users.reload} />}
        rowKey={(user) => `${user.id}:${user.role}`}
        empty="Tidak ada pengguna yang cocok."
        onOffset={url.goTo}
      />
    </section>
  );
}

function UserRow({ user: loaded, change, onChanged }: { user: User; change: Action; onChanged: () => void }) {
  // The API's answer shows at once; the list reloads behind it (a role filter may drop this user).
  const [user, setUser] = useState(loaded);
  const [role, setRole] = useState<Role>(loaded.role);
  const me = session.user()?.id === user.id;
  const apply = () =>
    change.run(async () => {
      const changed = await unwrap(
        api.PATCH('/api/admin/users/{username}', { params: { path: { username: user.username } }, body: { role } }),
      );
      setUser(changed);
      onChanged();
      return `Peran ${changed.username} sekarang ${roleLabel(changed.role)}.`;
    });
  return (
    <tr>
      <td>
        {user.username}
        {me && (
          <>
            {' '}
            <span className="badge">Anda</span>
          </>
        )}
      </td>
      <td>
        <span className={user.role === 'admin' ? 'badge warn' : 'badge'}>{roleLabel(user.role)}</span>
      </td>
      <td>
        <div className="ledger-role">
          <select
            aria-label={`Peran baru untuk ${user.username}`}
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
          >
            <Options choices={ROLES} />
          </select>
          <ConfirmButton
            disabled={role === user.role || change.busy}
            question={
              <p>
                Ubah peran <strong>{user.username}</strong> dari {roleLabel(user.role)} menjadi{' '}
                <strong>{roleLabel(role)}</strong>?
              </p>
            }
            confirmLabel="Ya, ubah peran"
            onConfirm={() => void apply()}
          >
            Ubah
          </ConfirmButton>
        </div>
      </td>
      <td>{user.name}</td>
      <td>{[user.phone, user.email].filter(Boolean).join(' · ') || '-'}</td>
      <td>{dateTime(user.createdAt)}</td>
      <td>
        <Link to={accountPath(walletCode(user.id))} aria-label={`Dompet ${user.username}`}>
          Lihat dompet
        </Link>
      </td>
    </tr>
  );
}
