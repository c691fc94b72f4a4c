import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAI } from "@/fake-openai";
import { auditEvents, users, workspaces } from "@/db/schema";
import { freshDataDir } from "@/test-support/embedded-db";
import { CUSTOMER, startMcpServer } from "@/test-support/mcp-server";
import type { ChatStreamEvent } from "./events";

// Remote MCP tools on the Chat page, against the OpenAI double, a local MCP server and embedded
// PGlite: a tool that asks first pauses the answer with an approval; the member's answer (a sealed
// paused turn) continues it; every call and denial is audited as a voice call's are.
const dataDir = freshDataDir();
process.env.ENCRYPTION_KEYS = `v1:${randomBytes(32).toString("base64")}`;
const { getDatabaseHandle, getDb } = await import("@/lib/database");
const { prepareChatApproval, prepareChatTurn } = await import("./turn");
const { conversationMessages } = await import("./store");
const { storeKey } = await import("@/lib/vault/store");
const { saveConnector } = await import("@/lib/connectors/store");
const { savePrivacySettings } = await import("@/lib/privacy/settings");

const TOKEN = "crm-chat-token-13579";
let fake: Awaited<ReturnType<typeof startFakeOpenAI>>;
let mcp: Awaited<ReturnType<typeof startMcpServer>>;
beforeAll(async () => {
  fake = await startFakeOpenAI({ port: 0, seed: 5 });
  mcp = await startMcpServer();
  process.env.OPENAI_BASE_URL = fake.baseURL;
  process.env.OPENAI_TIMEOUT_MS = "5000";
  await getDb();
});
afterAll(async () => {
  await fake.close();
  await mcp.close();
  await (await getDatabaseHandle()).close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Caller = { workspaceId: string; userId: string; role: "admin" | "member" };
const uid = () => randomBytes(6).toString("hex");
const toolCalls = () => mcp.requests.filter((r) => r.method === "tools/call").length;

async function workspaceWithConnector() {
  const db = await getDb();
  const [ada] = await db
    .insert(users)
    .values({ email: `ada-${uid()}@example.com` })
    .returning();
  const [bob] = await db
    .insert(users)
    .values({ email: `bob-${uid()}@example.com` })
    .returning();
  const [ws] = await db
    .insert(workspaces)
    .values({ name: `mcp chat ${uid()}` })
    .returning();
  if (!ada || !bob || !ws) throw new Error("seed failed");
  await storeKey({ slot: { workspaceId: ws.id, userId: ada.id, provider: "openai", scope: "workspace" }, apiKey: `sk-${uid()}abcdefgh` });
  await saveConnector({
    workspaceId: ws.id,
    userId: ada.id,
    body: { label: "crm", url: mcp.url, description: null, allowedTools: [], approval: "always", approvalTools: [], authorization: TOKEN },
  });
  return {
    ada: { workspaceId: ws.id, userId: ada.id, role: "admin" } as Caller,
    bob: { workspaceId: ws.id, userId: bob.id, role: "member" } as Caller,
  };
}

async function drain(turn: { conversation: { id: string }; run: (emit: (e: ChatStreamEvent) => void, s: AbortSignal) => Promise<void> }) {
  const events: ChatStreamEvent[] = [];
  await turn.run((e) => events.push(e), new AbortController().signal);
  const answer = events.flatMap((e) => (e.type === "delta" ? [e.text] : [])).join("");
  const approval = events.find((e) => e.type === "approval");
  return { conversationId: turn.conversation.id, events, answer, approval: approval?.type === "approval" ? approval : undefined };
}

const audit = async (workspaceId: string) =>
  (await getDb())
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.workspaceId, workspaceId), inArray(auditEvents.action, ["mcp.called", "mcp.denied"])));

describe("remote MCP tools in a chat turn", () => {
  it("asks first; approved, the tool runs with the saved token, the answer completes, and the call is audited", async () => {
    const { ada } = await workspaceWithConnector();
    const before = toolCalls();
    const asked = await drain(await prepareChatTurn({ caller: ada, body: { text: "please lookup customer cus_4711" } }));
    expect(asked.approval?.approval).toMatchObject({ server: "crm", tool: "lookup_customer" });
    expect(JSON.parse(asked.approval?.approval.arguments ?? "")).toEqual({ customerId: "cus_4711" });
    expect(asked.events.at(-1)).toEqual({ type: "done" });
    expect(toolCalls()).toBe(before); // nothing sent before approval
    expect(JSON.stringify(asked.events)).not.toContain(TOKEN);
    const sent = fake.state.requests.filter((r) => r.path === "/v1/responses").at(-1)?.body as { tools: Array<{ type: string }> };
    expect(sent.tools.filter((t) => t.type === "mcp")).toEqual([
      expect.objectContaining({ server_label: "crm", server_url: mcp.url, require_approval: "always", authorization: "…3579" }), // the double logs a hint only
    ]);

    const approval = { requestId: asked.approval?.approval.id ?? "", approve: true, resume: asked.approval?.resume ?? "" };
    const done = await drain(await prepareChatApproval({ caller: ada, body: { conversationId: asked.conversationId, approval } }));
    expect(done.events.find((e) => e.type === "mcp_call")).toMatchObject({
      approvalId: approval.requestId,
      tool: "lookup_customer",
      error: null,
    });
    expect(done.answer).toBe(`Here is what I found: ${CUSTOMER.id}.`);
    expect(toolCalls()).toBe(before + 1);
    expect(mcp.requests.filter((r) => r.method === "tools/call").at(-1)?.authorization).toBe(`Bearer ${TOKEN}`);
    // The sealed turn is still valid, but an approval is answered once: the tool does not run again.
    await expect(
      prepareChatApproval({ caller: ada, body: { conversationId: asked.conversationId, approval: { ...approval, approve: false } } }),
    ).rejects.toMatchObject({ status: 409, code: "conflict" });
    expect(toolCalls()).toBe(before + 1);
    expect((await conversationMessages({ conversationId: asked.conversationId })).map((m) => [m.role, m.content])).toEqual([
      ["user", "please lookup customer cus_4711"],
      ["assistant", done.answer],
    ]);
    expect(await audit(ada.workspaceId)).toEqual([
      expect.objectContaining({
        action: "mcp.called",
        actorUserId: ada.userId,
        detail: expect.stringMatching(/^server crm, tool lookup_customer, \d+ bytes sent, \d+ bytes back, approved by the caller$/),
      }),
    ]);
  });

  it("denied, nothing is sent, the answer says so and the denial is audited; the card is its member's and conversation's alone", async () => {
    const { ada, bob } = await workspaceWithConnector();
    const before = toolCalls();
    const asked = await drain(await prepareChatTurn({ caller: ada, body: { text: "lookup customer cus_0815" } }));
    const approval = { requestId: asked.approval?.approval.id ?? "", approve: false, resume: asked.approval?.resume ?? "" };

    const other = await drain(await prepareChatTurn({ caller: ada, body: { text: "hello" } }));
    await expect(prepareChatApproval({ caller: ada, body: { conversationId: other.conversationId, approval } })).rejects.toMatchObject({
      status: 400,
    });
    await expect(prepareChatApproval({ caller: bob, body: { conversationId: asked.conversationId, approval } })).rejects.toMatchObject({
      status: 404,
    });
    const tampered = { ...approval, resume: `${approval.resume.slice(0, -4)}AAAA` };
    await expect(
      prepareChatApproval({ caller: ada, body: { conversationId: asked.conversationId, approval: tampered } }),
    ).rejects.toMatchObject({ status: 400 });

    const denied = await drain(await prepareChatApproval({ caller: ada, body: { conversationId: asked.conversationId, approval } }));
    expect(denied.answer).toBe("You declined, so I did not use lookup_customer on crm.");
    expect(toolCalls()).toBe(before);
    expect(await audit(ada.workspaceId)).toEqual([
      expect.objectContaining({
        action: "mcp.denied",
        actorUserId: ada.userId,
        detail: expect.stringMatching(/^server crm, tool lookup_customer, \d+ bytes not sent, denied by the caller$/),
      }),
    ]);
  });

  it("in privacy mode the paused turn carries the question, and nothing of it is stored", async () => {
    const { ada } = await workspaceWithConnector();
    await savePrivacySettings({
      workspaceId: ada.workspaceId,
      userId: ada.userId,
      settings: { privacy: true, trace: false, traceDays: 7 },
    });
    const asked = await drain(await prepareChatTurn({ caller: ada, body: { text: "lookup customer cus_4711 quietly" } }));
    const approval = { requestId: asked.approval?.approval.id ?? "", approve: true, resume: asked.approval?.resume ?? "" };
    const done = await drain(await prepareChatApproval({ caller: ada, body: { conversationId: asked.conversationId, approval } }));
    expect(done.answer).toBe(`Here is what I found: ${CUSTOMER.id}.`);
    expect(await conversationMessages({ conversationId: asked.conversationId })).toEqual([]);
    expect((await audit(ada.workspaceId)).map((a) => a.action)).toEqual(["mcp.called"]);
  });
});
