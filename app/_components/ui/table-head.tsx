/** A data table's header row; columns from `rightFrom` on hold numbers and align right. */
export function TableHead({ columns, rightFrom }: { columns: string[]; rightFrom: number }) {
  return (
    <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
      <tr>
        {columns.map((h, i) => (
          <th key={h} scope="col" className={`px-4 py-2 font-medium ${i >= rightFrom ? "text-right" : ""}`}>
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}
