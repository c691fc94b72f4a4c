import type { UsageReport } from "./report";

type Figures = Pick<UsageReport["totals"], "inputTokens" | "outputTokens" | "requests"> & { costUsd: number };

export interface UsageToolView {
  start: string;
  end: string;
  totals: Figures;
  /** One row per model over the whole range, the biggest first. */
  byModel: (Figures & { model: string })[];
  /** One row per day with any requests, oldest first. */
  days: (Figures & { date: string })[];
}

const roundUsd = (v: number) => Math.round(v * 1e6) / 1e6;
const empty = (): Figures => ({ inputTokens: 0, outputTokens: 0, requests: 0, costUsd: 0 });
const add = (into: Figures, p: UsageReport["series"][number]) => {
  into.inputTokens += p.inputTokens;
  into.outputTokens += p.outputTokens;
  into.requests += p.requests;
  into.costUsd = roundUsd(into.costUsd + (p.costUsd ?? 0));
};

/**
 * What the assistant's usage tool answers: totals, per model and per day, instead of the report's
 * every day × model point (which outgrows what a model should be handed, and what a card can show).
 */
export function usageToolView(report: Pick<UsageReport, "start" | "end" | "series" | "totals">): UsageToolView {
  const models = new Map<string, Figures & { model: string }>();
  const days = new Map<string, Figures & { date: string }>();
  for (const point of report.series) {
    const model = point.model ?? point.group;
    const m = models.get(model) ?? { model, ...empty() };
    add(m, point);
    models.set(model, m);
    const d = days.get(point.date) ?? { date: point.date, ...empty() };
    add(d, point);
    days.set(point.date, d);
  }
  const { inputTokens, outputTokens, requests, costUsd } = report.totals;
  return {
    start: report.start,
    end: report.end,
    totals: { inputTokens, outputTokens, requests, costUsd },
    byModel: [...models.values()].sort((a, b) => b.inputTokens + b.outputTokens - (a.inputTokens + a.outputTokens)),
    days: [...days.values()].filter((d) => d.requests > 0).sort((a, b) => a.date.localeCompare(b.date)),
  };
}
