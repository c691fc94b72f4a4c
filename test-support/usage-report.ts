import type { UsageReport } from "@/lib/usage/report";

/** A usage report as GET /api/v1/cto/openai/usage answers it (daily, by model), for the costs tool's tests. */
export const USAGE_REPORT: UsageReport = {
  start: "2026-03-01",
  end: "2026-03-02",
  bucket: "1d",
  groupBy: "model",
  series: [
    {
      date: "2026-03-01",
      group: "gpt-realtime",
      model: "gpt-realtime",
      project: null,
      inputTokens: 1200,
      outputTokens: 300,
      cachedTokens: 0,
      audioTokens: 900,
      requests: 4,
      costUsd: 0.42,
    },
    {
      date: "2026-03-01",
      group: "gpt-4o-mini",
      model: "gpt-4o-mini",
      project: null,
      inputTokens: 500,
      outputTokens: 100,
      cachedTokens: 0,
      audioTokens: 0,
      requests: 2,
      costUsd: 0.01,
    },
    {
      date: "2026-03-02",
      group: "gpt-realtime",
      model: "gpt-realtime",
      project: null,
      inputTokens: 800,
      outputTokens: 200,
      cachedTokens: 0,
      audioTokens: 600,
      requests: 3,
      costUsd: 0.3,
    },
    {
      date: "2026-03-02",
      group: "gpt-4o-mini",
      model: "gpt-4o-mini",
      project: null,
      inputTokens: 10,
      outputTokens: 5,
      cachedTokens: 0,
      audioTokens: 0,
      requests: 1,
      costUsd: 0,
    },
  ],
  totals: { inputTokens: 2510, outputTokens: 605, cachedTokens: 0, audioTokens: 1500, requests: 10, costUsd: 0.73 },
  projectIds: null,
  names: {},
};

export const EXPECTED_COSTS = {
  start: "2026-03-01",
  end: "2026-03-02",
  currency: "usd",
  totalUsd: 0.73,
  days: [
    {
      date: "2026-03-01",
      usd: 0.43,
      byModel: [
        { model: "gpt-realtime", usd: 0.42 },
        { model: "gpt-4o-mini", usd: 0.01 },
      ],
    },
    { date: "2026-03-02", usd: 0.3, byModel: [{ model: "gpt-realtime", usd: 0.3 }] },
  ],
};
