import { describe, expect, it } from "vitest";
import { healthToolView } from "@/lib/metrics/health-tool-view";
import type { UsagePoint } from "./report";
import { usageToolView } from "./usage-tool-view";

const point = (date: string, model: string, inputTokens: number, costUsd: number | null): UsagePoint => ({
  date,
  group: model,
  model,
  project: null,
  inputTokens,
  outputTokens: 10,
  cachedTokens: 0,
  audioTokens: 0,
  requests: 1,
  costUsd,
});

describe("the assistant tools' compact views", () => {
  it("usage: totals, one row per model (biggest first) and per day, instead of every day × model point", () => {
    const series = [
      point("2026-11-20", "gpt-4.1", 100, 0.5),
      point("2026-11-20", "gpt-realtime", 900, 2),
      point("2026-11-21", "gpt-4.1", 50, null),
    ];
    const totals = { inputTokens: 1050, outputTokens: 30, cachedTokens: 0, audioTokens: 0, requests: 3, costUsd: 2.5 };
    const view = usageToolView({ start: "2026-11-20", end: "2026-11-21", series, totals });
    expect(view.totals).toEqual({ inputTokens: 1050, outputTokens: 30, requests: 3, costUsd: 2.5 });
    expect(view.byModel).toEqual([
      { model: "gpt-realtime", inputTokens: 900, outputTokens: 10, requests: 1, costUsd: 2 },
      { model: "gpt-4.1", inputTokens: 150, outputTokens: 20, requests: 2, costUsd: 0.5 },
    ]);
    expect(view.days.map((d) => [d.date, d.requests, d.costUsd])).toEqual([
      ["2026-11-20", 2, 2.5],
      ["2026-11-21", 1, 0],
    ]);
    const big = Array.from({ length: 90 }, (_, i) => point(`2026-08-${String((i % 28) + 1).padStart(2, "0")}`, `model-${i % 9}`, i, 0.01));
    expect(JSON.stringify(usageToolView({ start: "a", end: "b", series: big, totals })).length).toBeLessThan(6000);
  });

  it("health: each route's figures without the chart series", () => {
    const stats = { requests: 4, rate429: 0.25, rate5xx: 0, p50Ms: 10, p95Ms: 20 };
    const view = healthToolView({
      window: "1h",
      generatedAt: "2026-11-22T03:00:00.000Z",
      alerts: [],
      routes: [{ route: "realtime_token", label: "Voice token", ...stats, series: [{ start: "x", ...stats }] }],
    });
    expect(view.routes).toEqual([{ route: "realtime_token", label: "Voice token", ...stats }]);
  });
});
