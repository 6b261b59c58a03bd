import { type ReactNode, useState } from 'react';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ActionFeedback } from '../../ui/Feedback';
import type { Action } from '../../ui/useAction';

// The pieces every card of the catalogue page is made of: a form that saves one entry by its key,
// what the last save or removal did, and the entries with a way to edit or withdraw each.

interface CatalogueCardProps {
  id: string;
  title: string;
  action: Action;
  /** The form that adds or changes an entry. */
  form: ReactNode;
  /** The entries (and anything that narrows them). */
  children: ReactNode;
}

export function CatalogueCard({ id, title, action, form, children }: CatalogueCardProps) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {form}
      <ActionFeedback action={action} />
      {children}
    </section>
  );
}

/** A form's fields as one object, set one at a time. */
export function useFields<F extends object>(empty: F) {
  const [fields, setFields] = useState(empty);
  const set = <K extends keyof F>(field: K, value: F[K]) => setFields({ ...fields, [field]: value });
  return { fields, set, fill: setFields, clear: () => setFields(empty) };
}

export function ActiveCheckbox({ checked, onChange }: { checked: boolean; onChange: (active: boolean) => void }) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      Aktif (ditawarkan ke pelanggan)
    </label>
  );
}

export function ActiveBadge({ active }: { active: boolean }) {
  return active ? <span className="badge ok">Aktif</span> : <span className="badge">Nonaktif</span>;
}

/** Save, and (for a form that edits an entry picked from the list) empty the form again. */
export function SaveButtons({ label, busy, onClear }: { label: string; busy: boolean; onClear?: () => void }) {
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={busy}>
        {label}
      </button>
      {onClear && (
        <button type="button" onClick={onClear}>
          Kosongkan
        </button>
      )}
    </div>
  );
}

interface RowActionsProps {
  /** Named in the edit button's accessible label: `Ubah ${what}`. */
  what: string;
  /** Puts the entry in the form. */
  onEdit: () => void;
  /** Withdraws the entry after a confirmation; none when there is nothing to withdraw. */
  withdraw?: { label: string; confirmLabel: string; question: string; onConfirm: () => void };
}

export function RowActions({ what, onEdit, withdraw }: RowActionsProps) {
  return (
    <div className="res-row-actions">
      <button type="button" aria-label={`Ubah ${what}`} onClick={onEdit}>
        Ubah
      </button>
      {withdraw && (
        <ConfirmButton question={withdraw.question} confirmLabel={withdraw.confirmLabel} onConfirm={withdraw.onConfirm}>
          {withdraw.label}
        </ConfirmButton>
      )}
    </div>
  );
}
