// The Tokens tab while its list loads: the two cards' outlines under the settings tabs.
export default function TokensLoading() {
  return (
    <div role="status" aria-label="Loading tokens" aria-busy="true" className="space-y-6" data-testid="tokens-loading">
      <div className="h-4 w-full max-w-2xl animate-pulse rounded-md bg-zinc-200 dark:bg-zinc-800" />
      <div className="card h-72 animate-pulse bg-zinc-100 dark:bg-zinc-800" />
      <div className="card h-40 animate-pulse bg-zinc-100 dark:bg-zinc-800" />
      <span className="sr-only">Loading…</span>
    </div>
  );
}
