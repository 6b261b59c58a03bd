import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ConfirmButton } from '../../ui/ConfirmButton';
import type { Column } from '../../ui/DataTable';
import { ActionFeedback, ErrorNote, Loading } from '../../ui/Feedback';
import { dateTime, rupiah } from '../../ui/format';
import { PagedTable } from '../../ui/PagedTable';
import { type Action, useAction } from '../../ui/useAction';
import { useLoad } from '../../ui/useLoad';
import { useUrlFilters } from '../../ui/useUrlFilters';
import { type Agent, PAGE_SIZE } from './pulsa-common';
import { type LinkInvitation, TelegramLinkCard } from './TelegramLinkCard';

const PIN = /^\d{4,6}$/;

/** Agents with their PIN state and wallet; register one (with a Telegram link and QR), set a PIN, unlock. */
export function AgentsPage() {
  // `kelola` opens one agent's card above the list.
  const url = useUrlFilters(['q', 'kelola']);
  const { q, kelola: managing } = url.values;
  const { offset } = url;
  const agents = useLoad(
    () =>
      unwrap(
        api.GET('/api/admin/pulsa/agents', { params: { query: { q: q || undefined, limit: PAGE_SIZE, offset } } }),
      ),
    [q, offset],
  );
  const action = useAction();
  const [invitation, setInvitation] = useState<{ username: string; link: LinkInvitation } | null>(null);

  const columns: Column<Agent>[] = [
    { header: 'Username', cell: (a) => a.username },
    { header: 'Nama', cell: (a) => a.name },
    { header: 'Nomor HP', cell: (a) => a.phone ?? '-' },
    { header: 'PIN', cell: (a) => <PinState agent={a} /> },
    { header: 'Saldo', className: 'num', cell: (a) => rupiah(a.balance) },
    { header: 'Tersedia', className: 'num', cell: (a) => rupiah(a.available) },
    {
      header: 'Telegram',
      cell: (a) => (
        <span className={a.telegramLinked ? 'badge ok' : 'badge'}>{a.telegramLinked ? 'Terhubung' : 'Belum'}</span>
      ),
    },
    { header: 'Terdaftar', cell: (a) => dateTime(a.createdAt) },
    {
      header: 'Aksi',
      cell: (a) => (
        <button
          type="button"
          aria-label={`Kelola ${a.username}`}
          onClick={() => url.applyKeepingPage({ kelola: a.username })}
        >
          Kelola
        </button>
      ),
    },
  ];

  return (
    <section>
      <RegisterAgent
        action={action}
        onRegistered={(username, link) => {
          setInvitation(link ? { username, link } : null);
          agents.reload();
        }}
      />
      <ActionFeedback action={action} />
      {invitation && <TelegramLinkCard username={invitation.username} link={invitation.link} />}

      {managing && (
        <ManageAgent
          key={`kelola:${managing}`}
          username={managing}
          action={action}
          onChanged={agents.reload}
          onInvitation={(link) => setInvitation({ username: managing, link })}
          onClose={() => url.applyKeepingPage({ kelola: null })}
        />
      )}

      <h2>Daftar agen</h2>
      <form className="toolbar" onSubmit={url.applyForm} key={`q:${q}`} role="search">
        <label>
          Cari agen
          <input name="q" type="search" defaultValue={q} placeholder="Username, nama atau nomor HP" />
        </label>
        <div className="actions">
          <button type="submit">Cari</button>
        </div>
      </form>
      <PagedTable
        page={agents}
        totalLabel="agen"
        columns={columns}
        rowKey={(a) => a.username}
        empty={q ? 'Tidak ada agen yang cocok.' : 'Belum ada agen.'}
        onOffset={url.goTo}
      />
    </section>
  );
}

function PinState({ agent }: { agent: Agent }) {
  if (agent.locked) return <span className="badge bad">Terkunci</span>;
  if (!agent.hasPin) return <span className="badge">Belum ada</span>;
  return (
    <span className={agent.pinFailures > 0 ? 'badge warn' : 'badge ok'}>
      Ada{agent.pinFailures > 0 && ` · salah ${agent.pinFailures}×`}
    </span>
  );
}

interface RegisterAgentProps {
  action: Action;
  onRegistered: (username: string, link: LinkInvitation | null) => void;
}

function RegisterAgent({ action, onRegistered }: RegisterAgentProps) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ username: '', name: '', phone: '', pin: '' });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((before) => ({ ...before, [key]: e.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const pin = form.pin.trim();
      const agent = await unwrap(
        api.POST('/api/admin/pulsa/agents', {
          body: {
            username: form.username.trim(),
            name: form.name.trim(),
            phone: form.phone.trim(),
            ...(pin ? { pin } : {}),
          },
        }),
      );
      onRegistered(agent.username, agent.telegramLink);
      setForm({ username: '', name: '', phone: '', pin: '' });
      setOpen(false);
      const who = agent.created ? `Agen ${agent.username} didaftarkan` : `Pengguna ${agent.username} dijadikan agen`;
      const pinNote = agent.hasPin ? 'dengan PIN' : 'tanpa PIN';
      const linkNote = agent.telegramLink
        ? 'Kirimkan tautan Telegram di bawah kepadanya.'
        : 'Bot Telegram tidak aktif, jadi belum ada tautan.';
      return `${who} (${pinNote}). ${linkNote}`;
    });
  };

  if (!open)
    return (
      <div className="actions">
        <button type="button" className="primary" onClick={() => setOpen(true)}>
          Daftarkan agen
        </button>
      </div>
    );
  return (
    <form className="card" onSubmit={submit} aria-label="Daftarkan agen">
      <h2>Daftarkan agen</h2>
      <p className="muted">Pengguna yang sudah ada dengan username ini dijadikan agen.</p>
      <div className="form">
        <label>
          Username
          <input
            value={form.username}
            onChange={set('username')}
            required
            autoCapitalize="none"
            placeholder="agen_budi"
          />
        </label>
        <label>
          Nama
          <input value={form.name} onChange={set('name')} required maxLength={100} placeholder="Budi Cell" />
        </label>
        <label>
          Nomor HP
          <input value={form.phone} onChange={set('phone')} required inputMode="tel" placeholder="081234567890" />
        </label>
        <label>
          PIN awal (opsional, 4–6 angka)
          <input value={form.pin} onChange={set('pin')} inputMode="numeric" pattern="\d{4,6}" autoComplete="off" />
        </label>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={action.busy}>
          Daftarkan
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Batal
        </button>
      </div>
    </form>
  );
}

interface ManageAgentProps {
  username: string;
  action: Action;
  onChanged: () => void;
  onInvitation: (link: LinkInvitation) => void;
  onClose: () => void;
}

/** One agent's PIN, lock and Telegram link. */
function ManageAgent({ username, action, onChanged, onInvitation, onClose }: ManageAgentProps) {
  const loaded = useLoad(async () => {
    const page = await unwrap(api.GET('/api/admin/pulsa/agents', { params: { query: { q: username, limit: 100 } } }));
    return page.items.find((a) => a.username === username) ?? null;
  }, [username]);
  const [pin, setPin] = useState('');
  const agent = loaded.data;
  const after = (ok: boolean) => {
    loaded.reload();
    onChanged();
    return ok;
  };

  const setAgentPin = () =>
    action
      .run(async () => {
        const state = await unwrap(
          api.PUT('/api/admin/pulsa/agents/{username}/pin', { params: { path: { username } }, body: { pin } }),
        );
        setPin('');
        return `PIN ${state.username} disetel; hitungan PIN salah kembali nol${state.locked ? ', tetapi agen masih terkunci' : ''}.`;
      })
      .then(after);

  const unlock = () =>
    action
      .run(async () => {
        const state = await unwrap(
          api.POST('/api/admin/pulsa/agents/{username}/unlock', { params: { path: { username } } }),
        );
        return state.locked ? `${state.username} masih terkunci.` : `${state.username} dibuka: agen bisa membeli lagi.`;
      })
      .then(after);

  const newLink = () =>
    action.run(async () => {
      const link = await unwrap(
        api.POST('/api/admin/users/{username}/telegram-link', { params: { path: { username } } }),
      );
      onInvitation(link);
      return `Tautan Telegram baru untuk ${username} dibuat; berlaku sampai ${dateTime(link.expiresAt)}.`;
    });

  return (
    <div className="card" role="region" aria-label={`Kelola ${username}`}>
      <h2>Kelola agen {username}</h2>
      <ErrorNote error={loaded.error} />
      {loaded.loading && !loaded.data && <Loading />}
      {agent === null && <p className="note note-error">Agen {username} tidak ditemukan.</p>}
      {agent && (
        <>
          <dl className="facts">
            <dt>Nama</dt>
            <dd>{agent.name}</dd>
            <dt>Nomor HP</dt>
            <dd>{agent.phone ?? '-'}</dd>
            <dt>PIN</dt>
            <dd>
              <PinState agent={agent} /> {agent.hasPin && `${agent.pinFailures} salah berturut-turut`}
            </dd>
            <dt>Saldo</dt>
            <dd>
              {rupiah(agent.balance)} (tersedia {rupiah(agent.available)})
            </dd>
            <dt>Telegram</dt>
            <dd>{agent.telegramLinked ? 'Terhubung' : 'Belum terhubung'}</dd>
          </dl>
          <p>
            <Link to={`/pulsa/transaksi?agen=${encodeURIComponent(username)}`}>Lihat transaksi {username}</Link>
          </p>

          <h3>Setel PIN</h3>
          <div className="toolbar">
            <label>
              PIN baru (4–6 angka)
              <input
                value={pin}
                onChange={(e) => setPin(e.target.value)}
                inputMode="numeric"
                autoComplete="off"
                maxLength={6}
              />
            </label>
            <div className="actions">
              <ConfirmButton
                disabled={!PIN.test(pin) || action.busy}
                confirmLabel="Ya, setel PIN"
                question={
                  <p>Setel PIN baru untuk {username}? PIN lamanya tidak berlaku lagi; beri tahu agen PIN barunya.</p>
                }
                onConfirm={() => void setAgentPin()}
              >
                Setel PIN
              </ConfirmButton>
            </div>
          </div>

          <div className="actions">
            <ConfirmButton
              disabled={!agent.locked || action.busy}
              confirmLabel="Ya, buka kunci"
              question={
                <p>
                  Buka kunci {username}? Agen terkunci setelah 5 PIN salah berturut-turut; pastikan memang agen sendiri
                  yang salah memasukkan PIN.
                </p>
              }
              onConfirm={() => void unlock()}
            >
              Buka kunci
            </ConfirmButton>
            <ConfirmButton
              disabled={action.busy}
              confirmLabel="Ya, buat tautan"
              question={
                <p>
                  Buat tautan Telegram baru untuk {username}? Chat yang membukanya bertindak sebagai agen ini: berikan
                  hanya kepada agen sendiri. Sekali pakai, berlaku 15 menit.
                </p>
              }
              onConfirm={() => void newLink()}
            >
              Tautan Telegram baru
            </ConfirmButton>
            <button type="button" onClick={onClose}>
              Tutup
            </button>
          </div>
        </>
      )}
    </div>
  );
}
