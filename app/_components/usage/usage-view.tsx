"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useState } from "react";
import { needsKeySetup } from "../api/errors";
import { apiPaths } from "../api/routes";
import type { UsageResponse, UsageRow } from "../api/types";
import { useApi } from "../api/use-api";
import { formatCompact, formatUsd, formatWhole } from "../ui/format";
import { TableHead } from "../ui/table-head";
import { chartGroups } from "./chart-data";
import { Charts } from "./charts";
import { usageCsv } from "./csv";
import { DataAsOf } from "./data-as-of";
import { MembersSpend } from "./members-spend";
import { useRenderMeasure } from "./render-measure";
import { asSentence, daysAgo, daysIn, MAX_HOURLY_DAYS, searchOf, type UsageViewState, viewFromSearch, viewProblem } from "./view-state";

const PRESETS = [7, 30, 90];

type Grouping = UsageResponse["groupBy"];
export const GROUPINGS: { value: Grouping; label: string; column: string }[] = [
  { value: "model", label: "Model", column: "Model" },
  { value: "project", label: "Project", column: "Project" },
  { value: "apiKey", label: "API key", column: "API key" },
  { value: "user", label: "OpenAI user", column: "OpenAI user" },
];
const columnOf = (g: Grouping) => GROUPINGS.find((x) => x.value === g)?.column ?? g;
/** A group's display name: a project's name from OpenAI's list, else the id itself. */
const labelOf = (data: UsageResponse, group: string) => data.names[group] ?? group;
/** The first view's answer, read by the server with the page (null: the browser asks). */
export type InitialUsage = { path: string; data: UsageResponse } | null;

/**
 * `view`: what the page's URL asks for (read by the server, so this view does not subscribe to the
 * router's search parameters and is not rendered again when it rewrites them).
 */
export function UsageView({ view: urlView, initial = null }: { view: UsageViewState; initial?: InitialUsage }) {
  // The view lives in the URL (replaced in place, no server round trip), so a link shows the same view.
  const [view, setViewState] = useState<UsageViewState>(urlView);
  // Refresh asks past the server's cache; any other change of view may be answered from it.
  const [refreshes, setRefreshes] = useState(0);
  const setView = (change: Partial<UsageViewState>) => {
    setRefreshes(0);
    setViewState((current) => {
      const next = { ...current, ...change };
      // A range longer than hourly buckets allow switches to daily rather than asking for what the API refuses.
      if (next.bucket === "1h" && daysIn(next) > MAX_HOURLY_DAYS && !("bucket" in change)) next.bucket = "1d";
      return next;
    });
  };
  useEffect(() => {
    const query = `?${searchOf(view)}`;
    // A bare /usage already means the default view (the last 7 days): nothing to write then.
    const bareDefault = window.location.search === "" && query === `?${searchOf(viewFromSearch(new URLSearchParams()))}`;
    if (window.location.search !== query && !bareDefault) window.history.replaceState(null, "", query);
  }, [view]);
  const range = { start: view.start, end: view.end };
  const { groupBy, bucket } = view;
  const [reload, setReload] = useState(0);
  const problem = viewProblem(view);
  const path = apiPaths.ctoUsage({ ...range, groupBy, bucket });
  const state = useApi<UsageResponse>(problem ? null : refreshes > 0 ? `${path}&refresh=1` : path, reload + refreshes, initial);
  useRenderMeasure(state.status === "ok" ? state.receivedAt : undefined);

  // While the form holds a view the API would refuse, nothing stale is shown as if it answered it.
  const data = !problem && state.status === "ok" ? state.data : null;
  const groupOf = useCallback((r: UsageRow) => (data ? labelOf(data, r.group) : r.group), [data]);
  const groups = useMemo(() => {
    if (!data) return [];
    const totals = new Map<string, number>();
    for (const r of data.series) {
      const g = labelOf(data, r.group);
      totals.set(g, (totals.get(g) ?? 0) + r.inputTokens + r.outputTokens);
    }
    return [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([g]) => g);
  }, [data]);
  // The same props while the answer is the same, so the charts are not drawn again on other changes.
  const series = useMemo(() => chartGroups(groups, groupOf), [groups, groupOf]);

  const download = () => {
    if (!data) return;
    const blob = new Blob([usageCsv(data.series, data.groupBy, data.names)], { type: "text/csv" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `openai-usage-${data.start}-to-${data.end}-by-${data.groupBy}.csv`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  return (
    <div className="space-y-6">
      <div className="card flex flex-wrap items-end gap-3">
        <fieldset className="flex flex-wrap gap-1" aria-label="Range presets">
          {PRESETS.map((days) => {
            const active = range.start === daysAgo(days - 1) && range.end === daysAgo(0);
            return (
              <button
                key={days}
                type="button"
                aria-pressed={active}
                className={active ? "btn-primary" : "btn-secondary"}
                onClick={() => setView({ start: daysAgo(days - 1), end: daysAgo(0) })}
              >
                {days} days
              </button>
            );
          })}
        </fieldset>
        <div>
          <label htmlFor="usage-start" className="label">
            From
          </label>
          <input
            id="usage-start"
            type="date"
            className="input"
            value={range.start}
            min="2020-01-01"
            max={range.end}
            aria-invalid={problem !== null}
            aria-describedby={problem ? "usage-problem" : undefined}
            onChange={(e) => e.target.value && setView({ start: e.target.value })}
          />
        </div>
        <div>
          <label htmlFor="usage-end" className="label">
            To
          </label>
          <input
            id="usage-end"
            type="date"
            className="input"
            value={range.end}
            min={range.start}
            max={daysAgo(0)}
            aria-invalid={problem !== null}
            aria-describedby={problem ? "usage-problem" : undefined}
            onChange={(e) => e.target.value && setView({ end: e.target.value })}
          />
        </div>
        <div>
          <label htmlFor="usage-group" className="label">
            Group by
          </label>
          <select
            id="usage-group"
            className="input"
            value={groupBy}
            onChange={(e) => setView({ groupBy: e.target.value as UsageResponse["groupBy"] })}
          >
            {GROUPINGS.map((g) => (
              <option key={g.value} value={g.value}>
                {g.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="usage-bucket" className="label">
            Buckets
          </label>
          <select
            id="usage-bucket"
            className="input"
            value={bucket}
            onChange={(e) => setView({ bucket: e.target.value as UsageResponse["bucket"] })}
          >
            <option value="1d">Daily</option>
            <option value="1h" disabled={daysIn(range) > MAX_HOURLY_DAYS && bucket !== "1h"}>
              Hourly (7 days max)
            </option>
          </select>
        </div>
        <button type="button" className="btn-secondary sm:ml-auto" onClick={download} disabled={!data || data.series.length === 0}>
          Download CSV
        </button>
      </div>

      {problem && (
        <p id="usage-problem" role="alert" className="alert-error">
          {problem}
        </p>
      )}
      {data && <DataAsOf fetchedAt={data.fetchedAt} onRefresh={() => setRefreshes((n) => n + 1)} />}
      {data && (
        <p className="muted" data-testid="usage-scope">
          {data.projectIds
            ? `Covers this workspace's OpenAI projects: ${data.projectIds.map((id) => (data.names[id] ? `${data.names[id]} (${id})` : id)).join(", ")}.`
            : "Covers the whole OpenAI organisation (visible to admins only; map projects in Settings → Workspace to share it with members)."}
        </p>
      )}
      {!problem && state.status === "loading" && <LoadingSkeleton />}
      {!problem && state.status === "error" && (
        <div role="alert" className="card space-y-3 border-red-300 dark:border-red-900">
          <h2 className="font-semibold text-red-700 dark:text-red-400">Could not load usage</h2>
          <p className="muted">{asSentence(state.error.message)}</p>
          <div className="flex gap-2">
            {needsKeySetup(state.error) && (
              <Link href="/settings/keys" className="btn-primary">
                Add an OpenAI Admin key
              </Link>
            )}
            <button type="button" className="btn-secondary" onClick={() => setReload((n) => n + 1)}>
              Try again
            </button>
          </div>
        </div>
      )}
      {data && data.series.length === 0 && (
        <div className="card py-12 text-center">
          <h2 className="font-semibold">No usage in this range</h2>
          <p className="muted mt-1">
            Nothing was used between {data.start} and {data.end}. Try a longer range.
          </p>
        </div>
      )}
      {data && data.series.length > 0 && (
        <>
          <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
            {[
              ["Input tokens", formatCompact(data.totals.inputTokens)],
              ["Output tokens", formatCompact(data.totals.outputTokens)],
              ["Requests", formatWhole(data.totals.requests)],
              ["Cost", formatUsd(data.totals.costUsd), "OpenAI cost API — authoritative, daily"],
            ].map(([label, value, note]) => (
              <div key={label} className="card">
                <dt className="muted">{label}</dt>
                <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid={`total-${label}`}>
                  {value}
                </dd>
                {note && <dd className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{note}</dd>}
              </div>
            ))}
          </dl>
          {data.groupBy === "user" && (
            <p className="muted">
              OpenAI's cost API has no breakdown per user: the total cost above covers everyone; the table shows tokens per user.
            </p>
          )}
          <Charts
            rows={data.series}
            {...series}
            noCostReason={
              data.bucket !== "1d"
                ? "OpenAI reports costs per day only: switch to daily buckets to chart them."
                : data.groupBy === "user"
                  ? "OpenAI's cost API has no breakdown per user: group by project or API key to chart costs."
                  : null
            }
          />
          <UsageTable key={`${data.start}|${data.end}|${data.groupBy}|${data.bucket}|${data.fetchedAt}`} data={data} />
        </>
      )}
      {!problem && <MembersSpend range={range} />}
    </div>
  );
}

/** Rows the table shows at a time: 90 days × 20 models is 1,800 rows. */
export const TABLE_PAGE_ROWS = 200;

function UsageTable({ data }: { data: UsageResponse }) {
  const [page, setPage] = useState(0);
  const pages = Math.ceil(data.series.length / TABLE_PAGE_ROWS);
  const rows = data.series.slice(page * TABLE_PAGE_ROWS, (page + 1) * TABLE_PAGE_ROWS);
  return (
    <div className="card overflow-x-auto p-0">
      <table className="w-full text-left text-sm tabular-nums" data-testid="usage-table">
        <caption className="sr-only">Usage by {columnOf(data.groupBy)}</caption>
        <TableHead columns={["Date", columnOf(data.groupBy), "Input", "Output", "Cached", "Audio", "Requests", "Cost"]} rightFrom={2} />
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {rows.map((r) => (
            <tr key={`${r.date}-${r.group}`}>
              <td className="whitespace-nowrap px-4 py-2">{r.date}</td>
              <td className="px-4 py-2">
                {data.names[r.group] ? (
                  <>
                    {data.names[r.group]} <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{r.group}</span>
                  </>
                ) : (
                  <span className={data.groupBy === "model" ? "" : "font-mono text-xs"}>{r.group}</span>
                )}
              </td>
              <td className="px-4 py-2 text-right">{formatWhole(r.inputTokens)}</td>
              <td className="px-4 py-2 text-right">{formatWhole(r.outputTokens)}</td>
              <td className="px-4 py-2 text-right">{formatWhole(r.cachedTokens)}</td>
              <td className="px-4 py-2 text-right">{formatWhole(r.audioTokens)}</td>
              <td className="px-4 py-2 text-right">{formatWhole(r.requests)}</td>
              <td className="px-4 py-2 text-right">{r.costUsd === null ? "—" : formatUsd(r.costUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 && (
        <nav
          aria-label="Table pages"
          className="flex items-center justify-between gap-3 border-t border-zinc-100 px-4 py-2 text-sm dark:border-zinc-800"
        >
          <span className="muted tabular-nums" data-testid="usage-table-rows">
            {formatWhole(page * TABLE_PAGE_ROWS + 1)}–{formatWhole(page * TABLE_PAGE_ROWS + rows.length)} of{" "}
            {formatWhole(data.series.length)} rows
          </span>
          <span className="flex gap-2">
            <button type="button" className="btn-secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
              Previous
            </button>
            <button type="button" className="btn-secondary" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>
              Next
            </button>
          </span>
        </nav>
      )}
    </div>
  );
}

function LoadingSkeleton() {
  return (
    <div role="status" className="space-y-4" aria-busy="true" aria-label="Loading usage">
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="card h-20 animate-pulse bg-zinc-100 dark:bg-zinc-800" />
        ))}
      </div>
      <div className="card h-72 animate-pulse bg-zinc-100 dark:bg-zinc-800" />
    </div>
  );
}
