import { describe, expect, it } from "vitest";
import { policyDrift } from "@/lib/realtime/policy-drift";
import { connectorBody } from "./schemas";

// The connector form's rules, and how the relay's policy check treats a remote MCP server.

const valid = { label: "crm", url: "https://mcp.example.com/mcp", approval: "always" };
const problem = (body: Record<string, unknown>) => connectorBody.safeParse(body).error?.issues[0]?.message;

describe("connectorBody", () => {
  it("takes an https server, http only on this machine, and no credentials in the URL", () => {
    expect(connectorBody.parse(valid)).toMatchObject({ allowedTools: [], approvalTools: [], description: null });
    expect(connectorBody.safeParse({ ...valid, url: "http://127.0.0.1:9000/mcp" }).success).toBe(true);
    expect(problem({ ...valid, url: "http://mcp.example.com/mcp" })).toMatch(/https:\/\//);
    expect(problem({ ...valid, url: "https://user:pw@mcp.example.com/mcp" })).toMatch(/without a user name or password/);
    expect(problem({ ...valid, url: "not a url" })).toMatch(/https:\/\//);
  });

  it("per tool needs the tools that ask first, and they must be allowed ones", () => {
    expect(problem({ ...valid, approval: "per_tool" })).toBe("Approval per tool needs at least one tool that asks first.");
    expect(problem({ ...valid, approval: "per_tool", allowedTools: ["ping"], approvalTools: ["lookup_customer"] })).toBe(
      "Every tool that asks first must also be an allowed tool.",
    );
    expect(connectorBody.parse({ ...valid, approval: "per_tool", approvalTools: ["a", "a"] }).approvalTools).toEqual(["a"]);
  });

  it("labels and tool names are the API's identifiers", () => {
    expect(problem({ ...valid, label: "1crm" })).toMatch(/starts with a letter/);
    expect(problem({ ...valid, allowedTools: ["no spaces"] })).toMatch(/Tool names/);
    expect(problem({ ...valid, approval: "sometimes" })).toBe("approval must be never, always or per_tool.");
  });
});

describe("policyDrift with a remote MCP server", () => {
  const crm = {
    type: "mcp",
    server_label: "crm",
    server_url: "https://mcp.example.com/mcp",
    authorization: "token",
    require_approval: "always",
  };
  const policy = { instructions: "Be brief.", tools: [crm], tool_choice: "auto", audio: { output: { voice: "marin" } } };
  const { authorization: _token, ...reported } = crm;

  it("does not drift when the API reports the server without its authorization", () => {
    expect(policyDrift({ tools: [reported] }, policy)).toBeNull();
  });

  it("puts the server back when a client drops it, points it elsewhere, or stops it asking", () => {
    expect(policyDrift({ tools: [] }, policy)).toEqual({ tools: [crm] });
    expect(policyDrift({ tools: [{ ...reported, server_url: "https://evil.example.com/mcp" }] }, policy)).toEqual({ tools: [crm] });
    expect(policyDrift({ tools: [{ ...reported, require_approval: "never" }] }, policy)).toEqual({ tools: [crm] });
  });
});
