// Shown inside the dashboard's frame (sidebar and all) while a page's server data loads.
export default function DashboardLoading() {
  return (
    <div role="status" aria-label="Loading page" aria-busy="true" className="space-y-6" data-testid="page-loading">
      <div className="space-y-2">
        <div className="h-7 w-48 animate-pulse rounded-md bg-zinc-200 dark:bg-zinc-800" />
        <div className="h-4 w-80 max-w-full animate-pulse rounded-md bg-zinc-200 dark:bg-zinc-800" />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="card h-28 animate-pulse bg-zinc-100 dark:bg-zinc-800" />
        ))}
      </div>
      <span className="sr-only">Loading…</span>
    </div>
  );
}
