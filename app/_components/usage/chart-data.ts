import type { UsageRow } from "../api/types";
import { colorsByName } from "../charts/palette";

// The Usage charts' data, shared by the static first view (static-charts.tsx) and recharts (usage-charts.tsx).

export interface ChartProps {
  rows: UsageRow[];
  /** Groups by total tokens, largest first. */
  groups: string[];
  groupOf: (row: UsageRow) => string;
  /** Why there is no cost chart (hourly buckets, per user); null: chart the costs. */
  noCostReason: string | null;
}

export type Pivoted = Record<string, number | string>[];

/** One entry per bucket, `{ date, [group]: value }`, in the rows' order. */
export function pivot(rows: UsageRow[], groupOf: (row: UsageRow) => string, value: (r: UsageRow) => number): Pivoted {
  const byDate = new Map<string, Record<string, number | string>>();
  for (const r of rows) {
    const entry = byDate.get(r.date) ?? { date: r.date };
    entry[groupOf(r)] = ((entry[groupOf(r)] as number | undefined) ?? 0) + value(r);
    byDate.set(r.date, entry);
  }
  return [...byDate.values()];
}

export const chartSeries = ({ rows, groupOf }: Pick<ChartProps, "rows" | "groupOf">) => ({
  tokens: pivot(rows, groupOf, (r) => r.inputTokens + r.outputTokens),
  requests: pivot(
    rows,
    () => "requests",
    (r) => r.requests,
  ),
  costs: pivot(rows, groupOf, (r) => r.costUsd ?? 0),
});

/** An axis label for a bucket: "03-14" for a day, "03-14 09" for an hour. */
export const bucketLabel = (d: string) => (d.length > 10 ? d.slice(5, 13).replace("T", " ") : d.slice(5));

/** Series the charts draw at most: the largest groups, the rest summed as one "others" series. */
export const MAX_SERIES = 8;
const OTHERS_COLOR = "#a1a1aa";

/**
 * The charts' series: the groups as they are, or with more than MAX_SERIES the largest ones and
 * "N others" (a readable chart, and a tenth of the bars at 20 models × 90 days). The table keeps every group.
 */
export function chartGroups(groups: string[], groupOf: (row: UsageRow) => string): Pick<ChartProps, "groups" | "groupOf"> {
  if (groups.length <= MAX_SERIES) return { groups, groupOf };
  const shown = new Set(groups.slice(0, MAX_SERIES - 1));
  const others = `${groups.length - shown.size} others`;
  return {
    groups: [...shown, others],
    groupOf: (row) => {
      const group = groupOf(row);
      return shown.has(group) ? group : others;
    },
  };
}

/** A colour per series by its name (the same at any range); the "others" series grey. */
export function seriesColors(groups: string[]): Map<string, string> {
  const others = groups.find((g) => / others$/.test(g));
  const colors = colorsByName(groups.filter((g) => g !== others));
  if (others) colors.set(others, OTHERS_COLOR);
  return colors;
}
