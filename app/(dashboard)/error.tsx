"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";

// A dashboard page that fails to render lands here, inside the sidebar's frame, so the rest of the
// dashboard stays one click away. In production only the error's digest reaches the browser:
// lib/database/unavailable.ts (pageFailure) marks database outages `database_unavailable:<request id>`,
// the id the server logged the failure under; any other digest is the one in the server's log.
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [retrying, startRetry] = useTransition();
  const [code, requestId] = (error.digest ?? "").split(":");
  const databaseAway = code === "database_unavailable";
  return (
    <div role="alert" className="card mx-auto max-w-lg space-y-3" data-testid="page-error">
      <h1 className="text-lg font-semibold">{databaseAway ? "Can't reach the database" : "This page could not be shown"}</h1>
      <p className="muted">
        {databaseAway
          ? "The dashboard is running, but its database is not answering right now. It usually comes back within seconds; your data is safe."
          : "Something went wrong while loading it. Try again; if it keeps failing, tell your administrator and quote the request id."}
      </p>
      <p className="muted text-xs">
        Request id: <code data-testid="request-id">{(databaseAway ? requestId : error.digest) || "none"}</code>
      </p>
      <button
        type="button"
        className="btn-primary"
        disabled={retrying}
        onClick={() =>
          // Fetch the page's server data again, then re-render what failed.
          startRetry(() => {
            router.refresh();
            reset();
          })
        }
      >
        {retrying ? "Trying again…" : "Try again"}
      </button>
    </div>
  );
}
