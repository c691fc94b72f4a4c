"use client";

import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { callOutcome } from "@/lib/calls/labels";
import { apiPaths, hangUpCall } from "../api/routes";
import type { CallRow, CallsResponse, ProxyRequestRow } from "../api/types";
import { useConfirm } from "../ui/confirm-dialog";
import { EmptyState } from "../ui/empty-state";
import { Feedback } from "../ui/feedback";
import { formatWhole } from "../ui/format";
import { TableHead } from "../ui/table-head";
import { When } from "../ui/when";
import { type PagedState, usePagedList, usePolled } from "./use-paged-list";

export interface CallsMember {
  userId: string;
  name: string | null;
  email: string | null;
}

interface Props {
  viewerId: string;
  isAdmin: boolean;
  /** Admins: the workspace's members, for the member filter. */
  members: CallsMember[];
}

interface Filters {
  member: string;
  from: string;
  to: string;
}

const PAGE_SIZE = "50";
const LIVE_REFRESH_MS = 5_000;
const NO_FILTERS: Filters = { member: "", from: "", to: "" };

/** The reader's local day as the API's instants: `from` its first moment, `to` the first moment after it. */
function toQuery(filters: Filters): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.member) query.member = filters.member;
  if (filters.from) query.from = new Date(`${filters.from}T00:00`).toISOString();
  if (filters.to) {
    const end = new Date(`${filters.to}T00:00`);
    end.setDate(end.getDate() + 1);
    query.to = end.toISOString();
  }
  return query;
}

const usd = new Intl.NumberFormat("en", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const smallUsd = new Intl.NumberFormat("en", { style: "currency", currency: "USD", minimumFractionDigits: 4, maximumFractionDigits: 4 });
/** Millionths of a dollar: cents, or four decimals under a cent so that a short call is not "$0.00". */
export const formatMicros = (micros: number) => (micros > 0 && micros < 10_000 ? smallUsd.format(micros / 1e6) : usd.format(micros / 1e6));

export function formatDuration(seconds: number) {
  const s = Math.max(0, Math.floor(seconds));
  const hms = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const pad = (n: number) => String(n).padStart(2, "0");
  return hms[0] ? `${hms[0]}:${pad(hms[1] ?? 0)}:${pad(hms[2] ?? 0)}` : `${hms[1]}:${pad(hms[2] ?? 0)}`;
}

function useNow(intervalMs: number) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function CallsView({ viewerId, isAdmin, members }: Props) {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [tab, setTab] = useState<"calls" | "requests">("calls");
  const query = useMemo(() => toQuery(filters), [filters]);
  const filtered = filters.member !== "" || filters.from !== "" || filters.to !== "";
  const csvHref = tab === "calls" ? apiPaths.callList({ ...query, format: "csv" }) : apiPaths.proxyRequests({ ...query, format: "csv" });

  return (
    <div className="space-y-6">
      <form className="card flex flex-wrap items-end gap-3" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        {isAdmin && (
          <div className="w-full sm:w-64">
            <label htmlFor="calls-member" className="label">
              Member
            </label>
            <select
              id="calls-member"
              className="input"
              value={filters.member}
              onChange={(e) => setFilters((f) => ({ ...f, member: e.target.value }))}
            >
              <option value="">Everyone</option>
              {members.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.name && m.email ? `${m.name} (${m.email})` : (m.name ?? m.email)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="min-w-[9.5rem] flex-1 sm:flex-none">
          <label htmlFor="calls-from" className="label">
            From
          </label>
          <input
            id="calls-from"
            type="date"
            className="input"
            value={filters.from}
            max={filters.to || undefined}
            onChange={(e) => setFilters((f) => ({ ...f, from: e.target.value }))}
          />
        </div>
        <div className="min-w-[9.5rem] flex-1 sm:flex-none">
          <label htmlFor="calls-to" className="label">
            To
          </label>
          <input
            id="calls-to"
            type="date"
            className="input"
            value={filters.to}
            min={filters.from || undefined}
            onChange={(e) => setFilters((f) => ({ ...f, to: e.target.value }))}
          />
        </div>
        {filtered && (
          <button type="button" className="btn-secondary" onClick={() => setFilters(NO_FILTERS)}>
            Clear filters
          </button>
        )}
        <a className="btn-secondary w-full sm:ml-auto sm:w-auto" href={csvHref} download>
          Download CSV
        </a>
      </form>

      {!isAdmin && <p className="muted">You see your own calls and requests; admins see everyone's.</p>}

      <div role="tablist" aria-label="Ledger" className="flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {(
          [
            ["calls", "Voice calls"],
            ["requests", "API requests"],
          ] as const
        ).map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`panel-${id}`}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
              tab === id
                ? "border-indigo-600 text-indigo-700 dark:border-indigo-400 dark:text-indigo-300"
                : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
            }`}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </div>

      {tab === "calls" ? (
        <div role="tabpanel" id="panel-calls" aria-labelledby="tab-calls" className="space-y-6">
          <VoiceCalls query={query} filtered={filtered} viewerId={viewerId} isAdmin={isAdmin} onClear={() => setFilters(NO_FILTERS)} />
        </div>
      ) : (
        <div role="tabpanel" id="panel-requests" aria-labelledby="tab-requests">
          <ApiRequests query={query} filtered={filtered} onClear={() => setFilters(NO_FILTERS)} />
        </div>
      )}
      <p className="muted">
        Costs are our estimate from the price table, per call and live — not OpenAI's bill. The authoritative daily figures are on the{" "}
        <Link href="/usage" className="underline">
          Usage
        </Link>{" "}
        page.
      </p>
    </div>
  );
}

function VoiceCalls({
  query,
  filtered,
  viewerId,
  isAdmin,
  onClear,
}: {
  query: Record<string, string>;
  filtered: boolean;
  viewerId: string;
  isAdmin: boolean;
  onClear: () => void;
}) {
  const [reload, setReload] = useState(0);
  const live = usePolled<CallsResponse>(apiPaths.callList({ ...query, status: "live", limit: "200" }), LIVE_REFRESH_MS, reload);
  const history = usePagedList<CallRow>(apiPaths.callList({ ...query, status: "ended", limit: PAGE_SIZE }), "calls", reload);

  // A call that leaves the live list has ended: its row belongs in the history now.
  const liveIds = live.data?.calls.map((c) => c.id).join(",") ?? null;
  const previousLive = useRef<string | null>(null);
  useEffect(() => {
    if (liveIds === null) return;
    const before = previousLive.current;
    previousLive.current = liveIds;
    if (before?.split(",").some((id) => id && !liveIds.split(",").includes(id))) setReload((n) => n + 1);
  }, [liveIds]);

  const liveCalls = live.data?.calls ?? [];
  const nothing = history.state.status === "ok" && history.state.rows.length === 0 && live.data !== null && liveCalls.length === 0;
  if (nothing)
    return filtered ? (
      <NoMatches what="calls" onClear={onClear} />
    ) : (
      <EmptyState title="No calls yet">
        <p>
          No calls yet —{" "}
          <Link href="/voice" className="font-medium text-indigo-700 underline dark:text-indigo-300">
            try the assistant
          </Link>
          . {isAdmin ? "Every voice call of this workspace" : "Each of your voice calls"} will be listed here with its tokens and estimated
          cost.
        </p>
      </EmptyState>
    );

  return (
    <>
      <LiveCalls
        calls={liveCalls}
        error={live.error?.message ?? null}
        viewerId={viewerId}
        isAdmin={isAdmin}
        onChanged={() => setReload((n) => n + 1)}
      />
      <section aria-labelledby="call-history" className="space-y-3">
        <h2 id="call-history" className="text-lg font-semibold">
          Ended calls
        </h2>
        <PagedTable state={history.state} loadMore={history.loadMore} what="calls" onRetry={() => setReload((n) => n + 1)}>
          {(rows) => <CallsTable calls={rows} />}
        </PagedTable>
      </section>
    </>
  );
}

function LiveCalls({
  calls,
  error,
  viewerId,
  isAdmin,
  onChanged,
}: {
  calls: CallRow[];
  error: string | null;
  viewerId: string;
  isAdmin: boolean;
  onChanged: () => void;
}) {
  const now = useNow(1_000);
  const { confirm, dialog } = useConfirm();
  const [actionError, setActionError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const hangUp = async (call: CallRow) => {
    const own = call.userId === viewerId;
    // "Your call", "Ada's call" or "The phone call from +1415•••4567".
    const whose = own
      ? "Your call"
      : call.channel === "phone"
        ? `The phone call from ${call.fromMasked ?? "an unknown number"}`
        : `${call.userName ?? call.userEmail}'s call`;
    const confirmed = await confirm({
      title: "Hang up this call?",
      body: own || call.channel === "phone" ? `${whose} ends now.` : `${whose} ends now; their voice page will say that an admin hung up.`,
      confirmLabel: "Hang up",
      danger: true,
    });
    if (!confirmed) return;
    setActionError(null);
    setNotice(null);
    try {
      await hangUpCall(call.id);
      setNotice(own ? "Your call was ended." : `${whose} was hung up.`);
      onChanged();
    } catch (err) {
      setActionError(`Could not hang up: ${(err as Error).message}`);
    }
  };

  if (calls.length === 0 && !error && !notice) return null;
  return (
    <section aria-labelledby="live-calls" className="space-y-3">
      <h2 id="live-calls" className="flex items-center gap-2 text-lg font-semibold">
        {calls.length > 0 && <span className="size-2.5 animate-pulse rounded-full bg-emerald-500" aria-hidden="true" />}
        Live now {calls.length > 0 && <span className="muted font-normal">({calls.length})</span>}
      </h2>
      <Feedback error={actionError ?? (error && `Could not refresh live calls: ${error}`)} message={notice} />
      {calls.length > 0 && (
        <ul className="grid gap-3 md:grid-cols-2" aria-label="Live calls">
          {calls.map((call) => (
            <li key={call.id} className="card flex flex-wrap items-center justify-between gap-3 p-4" data-testid={`live-call-${call.id}`}>
              <div className="min-w-0">
                <div className="truncate font-medium">{call.channel === "phone" ? "Phone call" : (call.userName ?? call.userEmail)}</div>
                <div className="muted truncate">
                  {call.channel === "phone" ? `from ${call.fromMasked ?? "an unknown number"}` : call.userEmail}
                </div>
                <div className="mt-1 text-sm tabular-nums">
                  <span className="font-medium text-emerald-700 dark:text-emerald-400">
                    Running {formatDuration((now - Date.parse(call.startedAt)) / 1000)}
                  </span>
                  <span className="muted">
                    {" "}
                    · {call.model} · {formatWhole(call.totalTokens)} tokens · {formatMicros(call.costMicros)} est.
                  </span>
                </div>
              </div>
              {(isAdmin || call.userId === viewerId) && (
                <button type="button" className="btn-danger" onClick={() => void hangUp(call)}>
                  Hang up
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {dialog}
    </section>
  );
}

function PagedTable<T>({
  state,
  loadMore,
  what,
  onRetry,
  children,
}: {
  state: PagedState<T>;
  loadMore: () => void;
  what: string;
  onRetry: () => void;
  children: (rows: T[]) => React.ReactNode;
}) {
  if (state.status === "loading")
    return (
      <div role="status" aria-label={`Loading ${what}`} aria-busy="true" className="card space-y-3">
        {[0, 1, 2].map((i) => (
          <div key={i} className="h-8 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
        ))}
      </div>
    );
  if (state.status === "error")
    return (
      <div role="alert" className="card space-y-3 border-red-300 dark:border-red-900">
        <h3 className="font-semibold text-red-700 dark:text-red-400">Could not load {what}</h3>
        <p className="muted">{state.error.message}</p>
        <button type="button" className="btn-secondary" onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  if (state.rows.length === 0) return <p className="muted card">None in this range.</p>;
  return (
    <div className="space-y-3">
      {children(state.rows)}
      <div className="flex flex-wrap items-center gap-3">
        <span className="muted">
          Showing {formatWhole(state.rows.length)} {what}
          {state.nextCursor ? "" : " (all)"}
        </span>
        {state.nextCursor && (
          <button type="button" className="btn-secondary" onClick={loadMore} disabled={state.loadingMore}>
            {state.loadingMore ? "Loading…" : "Show more"}
          </button>
        )}
      </div>
      {state.moreError && (
        <p role="alert" className="alert-error">
          {state.moreError}
        </p>
      )}
    </div>
  );
}

const cell = "px-3 py-2";
const num = `${cell} text-right`;

/** Who placed a call: a member, a phone caller (masked number; no member placed it) or someone since removed. */
function Member({ name, email, phoneFrom }: { name: string | null; email: string | null; phoneFrom?: string | null }) {
  if (phoneFrom !== undefined && phoneFrom !== null)
    return (
      <>
        <div className="font-medium">Phone call</div>
        <div className="text-xs break-all text-zinc-600 dark:text-zinc-400">from {phoneFrom}</div>
      </>
    );
  if (!email && !name) return <span className="muted">Former member</span>;
  return (
    <>
      <div className="font-medium">{name ?? email}</div>
      {name && email && <div className="text-xs break-all text-zinc-600 dark:text-zinc-400">{email}</div>}
    </>
  );
}

/** One figure of a row in the phone layout's card. */
function Figure({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="tabular-nums">{children}</dd>
    </div>
  );
}

const duration = (c: CallRow) => (c.endedAt ? formatDuration((Date.parse(c.endedAt) - Date.parse(c.startedAt)) / 1000) : "—");
/** A part of a token count, under it: how many were cached or audio. */
const part = (n: number, what: string) =>
  n > 0 && <div className="text-xs text-zinc-600 dark:text-zinc-400">{`${formatWhole(n)} ${what}`}</div>;
const cached = (n: number) => part(n, "cached");

function CallsTable({ calls }: { calls: CallRow[] }) {
  return (
    <>
      <ul className="space-y-3 md:hidden" aria-label="Ended voice calls">
        {calls.map((c) => (
          <li key={c.id} className="card space-y-3 p-4">
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0 break-words">
                <Member
                  name={c.userName}
                  email={c.userEmail}
                  phoneFrom={c.channel === "phone" ? (c.fromMasked ?? "an unknown number") : null}
                />
              </div>
              <span className="shrink-0 text-sm font-medium">{formatMicros(c.costMicros)}</span>
            </div>
            <div className="muted">
              <When iso={c.startedAt} /> · {duration(c)} · {callOutcome(c)}
            </div>
            <dl className="grid grid-cols-3 gap-2 text-sm">
              <Figure label="Input">
                {formatWhole(c.inputTokens)}
                {cached(c.cachedInputTokens)}
              </Figure>
              <Figure label="Output">{formatWhole(c.outputTokens)}</Figure>
              <Figure label="Audio in / out">
                {formatWhole(c.inputAudioTokens)} / {formatWhole(c.outputAudioTokens)}
              </Figure>
            </dl>
          </li>
        ))}
      </ul>
      <div className="card hidden overflow-x-auto p-0 md:block">
        <table className="w-full text-left text-sm whitespace-nowrap tabular-nums" data-testid="calls-table">
          <caption className="sr-only">Ended voice calls, newest first</caption>
          <TableHead columns={["Member", "Started", "Model", "Outcome", "Duration", "Input", "Output", "Est. cost"]} rightFrom={4} />
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {calls.map((c) => (
              <tr key={c.id} data-testid={`call-${c.id}`}>
                <td className={`${cell} min-w-40 whitespace-normal break-words`}>
                  <Member
                    name={c.userName}
                    email={c.userEmail}
                    phoneFrom={c.channel === "phone" ? (c.fromMasked ?? "an unknown number") : null}
                  />
                </td>
                <td className={cell}>
                  <When iso={c.startedAt} />
                </td>
                <td className={cell}>{c.model}</td>
                <td className={`${cell} min-w-28 whitespace-normal`} data-testid="outcome">
                  {callOutcome(c)}
                </td>
                <td className={num}>{duration(c)}</td>
                <td className={num}>
                  <div data-testid="input-tokens">{formatWhole(c.inputTokens)}</div>
                  {cached(c.cachedInputTokens)}
                  {part(c.inputAudioTokens, "audio")}
                </td>
                <td className={num}>
                  <div data-testid="output-tokens">{formatWhole(c.outputTokens)}</div>
                  {part(c.outputAudioTokens, "audio")}
                </td>
                <td className={num} data-testid="cost">
                  {formatMicros(c.costMicros)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function RequestsTable({ rows }: { rows: ProxyRequestRow[] }) {
  const status = (r: ProxyRequestRow) => (
    <span className={r.status >= 400 ? "font-medium text-red-700 dark:text-red-400" : undefined}>{r.status}</span>
  );
  return (
    <>
      <ul className="space-y-3 md:hidden" aria-label="API requests">
        {rows.map((r) => (
          <li key={r.id} className="card space-y-3 p-4">
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0 break-words">
                <Member name={r.userName} email={r.userEmail} />
              </div>
              <span className="shrink-0 text-sm font-medium">{formatMicros(r.costMicros)}</span>
            </div>
            <div className="muted break-words">
              <When iso={r.createdAt} /> · <span className="font-mono text-xs">{r.route}</span> · {r.model ?? "no model"}
            </div>
            <dl className="grid grid-cols-3 gap-2 text-sm">
              <Figure label="Status">{status(r)}</Figure>
              <Figure label="Input">
                {formatWhole(r.inputTokens)}
                {cached(r.cachedInputTokens)}
              </Figure>
              <Figure label="Output">{formatWhole(r.outputTokens)}</Figure>
            </dl>
          </li>
        ))}
      </ul>
      <div className="card hidden overflow-x-auto p-0 md:block">
        <table className="w-full text-left text-sm whitespace-nowrap tabular-nums" data-testid="requests-table">
          <caption className="sr-only">API requests proxied to OpenAI, newest first</caption>
          <TableHead columns={["Member", "Time", "Route", "Model", "Status", "Input", "Output", "Est. cost"]} rightFrom={4} />
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {rows.map((r) => (
              <tr key={r.id} data-testid={`request-${r.id}`}>
                <td className={`${cell} min-w-40 whitespace-normal break-words`}>
                  <Member name={r.userName} email={r.userEmail} />
                </td>
                <td className={cell}>
                  <When iso={r.createdAt} />
                </td>
                <td className={`${cell} font-mono text-xs`}>{r.route}</td>
                <td className={cell}>{r.model ?? "—"}</td>
                <td className={num}>{status(r)}</td>
                <td className={num}>
                  {formatWhole(r.inputTokens)}
                  {cached(r.cachedInputTokens)}
                </td>
                <td className={num}>{formatWhole(r.outputTokens)}</td>
                <td className={num}>{formatMicros(r.costMicros)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The empty state of a filtered list, with a way back to everything. */
function NoMatches({ what, onClear }: { what: string; onClear: () => void }) {
  return (
    <EmptyState title={`No ${what} match these filters`}>
      <p>
        Try a wider date range or another member.{" "}
        <button type="button" className="underline" onClick={onClear}>
          Clear filters
        </button>
      </p>
    </EmptyState>
  );
}

function ApiRequests({ query, filtered, onClear }: { query: Record<string, string>; filtered: boolean; onClear: () => void }) {
  const [reload, setReload] = useState(0);
  const list = usePagedList<ProxyRequestRow>(apiPaths.proxyRequests({ ...query, limit: PAGE_SIZE }), "requests", reload);
  if (list.state.status === "ok" && list.state.rows.length === 0)
    return filtered ? (
      <NoMatches what="API requests" onClear={onClear} />
    ) : (
      <EmptyState title="No API requests yet">
        <p>
          Requests the dashboard and the assistant send to OpenAI on a member's behalf (models, usage) are listed here with their tokens.
        </p>
      </EmptyState>
    );
  return (
    <PagedTable state={list.state} loadMore={list.loadMore} what="requests" onRetry={() => setReload((n) => n + 1)}>
      {(rows) => <RequestsTable rows={rows} />}
    </PagedTable>
  );
}
