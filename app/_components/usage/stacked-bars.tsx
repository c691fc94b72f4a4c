"use client";

import { useEffect, useState } from "react";
import { useXAxisScale, useYAxisScale } from "recharts";
import type { Pivoted } from "./chart-data";

// Stacked bars drawn as one <path> per series inside a recharts chart, on its axes' scales.
// recharts' own <Bar> renders a component per rectangle: at 90 days × 8 series × 2 charts that was
// most of the Usage page's render time (bench/usage-render.mjs). The tooltip stays recharts'
// (axis-triggered: pointer and keyboard), with StackTooltip listing the bucket's figures.

const value = (entry: Pivoted[number], group: string) => {
  const v = entry[group];
  return typeof v === "number" ? v : 0;
};

/** A bucket's stack height: the value axis' data key, so its domain covers the tallest stack. */
export const stackTotal = (groups: string[]) => (entry: Pivoted[number]) => groups.reduce((sum, g) => sum + value(entry, g), 0);

/** As recharts' bars: 80% of the bucket's band, centred (its default barCategoryGap, 10%). */
const BAR_GAP = 0.1;

export function StackedBars({ data, groups, colors }: { data: Pivoted; groups: string[]; colors: Map<string, string> }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  if (!x || !y) return null;
  const paths = new Map<string, string[]>(groups.map((g) => [g, []]));
  for (const entry of data) {
    const start = x(entry.date, { position: "start" });
    const end = x(entry.date, { position: "end" });
    if (start === undefined || end === undefined) continue;
    const left = start + (end - start) * BAR_GAP;
    const width = (end - start) * (1 - 2 * BAR_GAP);
    let base = 0;
    for (const g of groups) {
      const v = value(entry, g);
      if (v <= 0) continue;
      const bottom = y(base) ?? 0;
      const top = y(base + v) ?? 0;
      base += v;
      paths.get(g)?.push(`M${left.toFixed(1)} ${bottom.toFixed(1)}h${width.toFixed(1)}V${top.toFixed(1)}h${(-width).toFixed(1)}Z`);
    }
  }
  return (
    <g className="usage-stacked-bars">
      {groups.map((g) => (
        <path key={g} d={paths.get(g)?.join("")} fill={colors.get(g)} data-series={g} />
      ))}
    </g>
  );
}

/**
 * recharts' tooltip content for StackedBars: the bucket, then each series' figure in its colour.
 * recharts shows its tooltip only with figures from its own series (there are none here), so the
 * chart passes `wrapperStyle={{ visibility: "visible" }}` and this content is empty when inactive;
 * Escape hides it until the pointer or focus moves to another bucket or leaves, as recharts' own does.
 */
export function StackTooltip({
  active,
  label,
  byDate,
  groups,
  colors,
  format,
}: {
  active?: boolean;
  label?: string | number;
  byDate: Map<string, Pivoted[number]>;
  groups: string[];
  colors: Map<string, string>;
  format: (v: number) => string;
}) {
  const entry = active && label !== undefined ? byDate.get(String(label)) : undefined;
  const [dismissed, setDismissed] = useState<string | null>(null);
  useEffect(() => {
    if (!entry) {
      setDismissed(null);
      return;
    }
    const dismiss = (e: KeyboardEvent) => e.key === "Escape" && setDismissed(String(entry.date));
    document.addEventListener("keydown", dismiss);
    return () => document.removeEventListener("keydown", dismiss);
  }, [entry]);
  if (!entry || dismissed === String(entry.date)) return null;
  return (
    <div className="rounded-lg bg-zinc-900 px-2.5 py-2 text-xs text-white shadow" data-testid="usage-tooltip">
      <p className="mb-1">{String(label)}</p>
      <ul>
        {groups
          .filter((g) => typeof entry[g] === "number")
          .map((g) => (
            <li key={g} style={{ color: colors.get(g) }}>
              {g} : {format(value(entry, g))}
            </li>
          ))}
      </ul>
    </div>
  );
}
