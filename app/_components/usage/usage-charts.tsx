"use client";

import { useMemo } from "react";
import { BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCompact, formatUsd, formatWhole } from "../ui/format";
import { bucketLabel, type ChartProps, chartSeries, type Pivoted, seriesColors } from "./chart-data";
import { StackedBars, StackTooltip, stackTotal } from "./stacked-bars";
import { Legend } from "./static-charts";

const axis = { fontSize: 12, fill: "currentColor" };
const tooltipStyle = {
  contentStyle: { background: "var(--color-zinc-900)", border: "none", borderRadius: 8, color: "#fff", fontSize: 12 },
  labelStyle: { color: "#fff" },
};

/**
 * A stacked bar chart: recharts' axes, grid and tooltip, the bars drawn by StackedBars. With no
 * recharts series to take its range from, the value axis reads each bucket's stack height.
 */
function StackedChart({
  data,
  groups,
  colors,
  format,
  axisFormat,
  axisWidth,
}: {
  data: Pivoted;
  groups: string[];
  colors: Map<string, string>;
  format: (v: number) => string;
  axisFormat: (v: number) => string;
  axisWidth: number;
}) {
  const byDate = useMemo(() => new Map(data.map((entry) => [String(entry.date), entry])), [data]);
  const total = useMemo(() => stackTotal(groups), [groups]);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ left: 4, right: 8 }}>
        <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.25} vertical={false} />
        <XAxis dataKey="date" tick={axis} tickFormatter={bucketLabel} minTickGap={16} />
        <YAxis tick={axis} tickFormatter={axisFormat} width={axisWidth} dataKey={total} />
        <Tooltip
          cursor={{ fillOpacity: 0.1 }}
          wrapperStyle={{ visibility: "visible" }}
          content={<StackTooltip byDate={byDate} groups={groups} colors={colors} format={format} />}
        />
        <StackedBars data={data} groups={groups} colors={colors} />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** The interactive charts (tooltips, keyboard focus), loaded once the reader reaches for them: see static-charts.tsx. */
export function UsageCharts({ rows, groups, groupOf, noCostReason }: ChartProps) {
  const { tokens, requests, costs } = useMemo(() => chartSeries({ rows, groupOf }), [rows, groupOf]);
  const colors = useMemo(() => seriesColors(groups), [groups]);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <figure className="card lg:col-span-2" aria-label="Tokens per day by group">
        <figcaption className="mb-3 text-sm font-semibold">Tokens (input + output)</figcaption>
        <div className="h-64 text-zinc-600 dark:text-zinc-400" data-testid="tokens-chart">
          <StackedChart data={tokens} groups={groups} colors={colors} format={formatWhole} axisFormat={formatCompact} axisWidth={48} />
        </div>
        <Legend groups={groups} colors={colors} />
      </figure>
      <figure className="card" aria-label="Requests per day">
        <figcaption className="mb-3 text-sm font-semibold">Requests</figcaption>
        <div className="h-56 text-zinc-600 dark:text-zinc-400">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={requests} margin={{ left: 4, right: 8 }}>
              <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.25} vertical={false} />
              <XAxis dataKey="date" tick={axis} tickFormatter={bucketLabel} minTickGap={16} />
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
            <StackedChart data={costs} groups={groups} colors={colors} format={formatUsd} axisFormat={formatUsd} axisWidth={56} />
          </div>
        ) : (
          <p className="muted">{noCostReason}</p>
        )}
      </figure>
    </div>
  );
}
