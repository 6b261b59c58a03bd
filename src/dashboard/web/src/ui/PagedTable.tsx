import { DataTable, type TableShape } from './DataTable';
import { ErrorNote, Loading } from './Feedback';
import { count } from './format';
import { Pager } from './Pager';

/** One offset page of a list, as every paged API route answers it. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type PagedTableProps<T> = TableShape<T> & {
  /** The page as useLoad gives it: its error and first load are said in place of the table. */
  page: { data?: Page<T>; error: unknown; loading: boolean };
  onOffset: (offset: number) => void;
  /** Said after the total above the table (`12 transaksi`); no such line without it. */
  totalLabel?: string;
};

/** A paged list: the API's error, loading, the table (or its empty line) and the pager. */
export function PagedTable<T>({ page, onOffset, totalLabel, ...table }: PagedTableProps<T>) {
  const data = page.data;
  return (
    <>
      <ErrorNote error={page.error} />
      {page.loading && !data && <Loading />}
      {data && (
        <>
          {totalLabel && (
            <p className="muted">
              {count(data.total)} {totalLabel}
            </p>
          )}
          {/* The rest of the props is the TableShape<T> they were given as. */}
          <DataTable {...(table as TableShape<T>)} rows={data.items} />
          <Pager total={data.total} limit={data.limit} offset={data.offset} onOffset={onOffset} />
        </>
      )}
    </>
  );
}

/** A page of a list held whole (a small catalogue the API answers at once). */
export function pageOf<T>(items: T[], offset: number, limit: number): Page<T> {
  return { items: items.slice(offset, offset + limit), total: items.length, limit, offset };
}
