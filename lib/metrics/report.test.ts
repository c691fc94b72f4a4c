import { describe, expect, it } from "vitest";
import { freshDataDir } from "@/test-support/embedded-db";

freshDataDir();
const { recordRequest } = await import("./record");
const { getDb } = await import("@/lib/database");
const { routeMetrics } = await import("@/db/schema");
const { opsMetrics } = await import("./report");

describe("route metrics", () => {
  it("aggregates counts, 429/5xx rates and latency quantiles per route, per workspace", async () => {
    const samples = [
      ...Array.from({ length: 16 }, () => ({ status: 200, latencyMs: 3 })),
      ...Array.from({ length: 2 }, () => ({ status: 429, latencyMs: 1 })),
      ...Array.from({ length: 2 }, () => ({ status: 502, latencyMs: 150 })),
    ];
    await Promise.all(samples.map((s) => recordRequest({ route: "realtime_token", workspaceId: "ws-a", ...s })));
    await recordRequest({ route: "realtime_token", workspaceId: "ws-b", status: 500, latencyMs: 5 });
    await recordRequest({ route: "llm_keys", workspaceId: "ws-a", status: 200, latencyMs: 8 });

    const report = await opsMetrics({ workspaceId: "ws-a", window: "1h" });
    expect(report.routes.map((r) => r.route)).toEqual(["llm_keys", "realtime_token"]);
    const token = report.routes.find((r) => r.route === "realtime_token")!;
    expect(token).toMatchObject({ requests: 20, rate429: 0.1, rate5xx: 0.1, p50Ms: 5, p95Ms: 200 });
    expect(token.series.length).toBeGreaterThanOrEqual(12); // every 5-minute bucket of the hour
    expect(token.series.reduce((n, b) => n + b.requests, 0)).toBe(20);
    expect(token.series.at(-1)).toMatchObject({ requests: 20 });
    // 10% 5xx over 20 requests in the last 15 minutes passes the 5% threshold; 10% 429 does not pass 10%.
    expect(report.alerts).toEqual([expect.objectContaining({ route: "realtime_token", kind: "5xx", requests: 20 })]);

    const all = await opsMetrics({ workspaceId: null, window: "24h" });
    expect(all.routes.find((r) => r.route === "realtime_token")!.requests).toBe(21);
  });

  it("adds later flushes into the same minute's row, histogram slot by slot", async () => {
    const sample = { route: "llm_keys_test", workspaceId: "ws-c", status: 200 };
    await recordRequest({ ...sample, latencyMs: 3 });
    await Promise.all([recordRequest({ ...sample, latencyMs: 3 }), recordRequest({ ...sample, latencyMs: 150 })]);
    const db = await getDb();
    const rows = await db.select().from(routeMetrics);
    const mine = rows.filter((r) => r.route === "llm_keys_test");
    expect(mine.reduce((n, r) => n + r.count, 0)).toBe(3);
    const merged = mine.reduce(
      (sum, r) => sum.map((v, i) => v + (r.latencyBuckets[i] ?? 0)),
      Array(mine[0]!.latencyBuckets.length).fill(0),
    );
    expect(merged.reduce((a: number, b: number) => a + b, 0)).toBe(3);
    expect(merged.filter((v: number) => v > 0)).toEqual([2, 1]); // two fast requests in one slot, one slow in a later one
  });

  it("the report includes requests this process has not flushed yet", async () => {
    void recordRequest({ route: "unflushed_route", workspaceId: "ws-d", status: 200, latencyMs: 2 });
    const report = await opsMetrics({ workspaceId: "ws-d", window: "1h" });
    expect(report.routes).toMatchObject([{ route: "unflushed_route", requests: 1 }]);
  });
});
