import { describe, expect, it } from "vitest";
import { freshDataDir } from "@/lib/testing/embedded-db";

freshDataDir();
const { recordRequest } = await import("./record");
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
    expect(token.series).toHaveLength(1);
    expect(token.series[0]).toMatchObject({ requests: 20 });
    // 10% 5xx over 20 requests in the last 15 minutes passes the 5% threshold; 10% 429 does not pass 10%.
    expect(report.alerts).toEqual([expect.objectContaining({ route: "realtime_token", kind: "5xx", requests: 20 })]);

    const all = await opsMetrics({ workspaceId: null, window: "24h" });
    expect(all.routes.find((r) => r.route === "realtime_token")!.requests).toBe(21);
  });
});
