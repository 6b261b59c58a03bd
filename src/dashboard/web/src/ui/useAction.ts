import { useState } from 'react';

export interface Action {
  busy: boolean;
  /** What happened, in a sentence for the person who clicked. */
  done: string | null;
  error: unknown;
  run: (work: () => Promise<string>) => Promise<boolean>;
  clear: () => void;
}

/** An action a person starts: busy while it runs, then what happened or the API's error. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  return {
    busy,
    done,
    error,
    clear: () => {
      setDone(null);
      setError(null);
    },
    run: async (work) => {
      setBusy(true);
      setDone(null);
      setError(null);
      try {
        setDone(await work());
        return true;
      } catch (caught) {
        setError(caught);
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}
