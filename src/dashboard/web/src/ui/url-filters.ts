// Reading and writing a list's filters in the URL's search params (the hook is useUrlFilters).

/** The search param of a list's first row shown: `?mulai=40`. */
export const OFFSET_PARAM = 'mulai';

/** The named filters in `params` ('' when unset) and the list's offset (0 unless a whole positive number). */
export function readUrlFilters<K extends string>(
  params: URLSearchParams,
  keys: readonly K[],
): { values: Record<K, string>; offset: number } {
  const values = Object.fromEntries(keys.map((key) => [key, params.get(key) ?? ''])) as Record<K, string>;
  const offset = Number(params.get(OFFSET_PARAM));
  return { values, offset: Number.isSafeInteger(offset) && offset > 0 ? offset : 0 };
}

/**
 * `params` with `changes` applied ('' and null remove a param). Unless `keepPage`, the list goes back
 * to its first page: the old offset may lie past the end of what the new filters find.
 */
export function withUrlFilters(
  params: URLSearchParams,
  changes: Record<string, string | null | undefined>,
  keepPage = false,
) {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  if (!keepPage) next.delete(OFFSET_PARAM);
  return next;
}
