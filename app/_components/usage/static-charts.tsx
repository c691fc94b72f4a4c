import { formatCompact, formatUsd } from "../ui/format";
import { bucketLabel, type ChartProps, chartSeries, type Pivoted, seriesColors } from "./chart-data";

// The Usage charts as plain SVG: server-rendered with the page's first view, no chart library, so
// the page is readable and still at once. The plot stretches to its box (preserveAspectRatio
// "none"); the axis labels are HTML beside it, so text never stretches. usage-view.tsx swaps in
// the interactive recharts version (tooltips) when the reader points at or focuses the charts.

/** A round axis maximum at or above `max`: 1, 2 or 5 times a power of ten. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].find((step) => step * power >= max) ?? 10) * power;
}

const VIEW_HEIGHT = 100;

function Plot({
  data,
  label,
  format,
  height,
  children,
}: {
  data: Pivoted;
  label: string;
  format: (v: number) => string;
  height: string;
  children: (scale: (v: number) => number) => React.ReactNode;
}) {
  const top = niceMax(Math.max(0, ...data.map((d) => Object.values(d).reduce<number>((s, v) => s + (typeof v === "number" ? v : 0), 0))));
  const scale = (v: number) => (v / top) * VIEW_HEIGHT;
  const ticks = [top, top / 2, 0];
  const dates = data.map((d) => String(d.date));
  const xTicks = dates.length > 2 ? [dates[0], dates[Math.floor((dates.length - 1) / 2)], dates.at(-1)] : dates;
  return (
    <div className={`${height} flex flex-col text-xs text-zinc-600 dark:text-zinc-400`}>
      <div className="flex min-h-0 flex-1">
        <div className="flex w-12 shrink-0 flex-col justify-between pr-2 text-right tabular-nums" aria-hidden="true">
          {ticks.map((t) => (
            <span key={t}>{format(t)}</span>
          ))}
        </div>
        <svg
          className="my-2 h-[calc(100%-1rem)] min-w-0 flex-1 overflow-visible"
          viewBox={`0 0 ${Math.max(1, data.length)} ${VIEW_HEIGHT}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={label}
        >
          {[0, VIEW_HEIGHT / 2, VIEW_HEIGHT].map((y) => (
            <line
              key={y}
              x1={0}
              x2={data.length}
              y1={y}
              y2={y}
              stroke="currentColor"
              strokeOpacity={0.25}
              strokeDasharray="3 3"
              vectorEffect="non-scaling-stroke"
            />
          ))}
          {children(scale)}
        </svg>
      </div>
      <div className="ml-12 flex justify-between pt-1 tabular-nums" aria-hidden="true">
        {xTicks.map((d) => (
          <span key={d}>{d ? bucketLabel(d) : ""}</span>
        ))}
      </div>
    </div>
  );
}

function StackedBars({ data, groups, colors }: { data: Pivoted; groups: string[]; colors: Map<string, string> }) {
  return (scale: (v: number) => number) =>
    data.map((d, i) => {
      let base = VIEW_HEIGHT;
      return groups.map((g) => {
        const value = typeof d[g] === "number" ? (d[g] as number) : 0;
        if (value <= 0) return null;
        const h = scale(value);
        base -= h;
        return <rect key={`${d.date}-${g}`} x={i + 0.1} width={0.8} y={base} height={h} fill={colors.get(g)} />;
      });
    });
}

/** The charts' legend, the same in the static and the interactive charts. */
export function Legend({ groups, colors }: { groups: string[]; colors: Map<string, string> }) {
  return (
    <ul className="mt-2 flex flex-wrap justify-center gap-x-3 gap-y-1 text-xs" aria-label="Legend" data-testid="usage-legend">
      {groups.map((g) => (
        <li key={g} className="flex items-center gap-1">
          <span aria-hidden="true" className="inline-block size-2.5 rounded-sm" style={{ background: colors.get(g) }} />
          <span className="max-w-48 truncate" title={g}>
            {g}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function StaticUsageCharts({ rows, groups, groupOf, noCostReason }: ChartProps) {
  const { tokens, requests, costs } = chartSeries({ rows, groupOf });
  const colors = seriesColors(groups);
  const n = requests.length;
  const line = (scale: (v: number) => number) =>
    requests.map((d, i) => `${i === 0 ? "M" : "L"}${i + 0.5},${VIEW_HEIGHT - scale(d.requests as number)}`).join("");
  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid="static-charts">
      <figure className="card lg:col-span-2" aria-label="Tokens per day by group">
        <figcaption className="mb-3 text-sm font-semibold">Tokens (input + output)</figcaption>
        <Plot data={tokens} label={`Tokens per bucket, stacked by group, over ${n} buckets`} format={formatCompact} height="h-60">
          {StackedBars({ data: tokens, groups, colors })}
        </Plot>
        <Legend groups={groups} colors={colors} />
      </figure>
      <figure className="card" aria-label="Requests per day">
        <figcaption className="mb-3 text-sm font-semibold">Requests</figcaption>
        <Plot data={requests} label={`Requests per bucket over ${n} buckets`} format={formatCompact} height="h-56">
          {(scale) => (
            <path d={line(scale)} fill="none" stroke="#6366f1" strokeWidth={2} vectorEffect="non-scaling-stroke" strokeLinejoin="round" />
          )}
        </Plot>
      </figure>
      <figure className="card" aria-label="Cost per day">
        <figcaption className="mb-3 text-sm font-semibold">Cost (USD)</figcaption>
        {noCostReason === null ? (
          <Plot data={costs} label={`Cost per day, stacked by group, over ${n} days`} format={(v) => formatUsd(v)} height="h-56">
            {StackedBars({ data: costs, groups, colors })}
          </Plot>
        ) : (
          <p className="muted">{noCostReason}</p>
        )}
      </figure>
    </div>
  );
}
