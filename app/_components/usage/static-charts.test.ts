import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { UsageRow } from "../api/types";
import { chartGroups, MAX_SERIES, seriesColors } from "./chart-data";
import { niceMax, StaticUsageCharts } from "./static-charts";

const row = (date: string, group: string, tokens: number, costUsd: number | null): UsageRow => ({
  date,
  group,
  model: group,
  project: null,
  inputTokens: tokens,
  outputTokens: 0,
  cachedTokens: 0,
  audioTokens: 0,
  requests: tokens / 10,
  costUsd,
});

const render = (rows: UsageRow[], noCostReason: string | null = null) =>
  renderToStaticMarkup(
    createElement(StaticUsageCharts, { rows, groups: ["gpt-4.1", "gpt-4o-mini"], groupOf: (r: UsageRow) => r.group, noCostReason }),
  );

describe("static usage charts", () => {
  const rows = [
    row("2026-03-01", "gpt-4.1", 1200, 0.5),
    row("2026-03-01", "gpt-4o-mini", 300, 0.1),
    row("2026-03-02", "gpt-4.1", 800, 0.3),
    row("2026-03-03", "gpt-4o-mini", 0, 0),
  ];

  it("draws a bar per group and day with usage, on an axis rounded up, and a legend of the groups", () => {
    const html = render(rows);
    const tokens = html.slice(html.indexOf("Tokens per bucket"), html.indexOf("Requests per bucket"));
    // Three non-zero (day, group) figures: three bars; the empty one draws nothing.
    expect(tokens.match(/<rect /g)).toHaveLength(3);
    // 1,500 tokens on the busiest day: the axis runs to 2K, with 1K half-way.
    expect(html).toContain(">2K<");
    expect(html).toContain(">1K<");
    expect(html).toMatch(/gpt-4\.1<\/span>/);
    expect(html).toContain("03-01");
    expect(html).toContain("03-03");
  });

  it("says why there is no cost chart instead of drawing one", () => {
    const html = render(rows, "OpenAI reports costs per day only: switch to daily buckets to chart them.");
    expect(html).toContain("OpenAI reports costs per day only");
    expect(html).not.toContain("Cost per day, stacked");
  });

  it("rounds axis maxima up to 1, 2 or 5 times a power of ten", () => {
    expect([0, 0.3, 1, 1.5, 3, 7, 12, 4_900, 51_000].map(niceMax)).toEqual([1, 0.5, 1, 2, 5, 10, 20, 5_000, 100_000]);
  });

  it("charts the largest groups and sums the rest as one grey series; the table's rows keep their own group", () => {
    const names = Array.from({ length: 20 }, (_, i) => `model-${String(i).padStart(2, "0")}`);
    const { groups, groupOf } = chartGroups(names, (r) => r.group);
    expect(groups).toHaveLength(MAX_SERIES);
    expect(groups.at(-1)).toBe("13 others");
    expect(groupOf(row("2026-03-01", "model-03", 1, 0))).toBe("model-03");
    expect(groupOf(row("2026-03-01", "model-19", 1, 0))).toBe("13 others");
    expect(seriesColors(groups).get("13 others")).toBe("#a1a1aa");
    expect(chartGroups(names.slice(0, 4), (r) => r.group).groups).toEqual(names.slice(0, 4));
  });
});
