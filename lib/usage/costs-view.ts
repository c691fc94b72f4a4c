import type { UsageReport } from "./report";

export interface CostsView {
  start: string;
  end: string;
  currency: "usd";
  totalUsd: number;
  /** Every day with spend, newest last, split by model (OpenAI's cost line items name the model). */
  days: { date: string; usd: number; byModel: { model: string; usd: number }[] }[];
}

const roundUsd = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * The costs part of a usage report (daily, grouped by model): what the assistant's costs tool
 * answers, without the token counts the usage tool already gives.
 */
export function costsView(report: Pick<UsageReport, "start" | "end" | "series" | "totals">): CostsView {
  const days = new Map<string, CostsView["days"][number]>();
  for (const point of report.series) {
    if (!point.costUsd) continue;
    const day = days.get(point.date) ?? { date: point.date, usd: 0, byModel: [] };
    day.usd = roundUsd(day.usd + point.costUsd);
    day.byModel.push({ model: point.group, usd: point.costUsd });
    days.set(point.date, day);
  }
  return {
    start: report.start,
    end: report.end,
    currency: "usd",
    totalUsd: report.totals.costUsd,
    days: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)),
  };
}
