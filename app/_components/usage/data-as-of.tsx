"use client";

import { useEffect, useState } from "react";

/** "Data as of 14:05:09 · Refresh": when the server read these figures from OpenAI; Refresh asks past its cache. */
export function DataAsOf({ fetchedAt, onRefresh }: { fetchedAt: string; onRefresh: () => void }) {
  // The time in the reader's zone, once in the browser (the server's zone may differ): UTC until then.
  const [zoned, setZoned] = useState(false);
  useEffect(() => setZoned(true), []);
  const at = new Date(fetchedAt);
  const time = zoned ? at.toLocaleTimeString() : `${at.toISOString().slice(11, 19)} UTC`;
  return (
    <p className="muted text-sm" data-testid="usage-as-of">
      Data as of{" "}
      <time dateTime={fetchedAt} data-testid="usage-fetched-at">
        {time}
      </time>{" "}
      ·{" "}
      <button type="button" className="underline underline-offset-2 hover:text-zinc-900 dark:hover:text-zinc-100" onClick={onRefresh}>
        Refresh
      </button>
    </p>
  );
}
