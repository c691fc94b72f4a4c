"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCompact, formatUsd, formatWhole } from "../ui/format";
import { bucketLabel, type ChartProps, chartSeries, seriesColors } from "./chart-data";

const axis = { fontSize: 12, fill: "currentColor" };
const tooltipStyle = {
  contentStyle: { background: "var(--color-zinc-900)", border: "none", borderRadius: 8, color: "#fff", fontSize: 12 },
  labelStyle: { color: "#fff" },
};

/** The interactive charts (tooltips, legend), loaded once the reader reaches for them: see static-charts.tsx. */
export function UsageCharts({ rows, groups, groupOf, noCostReason }: ChartProps) {
  const { tokens, requests, costs } = chartSeries({ rows, groupOf });
  const colors = seriesColors(groups);
  const label = bucketLabel;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <figure className="card lg:col-span-2" aria-label="Tokens per day by group">
        <figcaption className="mb-3 text-sm font-semibold">Tokens (input + output)</figcaption>
        <div className="h-72 text-zinc-600 dark:text-zinc-400" data-testid="tokens-chart">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={tokens} margin={{ left: 4, right: 8 }}>
              <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.25} vertical={false} />
              <XAxis dataKey="date" tick={axis} tickFormatter={label} minTickGap={16} />
              <YAxis tick={axis} tickFormatter={formatCompact} width={48} />
              <Tooltip formatter={(v) => formatWhole(Number(v))} {...tooltipStyle} cursor={{ fillOpacity: 0.1 }} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {groups.map((g) => (
                <Bar key={g} dataKey={g} stackId="tokens" fill={colors.get(g)} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure className="card" aria-label="Requests per day">
        <figcaption className="mb-3 text-sm font-semibold">Requests</figcaption>
        <div className="h-56 text-zinc-600 dark:text-zinc-400">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={requests} margin={{ left: 4, right: 8 }}>
              <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.25} vertical={false} />
              <XAxis dataKey="date" tick={axis} tickFormatter={label} minTickGap={16} />
              <YAxis tick={axis} tickFormatter={formatCompact} width={48} />
              <Tooltip formatter={(v) => formatWhole(Number(v))} {...tooltipStyle} />
              <Line type="monotone" dataKey="requests" stroke="#6366f1" strokeWidth={2} dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure className="card" aria-label="Cost per day">
        <figcaption className="mb-3 text-sm font-semibold">Cost (USD)</figcaption>
        {noCostReason === null ? (
          <div className="h-56 text-zinc-600 dark:text-zinc-400">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={costs} margin={{ left: 4, right: 8 }}>
                <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.25} vertical={false} />
                <XAxis dataKey="date" tick={axis} tickFormatter={label} minTickGap={16} />
                <YAxis tick={axis} tickFormatter={(v) => formatUsd(Number(v))} width={56} />
                <Tooltip formatter={(v) => formatUsd(Number(v))} {...tooltipStyle} cursor={{ fillOpacity: 0.1 }} />
                {groups.map((g) => (
                  <Bar key={g} dataKey={g} stackId="cost" fill={colors.get(g)} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
        ) : (
          <p className="muted">{noCostReason}</p>
        )}
      </figure>
    </div>
  );
}
