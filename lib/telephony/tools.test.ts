import { beforeEach, describe, expect, it, vi } from "vitest";
import { EXPECTED_COSTS, USAGE_REPORT } from "@/test-support/usage-report";

const workspaceUsage = vi.fn();
vi.mock("@/lib/usage/proxy", () => ({ workspaceUsage: (...args: unknown[]) => workspaceUsage(...args), workspaceModels: vi.fn() }));
vi.mock("@/lib/metrics/report", () => ({ opsMetrics: vi.fn() }));

const { runPhoneTool } = await import("./tools");

describe("the phone assistant's costs tool", () => {
  beforeEach(() => workspaceUsage.mockResolvedValue({ ...USAGE_REPORT, fetchedAt: "2026-03-03T00:00:00Z", cached: false }));

  it("answers the spend per day and model, not the usage report's token counts", async () => {
    const answer = await runPhoneTool({
      workspaceId: "ws_1",
      enabled: ["get_openai_costs"],
      name: "get_openai_costs",
      args: { startDate: "2026-03-01", endDate: "2026-03-02" },
    });
    expect(JSON.parse(answer)).toEqual(EXPECTED_COSTS);
    expect(answer).not.toContain("inputTokens");
    expect(workspaceUsage.mock.calls[0]?.[0]).toMatchObject({
      query: { start: "2026-03-01", end: "2026-03-02", groupBy: "model", bucket: "1d" },
    });
  });
});
