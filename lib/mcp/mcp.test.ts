import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { describe, expect, it, vi } from "vitest";
import type { TokenScope } from "@/db/enums";
import { freshDataDir } from "@/test-support/embedded-db";

freshDataDir();
// The reaper schedules itself with next/server's after(), which needs a request scope; the route has one.
vi.mock("@/lib/realtime/reaper", () => ({ reapSoon: () => undefined }));
const { handleMcp } = await import("./server");
const { MCP_TOOL_NAMES } = await import("./schemas");
import type { McpCaller } from "./tools";

// The MCP server's own layer, with the official SDK client talking Streamable HTTP to it in
// process (its fetch goes straight to the handler): tool list, scope and role refusals, and the
// tools that read only the database. e2e/mcp.spec.ts drives every tool through the running app.

function caller(scopes: TokenScope[], role: McpCaller["role"] = "member"): McpCaller {
  return { workspaceId: "ws_mcp_test", workspaceName: "MCP test", userId: "u_mcp_test", role, tokenId: "AAAAAAAAAAAAAAAA", scopes };
}

async function connect(who: McpCaller) {
  const transport = new StreamableHTTPClientTransport(new URL("http://mcp.test/api/mcp"), {
    fetch: async (input, init) => {
      const req = new Request(input, init);
      if (req.method !== "POST") return new Response(null, { status: 405 });
      return handleMcp({ req, body: await req.clone().json(), caller: who });
    },
  });
  const client = new Client({ name: "vitest", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

const textOf = (result: unknown) => (result as { content: Array<{ text: string }> }).content.map((c) => c.text).join("");

describe("MCP server", () => {
  it("lists every tool with a JSON schema and annotations, to a token that has only the mcp scope", async () => {
    const client = await connect(caller(["mcp"]));
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(MCP_TOOL_NAMES);
    const refer = tools.find((t) => t.name === "refer_call")!;
    expect(refer.inputSchema).toMatchObject({ type: "object", required: ["callId"], properties: { callId: { type: "string" } } });
    expect(refer.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(tools.find((t) => t.name === "get_proxy_health")?.annotations?.readOnlyHint).toBe(true);
    await client.close();
  });

  it("refuses a tool whose scope the token lacks, naming the scope, and an admin tool to a member", async () => {
    const narrow = await connect(caller(["mcp", "usage:read"]));
    const refused = await narrow.callTool({ name: "hangup_call", arguments: { callId: "rtc_x" } });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe(
      "This API token lacks the scope calls:manage, which hangup_call needs. Create a token with it in Settings → Tokens.",
    );
    expect(textOf(await narrow.callTool({ name: "create_client_secret", arguments: {} }))).toContain("lacks the scope realtime:mint");
    await narrow.close();

    const member = await connect(caller(["mcp", "calls:manage"]));
    for (const name of ["accept_call", "reject_call", "refer_call"]) {
      const result = await member.callTool({ name, arguments: { callId: "rtc_x" } });
      expect(result.isError, name).toBe(true);
      expect(textOf(result)).toBe(`${name} needs the admin role in "MCP test"; the token's member is member.`);
    }
    await member.close();
  });

  it("answers bad input with the REST route's sentences and runs the database-only tools", async () => {
    const client = await connect(caller(["mcp", "calls:manage", "usage:read"], "admin"));
    const badId = await client.callTool({ name: "hangup_call", arguments: { callId: "../../etc" } });
    expect({ isError: badId.isError, text: textOf(badId) }).toEqual({ isError: true, text: "callId: Not a call id." });
    const unknown = await client.callTool({ name: "hangup_call", arguments: { callId: "rtc_missing" } });
    expect(textOf(unknown)).toBe("No such call in this workspace.");
    const badRange = await client.callTool({ name: "list_calls", arguments: { from: "2026-02-01", to: "2026-01-01" } });
    expect(textOf(badRange)).toBe("to: to must be after from.");
    const schemaRefusal = await client.callTool({ name: "list_calls", arguments: { limit: 1000 } });
    expect(schemaRefusal.isError).toBe(true);

    const calls = await client.callTool({ name: "list_calls", arguments: { status: "live", limit: 5 } });
    expect(calls.isError).toBeFalsy();
    expect(JSON.parse(textOf(calls))).toMatchObject({ workspaceId: "ws_mcp_test", calls: [], nextCursor: null, phoneCalls: [] });
    const health = await client.callTool({ name: "get_proxy_health", arguments: { window: "24h" } });
    expect(JSON.parse(textOf(health))).toMatchObject({ window: "24h", routes: [], alerts: [] });
    await client.close();
  }, 120_000); // the first to touch the embedded database, which migrates on first use
});
