import { RunContext } from "@openai/agents";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { EXPECTED_COSTS, USAGE_REPORT } from "@/test-support/usage-report";

const apiFetch = vi.fn();
vi.mock("../../api/client", () => ({ apiFetch: (...args: unknown[]) => apiFetch(...args) }));

const { assistantTools } = await import("./tools");

describe("the Voice page's costs tool", () => {
  beforeEach(() => apiFetch.mockResolvedValue({ ...USAGE_REPORT, fetchedAt: "2026-03-03T00:00:00Z", cached: false }));

  it("answers the spend per day and model from the usage route, not the whole usage report", async () => {
    const [costs] = assistantTools(["get_openai_costs"]);
    const answer = await costs?.invoke(new RunContext(), JSON.stringify({ startDate: "2026-03-01", endDate: "2026-03-02" }));
    expect(JSON.parse(String(answer))).toEqual(EXPECTED_COSTS);
    expect(String(answer)).not.toContain("inputTokens");
    expect(apiFetch).toHaveBeenCalledWith("/api/v1/cto/openai/usage?start=2026-03-01&end=2026-03-02&groupBy=model&bucket=1d");
  });
});
