/** A timestamp in the reader's locale; the server's rendering may differ in time zone, hence the suppression. */
export function When({ iso }: { iso: string | null }) {
  if (!iso) return <>never</>;
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}
    </time>
  );
}
