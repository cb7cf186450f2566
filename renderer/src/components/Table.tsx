import type { ReactNode } from 'react';

/** A data table: one header row of column names, the rows as children. */
export function Table({ columns, label, children }: { columns: readonly string[]; label?: string; children: ReactNode }) {
  return (
    <table className="table" aria-label={label}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col" key={column}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
