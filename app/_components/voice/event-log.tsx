"use client";

import { useState } from "react";
import { eventsAsJson, parseClientEvent, RAW_EVENT_EXAMPLE } from "./raw-event";

export interface LoggedEvent {
  seq: number;
  at: number;
  type: string;
  raw: string;
  /** Events the page sent itself (the box below); everything else came from OpenAI. */
  direction?: "received" | "sent";
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/** Admins: one raw client event into the live call, as OpenAI's Realtime console does. */
function SendEvent({ onSend, connected }: { onSend(event: { type: string } & Record<string, unknown>): void; connected: boolean }) {
  const [text, setText] = useState(RAW_EVENT_EXAMPLE);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = parseClientEvent(text);
        setSent(null);
        if (!parsed.ok) return setError(parsed.error);
        setError(null);
        onSend(parsed.event);
        setSent(parsed.event.type);
      }}
    >
      <label htmlFor="raw-event" className="label">
        Send a client event
      </label>
      <textarea
        id="raw-event"
        className="input min-h-28 font-mono text-xs"
        spellCheck={false}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby="raw-event-help"
        onChange={(e) => setText(e.target.value)}
      />
      <p id="raw-event-help" className="muted text-xs">
        One Realtime client event as JSON, sent on this call's data channel. For debugging: the server puts back any change to the
        workspace's policy.
      </p>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {sent && (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          Sent {sent}.
        </p>
      )}
      <button type="submit" className="btn-secondary" disabled={!connected}>
        {connected ? "Send event" : "Start a call to send events"}
      </button>
    </form>
  );
}

export function EventLog({
  events,
  onClear,
  onSend,
  connected = false,
}: {
  events: LoggedEvent[];
  onClear(): void;
  /** Given to admins only: the box to send a raw client event. */
  onSend?: (event: { type: string } & Record<string, unknown>) => void;
  connected?: boolean;
}) {
  const [filter, setFilter] = useState("");
  const shown = events.filter((e) => e.type.includes(filter.trim())).slice(-200);
  return (
    <section className="card space-y-3" aria-labelledby="event-log-heading">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="event-log-heading" className="font-semibold">
          Event log <span className="muted font-normal">({events.length})</span>
        </h2>
        <div className="flex flex-wrap gap-2">
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
          <button
            type="button"
            className="btn-secondary"
            disabled={events.length === 0}
            onClick={() => download(`realtime-events-${new Date().toISOString().replace(/[:.]/g, "-")}.json`, eventsAsJson(events))}
          >
            Export JSON
          </button>
          <button type="button" className="btn-secondary" onClick={onClear}>
            Clear
          </button>
        </div>
      </div>
      <ol className="max-h-80 space-y-1 overflow-auto font-mono text-xs">
        {shown.map((e) => (
          <li key={e.seq}>
            <details>
              <summary className="cursor-pointer break-all">
                <span className="text-zinc-500">{new Date(e.at).toISOString().slice(11, 23)}</span>{" "}
                {e.direction === "sent" && <span className="font-semibold text-indigo-700 dark:text-indigo-300">sent </span>}
                {e.type}
              </summary>
              <pre className="overflow-x-auto whitespace-pre-wrap break-all p-2 text-zinc-600 dark:text-zinc-400">{e.raw}</pre>
            </details>
          </li>
        ))}
        {shown.length === 0 && <li className="muted">No events{filter ? " match the filter" : " yet"}.</li>}
      </ol>
      {onSend && <SendEvent onSend={onSend} connected={connected} />}
    </section>
  );
}
