import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { OFFSET_PARAM, readUrlFilters, withUrlFilters } from './url-filters';

type Changes<K extends string> = Partial<Record<K, string | null>>;

export interface UrlFilters<K extends string> {
  values: Record<K, string>;
  offset: number;
  /** Whether any of the keys is set. */
  filtered: boolean;
  /** Sets filters and shows the first page. */
  apply: (changes: Changes<K>) => void;
  /** Sets what the page shows beside the list (a form, a row being managed), on the same page of it. */
  applyKeepingPage: (changes: Changes<K>) => void;
  /** Applies the fields of a submitted filter form that are named after a key (trimmed). */
  applyForm: (event: FormEvent<HTMLFormElement>) => void;
  /** Shows the list from `offset`. */
  goTo: (offset: number) => void;
  clear: () => void;
  /** The search string (`?…`) with `changes`, on the first page: for links that narrow the list. */
  linkWith: (changes: Changes<K>) => string;
}

/**
 * A list's filters kept in the URL's search params, so that a reload, back and forward or a shared
 * link show the same rows.
 */
export function useUrlFilters<K extends string>(keys: readonly K[]): UrlFilters<K> {
  const [params, setParams] = useSearchParams();
  const { values, offset } = readUrlFilters(params, keys);
  return {
    values,
    offset,
    filtered: keys.some((key) => values[key] !== ''),
    apply: (changes) => setParams(withUrlFilters(params, changes)),
    applyKeepingPage: (changes) => setParams(withUrlFilters(params, changes, true)),
    applyForm: (event) => {
      event.preventDefault();
      const form = new FormData(event.currentTarget);
      const changes: Changes<K> = {};
      for (const key of keys) {
        const value = form.get(key);
        if (typeof value === 'string') changes[key] = value.trim();
      }
      setParams(withUrlFilters(params, changes));
    },
    goTo: (next) => setParams(withUrlFilters(params, { [OFFSET_PARAM]: next ? String(next) : null }, true)),
    clear: () => setParams(new URLSearchParams()),
    linkWith: (changes) => `?${withUrlFilters(params, changes).toString()}`,
  };
}
