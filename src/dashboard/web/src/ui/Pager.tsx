import { count } from './format';

interface PagerProps {
  total: number;
  limit: number;
  offset: number;
  onOffset: (offset: number) => void;
}

/** "1–20 dari 45" with previous and next, for the API's offset pages. */
export function Pager({ total, limit, offset, onOffset }: PagerProps) {
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pager" aria-label="Halaman">
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
        ‹ Sebelumnya
      </button>
      <span>
        {count(first)}–{count(last)} dari {count(total)}
      </span>
      <button type="button" disabled={offset + limit >= total} onClick={() => onOffset(offset + limit)}>
        Berikutnya ›
      </button>
    </nav>
  );
}
