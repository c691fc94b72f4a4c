import { describe, expect, it } from "vitest";
import { argumentPairs, summariseToolResult } from "./tool-summary";

describe("what a tool card shows of a result", () => {
  it("usage: a caption of the totals and one row per model, at most eight", () => {
    const byModel = Array.from({ length: 10 }, (_, i) => ({
      model: `m${i}`,
      inputTokens: 1000 * i,
      outputTokens: 10,
      requests: i,
      costUsd: i / 10,
    }));
    const view = {
      start: "2026-11-15",
      end: "2026-11-21",
      totals: { inputTokens: 45_000, outputTokens: 100, requests: 45, costUsd: 4.5 },
      byModel,
      days: [],
    };
    const summary = summariseToolResult(JSON.stringify(view));
    expect(summary).toMatchObject({
      kind: "table",
      caption: "45,100 tokens · 45 requests · $4.50 · 2026-11-15 – 2026-11-21",
      columns: ["Model", "Tokens in", "Tokens out", "Requests", "Cost"],
      more: 2,
    });
    expect(summary.kind === "table" && summary.rows[1]).toEqual(["m1", "1,000", "10", "1", "$0.10"]);
  });

  it("costs: the total and one row per day with its largest model", () => {
    const view = {
      start: "2026-11-20",
      end: "2026-11-21",
      currency: "usd",
      totalUsd: 3.5,
      days: [
        {
          date: "2026-11-20",
          usd: 3.5,
          byModel: [
            { model: "gpt-4.1", usd: 0.5 },
            { model: "gpt-realtime", usd: 3 },
          ],
        },
      ],
    };
    expect(summariseToolResult(JSON.stringify(view))).toMatchObject({
      caption: "$3.50 in total · 2026-11-20 – 2026-11-21",
      rows: [["2026-11-20", "$3.50", "gpt-realtime ($3.00)"]],
    });
  });

  it("proxy health: a row per route with its 429 and 5xx rates", () => {
    const view = {
      window: "1h",
      routes: [{ route: "realtime_token", label: "Voice token", requests: 40, rate429: 0.025, rate5xx: 0, p50Ms: 20, p95Ms: 140 }],
    };
    expect(summariseToolResult(JSON.stringify(view))).toMatchObject({
      caption: "Last hour · 40 requests",
      rows: [["Voice token", "40", "2.5%", "0%", "140 ms"]],
    });
  });

  it("models as a list, errors as their message, anything else as JSON only", () => {
    expect(summariseToolResult(JSON.stringify({ models: [{ id: "gpt-4.1" }, { id: "gpt-realtime" }] }))).toEqual({
      kind: "list",
      caption: "2 models",
      items: ["gpt-4.1", "gpt-realtime"],
    });
    expect(summariseToolResult(JSON.stringify({ error: "No key.", status: 424 }))).toEqual({ kind: "error", message: "No key." });
    expect(summariseToolResult('{"cut short…(truncated)')).toEqual({ kind: "none" });
    expect(summariseToolResult(undefined)).toEqual({ kind: "none" });
  });

  it("arguments read as name: value pairs", () => {
    expect(argumentPairs('{"startDate":"2026-11-15","endDate":"2026-11-21"}')).toEqual(["startDate: 2026-11-15", "endDate: 2026-11-21"]);
    expect(argumentPairs("{}")).toEqual([]);
  });
});
