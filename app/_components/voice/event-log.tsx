"use client";

import { useState } from "react";

export interface LoggedEvent {
  seq: number;
  at: number;
  type: string;
  raw: string;
}

export function EventLog({ events, onClear }: { events: LoggedEvent[]; onClear(): void }) {
  const [filter, setFilter] = useState("");
  const shown = events.filter((e) => e.type.includes(filter.trim())).slice(-200);
  return (
    <section className="card space-y-3" aria-labelledby="event-log-heading">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="event-log-heading" className="font-semibold">
          Event log <span className="muted font-normal">({events.length})</span>
        </h2>
        <div className="flex gap-2">
          <label htmlFor="event-filter" className="sr-only">
            Filter events by type
          </label>
          <input
            id="event-filter"
            className="input w-48"
            placeholder="Filter by type, e.g. response"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <button type="button" className="btn-secondary" onClick={onClear}>
            Clear
          </button>
        </div>
      </div>
      <ol className="max-h-80 space-y-1 overflow-auto font-mono text-xs">
        {shown.map((e) => (
          <li key={e.seq}>
            <details>
              <summary className="cursor-pointer">
                <span className="text-zinc-500">{new Date(e.at).toISOString().slice(11, 23)}</span> {e.type}
              </summary>
              <pre className="overflow-x-auto whitespace-pre-wrap break-all p-2 text-zinc-600 dark:text-zinc-400">{e.raw}</pre>
            </details>
          </li>
        ))}
        {shown.length === 0 && <li className="muted">No events{filter ? " match the filter" : " yet"}.</li>}
      </ol>
    </section>
  );
}
