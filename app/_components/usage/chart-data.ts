import type { UsageRow } from "../api/types";

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
