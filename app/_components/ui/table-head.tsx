/**
 * A data table's header row; columns from `rightFrom` on hold numbers and align right. With
 * `stickyFirst`, the first column stays in view while a narrow screen scrolls the table sideways.
 */
export function TableHead({ columns, rightFrom, stickyFirst = false }: { columns: string[]; rightFrom: number; stickyFirst?: boolean }) {
  return (
    <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
      <tr>
        {columns.map((h, i) => (
          <th
            key={h}
            scope="col"
            className={`px-4 py-2 font-medium ${i >= rightFrom ? "text-right" : ""} ${i === 0 && stickyFirst ? STICKY_CELL : ""}`}
          >
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** The first cell of a row whose table scrolls sideways on a phone: it stays put, on the card's background. */
export const STICKY_CELL = "sticky left-0 z-10 bg-white dark:bg-zinc-900";
