import { execFile } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { TOKEN_SCOPES, type TokenScope } from "@/db/enums";
import { addToWorkspace } from "./support/cast";
import { APP_URL, FAKE_OPENAI_URL } from "./support/env";
import { testKey } from "./support/keys";
import { allowClientSecrets, userWithKey } from "./support/realtime";
import { signedUpContext } from "./support/users";

// The MCP server at /api/mcp, driven the way agents drive it: the official MCP TypeScript SDK
// client (Streamable HTTP) and the MCP Inspector's CLI, with a personal access token.

const MCP_URL = `${APP_URL}/api/mcp`;
const SECRET = `whsec_${Buffer.from("mcp-e2e-fake-signing-secret").toString("base64")}`;
const TOOLS = [
  "create_client_secret",
  "list_calls",
  "accept_call",
  "reject_call",
  "refer_call",
  "hangup_call",
  "list_models",
  "get_usage",
  "get_costs",
  "get_proxy_health",
];
const run = promisify(execFile);

async function makeToken(api: APIRequestContext, workspaceId: string, scopes: readonly TokenScope[]) {
  const res = await api.post("/api/v1/tokens", { data: { workspaceId, name: `MCP ${scopes.join(" ")}`, scopes, expiresInDays: 7 } });
  expect(res.status()).toBe(201);
  return (await res.json()).token as { token: string; id: string };
}

async function connect(token: string) {
  const client = new Client({ name: "opencto-e2e", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(MCP_URL), { requestInit: { headers: { authorization: `Bearer ${token}` } } }),
  );
  return client;
}

interface ToolAnswer {
  isError: boolean;
  text: string;
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolAnswer> {
  const result = (await client.callTool({ name, arguments: args })) as {
    isError?: boolean;
    content: Array<{ type: string; text: string }>;
  };
  return { isError: result.isError === true, text: result.content.map((c) => c.text).join("\n") };
}

/** An incoming phone call the workspace's policy accepts (the fake plays OpenAI's SIP side). */
async function ring(workspaceId: string): Promise<string> {
  const res = await fetch(`${FAKE_OPENAI_URL}/_fake/sip/incoming`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ url: `${APP_URL}/api/v1/telephony/webhook/${workspaceId}`, secret: SECRET, from: "+14155554567" }),
  });
  const placed = (await res.json()) as { call_id: string; call: { state: string } };
  expect(placed.call.state).toBe("accepted");
  return placed.call_id;
}

async function sipState(id: string) {
  const { data } = (await (await fetch(`${FAKE_OPENAI_URL}/_fake/sip/calls`)).json()) as { data: Array<{ id: string; state: string }> };
  return data.find((c) => c.id === id)?.state;
}

const today = () => new Date().toISOString().slice(0, 10);

test.describe("MCP server", () => {
  test("the MCP SDK client lists the ten tools and calls each with a token; no key in any answer", async ({ browser }) => {
    test.setTimeout(90_000);
    const admin = await userWithKey(browser, "McpAdmin");
    const adminKey = testKey("admin", "mcp");
    expect(
      (await admin.api.put("/api/v1/llm/keys/openai-admin", { data: { workspaceId: admin.workspaceId, apiKey: adminKey } })).status(),
    ).toBe(200);
    await allowClientSecrets(admin.api);
    const telephony = await admin.api.put("/api/v1/telephony/settings", {
      data: {
        workspaceId: admin.workspaceId,
        secret: SECRET,
        defaultAction: "accept",
        allowPrefixes: [],
        denyPrefixes: [],
        referTarget: "+14155550100",
        rejectStatus: 486,
      },
    });
    expect(telephony.status()).toBe(200);
    const { token } = await makeToken(admin.api, admin.workspaceId, TOKEN_SCOPES);
    const client = await connect(token);
    const answers: ToolAnswer[] = [];
    const ok = async (name: string, args: Record<string, unknown> = {}) => {
      const answer = await call(client, name, args);
      answers.push(answer);
      expect(answer.isError, `${name}: ${answer.text}`).toBe(false);
      return JSON.parse(answer.text);
    };

    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...TOOLS].sort());
    for (const tool of tools) {
      expect(tool.inputSchema.type, tool.name).toBe("object");
      expect(tool.description?.length ?? 0, tool.name).toBeGreaterThan(20);
    }
    expect(tools.find((t) => t.name === "get_usage")?.inputSchema.required).toEqual(["start", "end"]);

    expect((await ok("create_client_secret", { voice: "marin" })).clientSecret).toMatch(/^ek_/);
    expect((await ok("list_models")).models.length).toBeGreaterThan(0);
    expect((await ok("get_usage", { start: today(), end: today() })).totals).toBeDefined();
    const costs = await ok("get_costs", { start: today(), end: today() });
    expect(costs).toMatchObject({
      scope: "workspace",
      ledger: { pricesAsOf: expect.any(String) },
      openai: { totalUsd: expect.any(Number) },
    });
    expect((await ok("get_proxy_health", { window: "24h" })).window).toBe("24h");

    const referred = await ring(admin.workspaceId);
    const listed = await ok("list_calls", { status: "live" });
    expect(listed.phoneCalls).toEqual([expect.objectContaining({ id: referred, from: "+1415•••4567", live: true })]);
    expect(await ok("refer_call", { callId: referred })).toEqual({ callId: referred, transferred: true });
    expect(await sipState(referred)).toBe("referred");
    const hungUp = await ring(admin.workspaceId);
    expect(await ok("hangup_call", { callId: hungUp })).toEqual({ callId: hungUp, ended: true });
    await expect.poll(() => sipState(hungUp)).toBe("ended");

    // A call the workspace already holds cannot be accepted or rejected again; a call OpenAI does not know is its refusal.
    const again = await call(client, "accept_call", { callId: hungUp });
    expect(again).toEqual({ isError: true, text: "This call has already ended." });
    const unknown = await call(client, "reject_call", { callId: "rtc_mcp_unknown" });
    expect(unknown).toEqual({ isError: true, text: "OpenAI rejected the request (404)." });
    const bad = await call(client, "get_usage", { start: "2026-13-01", end: today() });
    expect(bad.isError).toBe(true);
    expect(bad.text).toContain("start is not a real calendar date");

    for (const answer of [...answers, again, unknown, bad]) {
      expect(answer.text).not.toContain(admin.apiKey);
      expect(answer.text).not.toContain(adminKey);
      expect(answer.text).not.toContain(token);
    }
    await client.close();
  });

  test("each tool needs its scope and the member's role; a token without mcp, a revoked one or a session is refused", async ({
    browser,
  }) => {
    const owner = await userWithKey(browser, "McpOwner");
    const member = await signedUpContext(browser, "McpMember");
    await addToWorkspace(owner.api, owner.workspaceId, member, "member");

    const narrow = await makeToken(owner.api, owner.workspaceId, ["mcp"]);
    const client = await connect(narrow.token);
    expect((await client.listTools()).tools).toHaveLength(TOOLS.length);
    expect(await call(client, "get_usage", { start: today(), end: today() })).toEqual({
      isError: true,
      text: "This API token lacks the scope usage:read, which get_usage needs. Create a token with it in Settings → Tokens.",
    });
    expect((await call(client, "list_models")).text).toContain("lacks the scope chat or realtime:mint");
    expect((await call(client, "create_client_secret")).text).toContain("lacks the scope realtime:mint");
    await client.close();

    const memberToken = await makeToken(member.api, owner.workspaceId, ["mcp", "calls:manage", "chat"]);
    const asMember = await connect(memberToken.token);
    const refused = await call(asMember, "refer_call", { callId: "rtc_anything" });
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(/^refer_call needs the admin role in ".+"; the token's member is member\.$/);
    expect((await call(asMember, "accept_call", { callId: "rtc_anything" })).text).toContain("needs the admin role");
    expect(JSON.parse((await call(asMember, "list_models")).text).models.length).toBeGreaterThan(0);
    expect(JSON.parse((await call(asMember, "list_calls")).text)).toMatchObject({ calls: [] });
    await asMember.close();

    const initialize = {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
    };
    const post = (headers: Record<string, string>, api: APIRequestContext = owner.api) =>
      api.post("/api/mcp", { headers: { accept: "application/json, text/event-stream", ...headers }, data: initialize });
    const noMcp = await makeToken(
      owner.api,
      owner.workspaceId,
      TOKEN_SCOPES.filter((s) => s !== "mcp"),
    );
    const withoutScope = await post({ authorization: `Bearer ${noMcp.token}` });
    expect(withoutScope.status()).toBe(403);
    expect(await withoutScope.json()).toMatchObject({ code: "insufficient_scope", details: { required: ["mcp"] } });
    expect((await owner.api.delete(`/api/v1/tokens/${narrow.id}?workspaceId=${owner.workspaceId}`)).status()).toBe(200);
    const revoked = await post({ authorization: `Bearer ${narrow.token}` });
    expect(revoked.status()).toBe(401);
    expect((await revoked.json()).error).toContain("revoked");
    // The signed-in browser's cookie is not a way in: the MCP server takes tokens only.
    const session = await post({ origin: APP_URL });
    expect(session.status()).toBe(401);
    expect((await session.json()).error).toContain("takes an API token");
  });

  test("an agent that receives the incoming-call webhook itself accepts one call and rejects another through the tools", async ({
    browser,
  }) => {
    const admin = await userWithKey(browser, "McpRouter");
    const { token } = await makeToken(admin.api, admin.workspaceId, ["mcp", "calls:manage"]);
    const client = await connect(token);
    // The agent's own webhook endpoint: OpenAI (the fake) waits for its answer while it decides.
    let decide: "accept_call" | "reject_call" = "accept_call";
    const decided: ToolAnswer[] = [];
    const hook = createServer(async (req, res) => {
      let raw = "";
      for await (const chunk of req) raw += chunk;
      const callId = JSON.parse(raw).data.call_id as string;
      decided.push(await call(client, decide, decide === "reject_call" ? { callId, statusCode: 486 } : { callId }));
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
    const place = async () => {
      const res = await fetch(`${FAKE_OPENAI_URL}/_fake/sip/incoming`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`, secret: SECRET }),
      });
      return (await res.json()) as { call_id: string; call: { state: string; statusCode?: number; instructions?: string } };
    };

    const accepted = await place();
    expect(decided[0]).toEqual({ isError: false, text: JSON.stringify({ callId: accepted.call_id, accepted: true }) });
    expect(accepted.call.state).toBe("accepted");
    expect(accepted.call.instructions?.length).toBeGreaterThan(0);
    const listed = JSON.parse((await call(client, "list_calls", { status: "live" })).text);
    expect(listed.phoneCalls).toEqual([expect.objectContaining({ id: accepted.call_id, live: true })]);

    decide = "reject_call";
    const rejected = await place();
    expect(decided[1]).toEqual({ isError: false, text: JSON.stringify({ callId: rejected.call_id, rejected: true, statusCode: 486 }) });
    expect(rejected.call).toMatchObject({ state: "rejected", statusCode: 486 });

    expect(JSON.parse((await call(client, "hangup_call", { callId: accepted.call_id })).text)).toEqual({
      callId: accepted.call_id,
      ended: true,
    });
    await expect.poll(() => sipState(accepted.call_id)).toBe("ended");
    hook.close();
    await client.close();
  });

  test("the MCP Inspector CLI lists the tools and calls one with the token", async ({ browser }) => {
    const admin = await userWithKey(browser, "McpInspector");
    const { token } = await makeToken(admin.api, admin.workspaceId, ["mcp", "chat", "usage:read"]);
    const inspector = (...args: string[]) =>
      run(
        "node_modules/.bin/mcp-inspector",
        ["--cli", MCP_URL, "--transport", "http", "--header", `Authorization: Bearer ${token}`, ...args],
        {
          timeout: 30_000,
        },
      );
    const listed = JSON.parse((await inspector("--method", "tools/list")).stdout) as { tools: Array<{ name: string }> };
    expect(listed.tools.map((t) => t.name).sort()).toEqual([...TOOLS].sort());
    const called = JSON.parse((await inspector("--method", "tools/call", "--tool-name", "list_models")).stdout) as {
      content: Array<{ text: string }>;
      isError?: boolean;
    };
    expect(called.isError ?? false).toBe(false);
    expect(JSON.parse(called.content[0]!.text).models.length).toBeGreaterThan(0);
    expect(JSON.stringify(called)).not.toContain(admin.apiKey);
  });
});
