import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters } from "werift";
import { type FakeOpenAI, startFakeOpenAI } from "@/fake-openai";
import { freshDataDir } from "@/test-support/embedded-db";
import { CUSTOMER, startMcpServer } from "@/test-support/mcp-server";

// A relayed call end to end on the server side (relay, sideband, the fake's WebRTC peer standing
// in for the browser): remote MCP tools with approval and their audit; trace and privacy mode.

freshDataDir();
const V1 = `v1:${randomBytes(32).toString("base64")}`;
const V2 = `v2:${randomBytes(32).toString("base64")}`;
process.env.ENCRYPTION_KEYS = V1;
process.env.SIGNUP_MODE = "open";
const fake: FakeOpenAI = await startFakeOpenAI({ port: 0, log: false });
process.env.OPENAI_BASE_URL = fake.baseURL;
const mcp = await startMcpServer();
const { getDb } = await import("@/lib/database");
const { auditEvents, callTraces, mcpServers } = await import("@/db/schema");
const { createPasswordUser } = await import("@/lib/auth/credentials");
const { resolveWorkspaceAccess } = await import("@/lib/workspaces/workspaces");
const { storeKey } = await import("@/lib/vault/store");
const { saveConnector } = await import("@/lib/connectors/store");
const { mcpToolsFor } = await import("@/lib/connectors/tools");
const { savePrivacySettings } = await import("@/lib/privacy/settings");
const { workspacePrivacy } = await import("@/lib/privacy/privacy");
const { readTrace } = await import("@/lib/privacy/trace");
const { rotateAllKeys } = await import("@/lib/vault/rotate");
const { relayCall, hangUp } = await import("./calls");

afterAll(async () => {
  await fake.close();
  await mcp.close();
});
beforeAll(async () => {
  await getDb();
});

const API_KEY = "sk-fake-connectors-relay-0000";
const TOKEN = "crm-access-token-0123456789";

async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

type Event = { type: string; item?: Record<string, unknown> } & Record<string, unknown>;

async function member(email: string) {
  const user = await createPasswordUser({ name: email.split("@")[0] ?? "x", email, password: "long enough pw" });
  const access = await resolveWorkspaceAccess({ userId: user.id });
  await storeKey({ slot: { workspaceId: access.workspaceId, provider: "openai", scope: "workspace", userId: user.id }, apiKey: API_KEY });
  return { userId: user.id, workspaceId: access.workspaceId, access };
}

/** A call placed through the relay with a werift peer as the browser. */
async function call(who: Awaited<ReturnType<typeof member>>) {
  const pc = new RTCPeerConnection({
    codecs: { audio: [new RTCRtpCodecParameters({ mimeType: "audio/PCMU", clockRate: 8000, channels: 1, payloadType: 0 })] },
  });
  pc.addTransceiver(new MediaStreamTrack({ kind: "audio" }), { direction: "sendrecv" });
  const dc = pc.createDataChannel("oai-events");
  const events: Event[] = [];
  dc.onMessage.subscribe((m) => events.push(JSON.parse(m.toString())));
  await pc.setLocalDescription(await pc.createOffer());
  const relayed = await relayCall({ workspaceId: who.workspaceId, userId: who.userId, sdp: pc.localDescription?.sdp ?? "", choice: {} });
  await pc.setRemoteDescription({ type: "answer", sdp: relayed.answer });
  await waitFor(() => dc.readyState === "open");
  const send = (event: Record<string, unknown>) => dc.send(JSON.stringify(event));
  const say = (text: string) => {
    send({ type: "conversation.item.create", item: { type: "message", role: "user", content: [{ type: "input_text", text }] } });
    send({ type: "response.create" });
  };
  const end = async () => {
    await hangUp({ callId: relayed.callId, userId: who.userId, access: who.access });
    await relayed.watched;
    await pc.close();
  };
  return { callId: relayed.callId, events, send, say, end };
}

describe("remote MCP servers on a relayed call", () => {
  it("are in the session with their sealed token, come back when the browser drops them, and an approved call is audited", async () => {
    const who = await member("mcp-admin@example.com");
    const saved = await saveConnector({
      workspaceId: who.workspaceId,
      userId: who.userId,
      body: {
        label: "crm",
        url: mcp.url,
        description: null,
        allowedTools: [],
        approval: "per_tool",
        approvalTools: ["lookup_customer"],
        authorization: TOKEN,
      },
    });
    expect(saved).toMatchObject({ authorizationSaved: true, authorizationHint: "…6789" });
    expect(JSON.stringify(saved)).not.toContain(TOKEN);
    const db = await getDb();
    const [row] = await db.select().from(mcpServers).where(eq(mcpServers.id, saved.id));
    expect(row?.authorizationCiphertext).not.toContain(TOKEN);
    expect(await mcpToolsFor({ workspaceId: who.workspaceId })).toEqual([
      {
        type: "mcp",
        server_label: "crm",
        server_url: mcp.url,
        authorization: TOKEN,
        require_approval: { always: { tool_names: ["lookup_customer"] } },
      },
    ]);

    const live = await call(who);
    // The browser's own session.update (function tools only) drops the MCP server; the sideband puts it back.
    await waitFor(() => live.events.some((e) => e.type === "mcp_list_tools.completed"));
    live.send({ type: "session.update", session: { type: "realtime", tools: [] } });
    await waitFor(() =>
      live.events.some(
        (e, i) =>
          e.type === "session.updated" &&
          i > live.events.findIndex((x) => x.type === "session.updated" && (x.session as { tools: unknown[] }).tools.length === 0) &&
          JSON.stringify(e).includes('"server_label":"crm"'),
      ),
    );

    live.say("please lookup customer cus_4711");
    const request = await waitFor(() =>
      live.events.find((e) => e.type === "conversation.item.done" && e.item?.type === "mcp_approval_request"),
    );
    live.send({
      type: "conversation.item.create",
      item: { type: "mcp_approval_response", approval_request_id: request.item?.id, approve: true },
    });
    const done = await waitFor(() => live.events.find((e) => e.type === "response.output_item.done" && e.item?.type === "mcp_call"));
    expect(JSON.parse(String(done.item?.output))).toEqual(CUSTOMER);
    expect(mcp.requests.find((r) => r.method === "tools/call")?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.stringify(live.events)).not.toContain(TOKEN);
    await live.end();

    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, who.workspaceId), eq(auditEvents.action, "mcp.called")));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorUserId).toBe(who.userId);
    const argumentBytes = Buffer.byteLength(String(done.item?.arguments));
    const outputBytes = Buffer.byteLength(String(done.item?.output));
    expect(audit[0]?.detail).toBe(
      `server crm, tool lookup_customer, ${argumentBytes} bytes sent, ${outputBytes} bytes back, approved by the caller`,
    );
  }, 60_000);

  it("a denial is audited and nothing reaches the server", async () => {
    const who = await member("mcp-deny@example.com");
    await saveConnector({
      workspaceId: who.workspaceId,
      userId: who.userId,
      body: { label: "crm", url: mcp.url, description: null, allowedTools: ["lookup_customer"], approval: "always", approvalTools: [] },
    });
    const calls = mcp.requests.filter((r) => r.method === "tools/call").length;
    const live = await call(who);
    await waitFor(() => live.events.some((e) => e.type === "mcp_list_tools.completed"));
    live.say("lookup customer");
    const request = await waitFor(() =>
      live.events.find((e) => e.type === "conversation.item.done" && e.item?.type === "mcp_approval_request"),
    );
    live.send({
      type: "conversation.item.create",
      item: { type: "mcp_approval_response", approval_request_id: request.item?.id, approve: false },
    });
    await waitFor(() => live.events.some((e) => e.type === "conversation.item.added" && e.item?.type === "mcp_approval_response"));
    await live.end();
    const db = await getDb();
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.workspaceId, who.workspaceId));
    const denied = audit.filter((a) => a.action === "mcp.denied");
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ actorUserId: who.userId });
    expect(denied[0]?.detail).toMatch(/^server crm, tool lookup_customer, \d+ bytes not sent, denied by the caller$/);
    expect(audit.some((a) => a.action === "mcp.called")).toBe(false);
    expect(mcp.requests.filter((r) => r.method === "tools/call").length).toBe(calls);
  }, 60_000);

  it("the vault's rotation re-seals a connector's token under the newest key; a token moved to another connector stays shut", async () => {
    const db = await getDb();
    process.env.ENCRYPTION_KEYS = `${V2},${V1}`;
    expect(await rotateAllKeys()).toEqual({ rotated: 3, skipped: 0, failed: 0 }); // two workspace keys, one connector token
    const rows = await db.select().from(mcpServers);
    const sealed = rows.find((r) => r.authorizationCiphertext);
    const bare = rows.find((r) => !r.authorizationCiphertext);
    if (!sealed || !bare) throw new Error("the tests above saved one connector with a token and one without");
    expect(sealed.authorizationCiphertext?.startsWith("v2:")).toBe(true);
    process.env.ENCRYPTION_KEYS = V2; // v1 gone: the re-sealed token still opens
    expect((await mcpToolsFor({ workspaceId: sealed.workspaceId }))[0]?.authorization).toBe(TOKEN);
    // Bound to its own row: copied onto another connector it does not open, and that connector is left out.
    await db
      .update(mcpServers)
      .set({ authorizationCiphertext: sealed.authorizationCiphertext, authorizationHint: sealed.authorizationHint })
      .where(eq(mcpServers.id, bare.id));
    expect(await mcpToolsFor({ workspaceId: bare.workspaceId })).toEqual([]);
  });
});

/** Every row of every table as text: what "found in the database" means, whatever the storage. */
async function databaseText(): Promise<string> {
  const db = await getDb();
  const tables = (await db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  )) as unknown as { rows: Array<{ table_name: string }> };
  const parts: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = (await db.execute(sql`select t::text as row from ${sql.identifier(table_name)} t`)) as unknown as {
      rows: Array<{ row: string }>;
    };
    parts.push(...rows.rows.map((r) => r.row));
  }
  return parts.join("\n");
}

describe("trace and privacy", () => {
  it("a traced call keeps its events with secrets redacted; in privacy mode no call text reaches the database", async () => {
    const who = await member("privacy-admin@example.com");
    await saveConnector({
      workspaceId: who.workspaceId,
      userId: who.userId,
      body: { label: "crm", url: mcp.url, description: null, allowedTools: [], approval: "never", approvalTools: [], authorization: TOKEN },
    });
    await savePrivacySettings({
      workspaceId: who.workspaceId,
      userId: who.userId,
      settings: { privacy: false, trace: true, traceDays: 3 },
    });

    const traced = await call(who);
    traced.say("the traced phrase is periwinkle-4711");
    await waitFor(() => traced.events.some((e) => e.type === "response.done"));
    await traced.end();
    const trace = await readTrace({ workspaceId: who.workspaceId, callId: traced.callId });
    const text = JSON.stringify(trace.events);
    expect(text).toContain("periwinkle-4711");
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(API_KEY);
    expect(new Date(trace.expiresAt).getTime() - Date.now()).toBeGreaterThan(2.9 * 86_400_000);
    expect(await databaseText()).toContain("periwinkle-4711"); // the scan below does see stored call text

    await savePrivacySettings({
      workspaceId: who.workspaceId,
      userId: who.userId,
      settings: { privacy: true, trace: false, traceDays: 3 },
    });
    expect(await workspacePrivacy({ workspaceId: who.workspaceId })).toEqual({ privacy: true });
    const hidden = await call(who);
    hidden.say("the private phrase is tangerine-0815");
    await waitFor(() => hidden.events.some((e) => e.type === "response.output_text.done" || e.type === "response.done"));
    expect(JSON.stringify(hidden.events)).toContain("tangerine-0815"); // it was said, and answered
    await hidden.end();
    expect(await databaseText()).not.toContain("tangerine-0815");
    const db = await getDb();
    expect(await db.select().from(callTraces).where(eq(callTraces.callId, hidden.callId))).toEqual([]);
  }, 90_000);
});
