import { type ReactNode, useState } from 'react';
import { Pager } from '../../ui/Pager';

const LIMIT = 20;

/** A page of a list the API gives whole (the catalogue), with the same pager as the API's pages. */
export function usePaged<T>(items: T[]): { shown: T[]; pager: ReactNode } {
  const [offset, setOffset] = useState(0);
  // A list that shrank (a filter, a delete) never leaves the pager past its end.
  const start = offset >= items.length ? Math.max(0, Math.floor((items.length - 1) / LIMIT) * LIMIT) : offset;
  return {
    shown: items.slice(start, start + LIMIT),
    pager:
      items.length > LIMIT ? <Pager total={items.length} limit={LIMIT} offset={start} onOffset={setOffset} /> : null,
  };
}

/** The code rule of the catalogue (models, parts, slots), as the API checks it. */
export const CODE_PATTERN = '[a-z0-9][a-z0-9_\\-]{0,31}';
export const CODE_HINT = 'huruf kecil, angka, - dan _ (maks. 32)';
