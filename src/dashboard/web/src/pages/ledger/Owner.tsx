import { Link } from 'react-router';
import { type Account, userSearchPath } from './labels';

/** Who an account belongs to: the system, or a user (linking to them in the users list). */
export function Owner({ account }: { account: Account }) {
  if (account.ownerType === 'system') return <span className="muted">Sistem</span>;
  if (!account.ownerUsername) return <span className="muted">Pengguna tidak dikenal</span>;
  return <Link to={userSearchPath(account.ownerUsername)}>{account.ownerUsername}</Link>;
}
