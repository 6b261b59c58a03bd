import { type ReactNode, useRef } from 'react';

interface ConfirmButtonProps {
  /** The button's label. */
  children: ReactNode;
  /** What will happen, shown in the confirmation step. */
  question: ReactNode;
  confirmLabel?: string;
  danger?: boolean;
  disabled?: boolean;
  onConfirm: () => void;
}

/** A button that asks first, in a modal dialog, before an action that moves money or cannot be undone. */
export function ConfirmButton({
  children,
  question,
  confirmLabel = 'Ya, lanjutkan',
  danger,
  disabled,
  onConfirm,
}: ConfirmButtonProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button
        type="button"
        className={danger ? 'danger' : undefined}
        disabled={disabled}
        onClick={() => dialog.current?.showModal()}
      >
        {children}
      </button>
      <dialog ref={dialog} className="confirm">
        <form method="dialog">
          <div className="confirm-question">{question}</div>
          <div className="confirm-actions">
            <button value="cancel">Batal</button>
            <button value="ok" className={danger ? 'danger' : 'primary'} onClick={onConfirm}>
              {confirmLabel}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
