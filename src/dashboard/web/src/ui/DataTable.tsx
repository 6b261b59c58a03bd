import { Fragment, type ReactNode } from 'react';

export interface Heading {
  header: ReactNode;
  /** On the header and each cell of the column: `num` right-aligns figures. */
  className?: string;
}

export interface Column<T> extends Heading {
  cell: (row: T) => ReactNode;
}

type Rows<T> =
  | { columns: Column<T>[]; row?: undefined }
  /** A row with state of its own renders its whole `<tr>`; the columns then only head the table. */
  | { columns: Heading[]; row: (item: T) => ReactNode };

/** How a table shows its rows, whoever supplies them. */
export type TableShape<T> = Rows<T> & {
  rowKey: (row: T) => string;
  /** Said in the table's only row when there are no rows. */
  empty: ReactNode;
};

export type DataTableProps<T> = TableShape<T> & { rows: T[] };

/** A table in its scrolling wrapper (so a phone scrolls it sideways), or a line saying it is empty. */
export function DataTable<T>({ columns, row, rows, rowKey, empty }: DataTableProps<T>) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} className={column.className}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((item) =>
            row ? (
              <Fragment key={rowKey(item)}>{row(item)}</Fragment>
            ) : (
              <tr key={rowKey(item)}>
                {/* Without `row`, the columns are Column<T>s (see Rows). */}
                {columns.map((column, i) => (
                  <td key={i} className={column.className}>
                    {column.cell(item)}
                  </td>
                ))}
              </tr>
            ),
          )}
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="muted">
                {empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
