import { describe, expect, it } from "vitest";
import { inWorkspace } from "./use-api";

describe("inWorkspace", () => {
  it("names the page's workspace in every request, keeping the query", () => {
    expect(inWorkspace("/api/v1/ops/metrics?window=1h", "ws_1")).toBe("/api/v1/ops/metrics?window=1h&workspaceId=ws_1");
    expect(inWorkspace("/api/v1/llm/keys", "ws 2")).toBe("/api/v1/llm/keys?workspaceId=ws+2");
  });

  it("leaves a path that names a workspace already, and pages outside the dashboard, as they are", () => {
    expect(inWorkspace("/api/v1/llm/keys?workspaceId=other", "ws_1")).toBe("/api/v1/llm/keys?workspaceId=other");
    expect(inWorkspace("/api/v1/workspaces", null)).toBe("/api/v1/workspaces");
  });
});
