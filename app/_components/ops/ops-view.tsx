"use client";

import { type ComponentType, useState } from "react";
import { apiPaths } from "../api/routes";
import type { OpsResponse, OpsWindow } from "../api/types";
import { useApi } from "../api/use-api";
import { type Slot, useLoadOnFirstMove } from "../charts/load-on-first-move";
import { formatPercent, formatWhole } from "../ui/format";
import { STICKY_CELL, TableHead } from "../ui/table-head";

const WINDOWS = [
  { value: "1h", label: "Last hour" },
  { value: "24h", label: "24 hours" },
  { value: "7d", label: "7 days" },
] as const;
const ms = (v: number | null) => (v === null ? "—" : `≤ ${formatWhole(v)} ms`);

// recharts (most of the page's script) loads on the reader's first move, after the table, so the
// page's first load stays light.
type ChartsProps = { data: OpsResponse; window: OpsWindow };
const charts: Slot<ComponentType<ChartsProps>> = { current: null };
const loadCharts = () => import("./ops-charts").then((m) => m.OpsCharts);

function Charts(props: ChartsProps) {
  const OpsCharts = useLoadOnFirstMove(charts, loadCharts);
  return OpsCharts ? (
    <OpsCharts {...props} />
  ) : (
    <div role="status" aria-label="Loading charts" className="card h-64 animate-pulse bg-zinc-100 dark:bg-zinc-800" />
  );
}

export function OpsView() {
  const [window, setWindow] = useState<OpsWindow>("1h");
  const [reload, setReload] = useState(0);
  const state = useApi<OpsResponse>(apiPaths.opsMetrics(window), reload);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-2">
        {WINDOWS.map((w) => (
          <button
            key={w.value}
            type="button"
            aria-pressed={window === w.value}
            className={window === w.value ? "btn-primary" : "btn-secondary"}
            onClick={() => setWindow(w.value)}
          >
            {w.label}
          </button>
        ))}
        <button type="button" className="btn-secondary ml-auto" onClick={() => setReload((n) => n + 1)}>
          Refresh
        </button>
      </div>

      {state.status === "loading" && (
        <div role="status" className="card h-64 animate-pulse bg-zinc-100 dark:bg-zinc-800" aria-busy="true" aria-label="Loading metrics" />
      )}
      {state.status === "error" && (
        <p role="alert" className="alert-error">
          {state.error.message}
        </p>
      )}
      {state.status === "ok" && (
        <>
          {state.data.alerts.map((a) => (
            <div key={`${a.route}-${a.kind}`} role="alert" className="alert-error" data-testid="ops-alert">
              <strong>{a.label}</strong>: {formatPercent(a.rate)} of {a.requests} requests answered {a.kind} in the last 15 minutes
              (threshold {formatPercent(a.threshold)}). Admins receive it by mail and webhook once an hour (Settings → Alerts).
            </div>
          ))}
          {state.data.routes.length === 0 ? (
            <div className="card py-12 text-center">
              <h2 className="font-semibold">No API traffic in this window</h2>
              <p className="muted mt-1">Requests to the dashboard's API routes appear here within a minute.</p>
            </div>
          ) : (
            <>
              <div className="card overflow-x-auto p-0">
                <table className="w-full text-left text-sm tabular-nums" data-testid="ops-table">
                  <TableHead columns={["Route", "Requests", "429 rate", "5xx rate", "p50", "p95"]} rightFrom={1} stickyFirst />
                  <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                    {state.data.routes.map((r) => (
                      <tr key={r.route} data-testid={`ops-route-${r.route}`}>
                        <th scope="row" className={`px-4 py-2 text-left font-medium ${STICKY_CELL}`} title={r.route}>
                          <span className="whitespace-nowrap">{r.label}</span>
                        </th>
                        <td className="whitespace-nowrap px-4 py-2 text-right">{formatWhole(r.requests)}</td>
                        <td className={`px-4 py-2 text-right ${r.rate429 > 0 ? "text-amber-700 dark:text-amber-400" : ""}`}>
                          {formatPercent(r.rate429)}
                        </td>
                        <td className={`px-4 py-2 text-right ${r.rate5xx > 0 ? "text-red-700 dark:text-red-400" : ""}`}>
                          {formatPercent(r.rate5xx)}
                        </td>
                        <td className="whitespace-nowrap px-4 py-2 text-right">{ms(r.p50Ms)}</td>
                        <td className="whitespace-nowrap px-4 py-2 text-right">{ms(r.p95Ms)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Charts data={state.data} window={window} />
            </>
          )}
        </>
      )}
    </div>
  );
}
