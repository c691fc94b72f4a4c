"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { OpsResponse, OpsStats, OpsWindow } from "../api/types";
import { colorFor } from "../charts/palette";
import { formatPercent } from "../ui/format";

const axis = { fontSize: 12, fill: "currentColor" };
// A rate is a share of requests: the axis always runs 0–100% (an "auto" domain read 0–400% with no errors).
const RATE_TICKS = [0, 0.25, 0.5, 0.75, 1];
const tooltipStyle = { contentStyle: { background: "#18181b", border: "none", borderRadius: 8, color: "#fff", fontSize: 12 } };

function pivot(data: OpsResponse, value: (s: OpsStats) => number | null) {
  const byStart = new Map<string, Record<string, string | number | null>>();
  for (const r of data.routes)
    for (const s of r.series) {
      const entry = byStart.get(s.start) ?? { start: s.start };
      entry[r.route] = value(s);
      byStart.set(s.start, entry);
    }
  return [...byStart.values()].sort((a, b) => String(a.start).localeCompare(String(b.start)));
}

export function OpsCharts({ data, window }: { data: OpsResponse; window: OpsWindow }) {
  const time = (iso: string) =>
    new Date(iso).toLocaleString(
      undefined,
      window === "7d" ? { month: "short", day: "numeric", hour: "2-digit" } : { hour: "2-digit", minute: "2-digit" },
    );
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <figure className="card">
        <figcaption className="mb-3 text-sm font-semibold">Requests per route</figcaption>
        <div className="h-56 text-zinc-600 dark:text-zinc-400">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={pivot(data, (s) => s.requests)}>
              <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.25} vertical={false} />
              <XAxis dataKey="start" tick={axis} tickFormatter={time} minTickGap={16} />
              <YAxis tick={axis} width={40} allowDecimals={false} />
              <Tooltip labelFormatter={(v) => time(String(v))} {...tooltipStyle} cursor={{ fillOpacity: 0.1 }} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {data.routes.map((r, i) => (
                <Bar key={r.route} dataKey={r.route} name={r.label} stackId="requests" fill={colorFor(i)} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure className="card">
        <figcaption className="mb-3 text-sm font-semibold">Error rate (429 + 5xx) per route</figcaption>
        <div className="h-56 text-zinc-600 dark:text-zinc-400">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={pivot(data, (s) => (s.requests > 0 ? s.rate429 + s.rate5xx : null))}>
              <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.25} vertical={false} />
              <XAxis dataKey="start" tick={axis} tickFormatter={time} minTickGap={16} />
              <YAxis
                tick={axis}
                width={48}
                tickFormatter={(v) => `${Math.round(Number(v) * 100)}%`}
                domain={[0, 1]}
                ticks={RATE_TICKS}
                allowDataOverflow
              />
              <Tooltip labelFormatter={(v) => time(String(v))} formatter={(v) => formatPercent(Number(v))} {...tooltipStyle} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {data.routes.map((r, i) => (
                <Line
                  key={r.route}
                  type="monotone"
                  dataKey={r.route}
                  name={r.label}
                  stroke={colorFor(i)}
                  strokeWidth={2}
                  dot={{ r: 2 }}
                  isAnimationActive={false}
                  connectNulls
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
    </div>
  );
}
