"use client";

// Any page that fails to render lands here. In production the server's message never reaches the
// browser, only its digest: lib/database/unavailable.ts (pageFailure) marks database outages as
// `database_unavailable:<request id>`, the id the server logged the failure under.
export default function PageError({ error }: { error: Error & { digest?: string } }) {
  const [code, requestId] = (error.digest ?? "").split(":");
  const databaseAway = code === "database_unavailable";
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center px-4">
      <div role="alert" className="card space-y-3">
        <h1 className="text-lg font-semibold">{databaseAway ? "Can't reach the database" : "Something went wrong"}</h1>
        <p className="muted">
          {databaseAway
            ? "The dashboard is running, but its database is not answering right now. It usually comes back within seconds; your data is safe."
            : "This page could not be shown. Try again; if it keeps failing, tell your administrator."}
        </p>
        <p className="muted text-xs">
          Request id: <code data-testid="request-id">{databaseAway ? requestId : (error.digest ?? "none")}</code>
        </p>
        <button type="button" className="btn-primary" onClick={() => window.location.reload()}>
          Try again
        </button>
      </div>
    </main>
  );
}
