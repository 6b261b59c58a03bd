import { useState } from 'react';
import { NavLink, Outlet } from 'react-router';
import { session } from '../auth/session';

const SECTIONS = [
  { to: '/', label: 'Ringkasan', end: true },
  { to: '/reservasi', label: 'Reservasi' },
  { to: '/pembayaran', label: 'Pembayaran' },
  { to: '/pulsa', label: 'Pulsa' },
  { to: '/pengguna', label: 'Pengguna & buku besar' },
];

/** The frame of every page: the sections, who is signed in, and sign-out. */
export function Shell() {
  const user = session.user();
  const [open, setOpen] = useState(false);
  return (
    <div className="shell">
      <header className="topbar">
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={open}
          aria-controls="sections"
          onClick={() => setOpen(!open)}
        >
          Menu
        </button>
        <span className="brand">Loket Admin</span>
        <span className="who">{user?.name ?? user?.username}</span>
        <button type="button" onClick={() => session.end()}>
          Keluar
        </button>
      </header>
      <nav id="sections" className={open ? 'sections open' : 'sections'} aria-label="Bagian">
        {SECTIONS.map((section) => (
          <NavLink key={section.to} to={section.to} end={section.end} onClick={() => setOpen(false)}>
            {section.label}
          </NavLink>
        ))}
      </nav>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
