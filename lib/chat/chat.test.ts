import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeOpenAI } from "@/fake-openai";
import { chatConversations, proxyRequests, users, workspaces } from "@/db/schema";
import { freshDataDir } from "@/test-support/embedded-db";
import type { ChatStreamEvent } from "./events";

// The Chat page's turns against the offline OpenAI double and embedded PGlite: a natural question
// runs a tool on the server, streams a one-sentence answer, is stored per member and priced.
const dataDir = freshDataDir();
process.env.ENCRYPTION_KEYS = `v1:${randomBytes(32).toString("base64")}`;
const { getDatabaseHandle, getDb } = await import("@/lib/database");
const { prepareChatTurn, CHAT_LEDGER_ROUTE } = await import("./turn");
const { conversationMessages, listConversations, ownConversation } = await import("./store");
const { storeKey } = await import("@/lib/vault/store");
const { saveAssistantSettings } = await import("@/lib/realtime/settings");
const { flushProxyRequests } = await import("@/lib/spend/record");
const { DEFAULT_SETTINGS } = await import("@/lib/realtime/policy");

let fake: Awaited<ReturnType<typeof startFakeOpenAI>>;
beforeAll(async () => {
  fake = await startFakeOpenAI({ port: 0, seed: 5 });
  process.env.OPENAI_BASE_URL = fake.baseURL;
  process.env.OPENAI_TIMEOUT_MS = "5000";
  await getDb();
});
afterAll(async () => {
  await fake.close();
  await (await getDatabaseHandle()).close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.state.requests.length = 0;
});

const uid = () => randomBytes(6).toString("hex");

async function workspaceWithKeys({ keys = true } = {}) {
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
    .values({ name: `chat ${uid()}` })
    .returning();
  if (!ada || !bob || !ws) throw new Error("seed failed");
  if (keys) {
    for (const provider of ["openai", "openai-admin"] as const)
      await storeKey({
        slot: { workspaceId: ws.id, userId: ada.id, provider, scope: "workspace" },
        apiKey: `${provider === "openai" ? "sk-" : "sk-admin-"}${uid()}abcdefgh`,
      });
  }
  return {
    ada: { workspaceId: ws.id, userId: ada.id, role: "admin" as const },
    bob: { workspaceId: ws.id, userId: bob.id, role: "member" as const },
  };
}

async function ask(caller: { workspaceId: string; userId: string; role: "admin" | "member" }, text: string, conversationId?: string) {
  const turn = await prepareChatTurn({ caller, body: { text, ...(conversationId ? { conversationId } : {}) } });
  const events: ChatStreamEvent[] = [];
  await turn.run((e) => events.push(e), new AbortController().signal);
  const answer = events.flatMap((e) => (e.type === "delta" ? [e.text] : [])).join("");
  return { conversationId: turn.conversation.id, events, answer };
}

const responsesCalls = () => fake.state.requests.filter((r) => r.path === "/v1/responses");

describe("a chat turn", () => {
  it("calls the costs tool for a natural question, streams a one-sentence answer, and stores every turn", async () => {
    const { ada } = await workspaceWithKeys();
    await saveAssistantSettings({
      workspaceId: ada.workspaceId,
      userId: ada.userId,
      settings: { ...DEFAULT_SETTINGS, model: "gpt-realtime-mini", instructions: "Answer like a pirate." },
    });
    const { events, answer, conversationId } = await ask(ada, "how much did we spend this week?");

    expect(events[0]).toMatchObject({
      type: "conversation",
      conversation: { id: conversationId, title: "how much did we spend this week?" },
    });
    const call = events.find((e) => e.type === "tool_call");
    expect(call).toMatchObject({ name: "get_openai_costs" });
    const result = events.find((e) => e.type === "tool_result");
    expect(result?.type === "tool_result" && JSON.parse(result.output)).not.toHaveProperty("error");
    expect(answer).toMatch(/^You spent \$\d+\.\d{2} between \d{4}-\d{2}-\d{2} and \d{4}-\d{2}-\d{2}\.$/);
    expect(events.filter((e) => e.type === "delta").length).toBeGreaterThan(3);
    expect(events.at(-1)).toEqual({ type: "done" });

    // The workspace's policy reached OpenAI: its instructions, its tools, the text sibling of its model.
    const sent = responsesCalls().map((r) => r.body as { model: string; stream: boolean; instructions: string; tools: { name: string }[] });
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ model: "gpt-4.1-mini", stream: true });
    expect(sent[0]?.instructions).toContain("Answer like a pirate.");
    expect(sent[0]?.tools.map((t) => t.name).sort()).toEqual([...DEFAULT_SETTINGS.enabledTools].sort());

    const stored = await conversationMessages({ conversationId });
    expect(stored.map((m) => [m.position, m.role, m.toolName])).toEqual([
      [0, "user", null],
      [1, "tool", "get_openai_costs"],
      [2, "assistant", null],
    ]);
    expect(stored[2]?.content).toBe(answer);

    // Both model calls are priced in the spend ledger under the member.
    await flushProxyRequests();
    const rows = await (await getDb())
      .select()
      .from(proxyRequests)
      .where(and(eq(proxyRequests.workspaceId, ada.workspaceId), eq(proxyRequests.route, CHAT_LEDGER_ROUTE)));
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.userId === ada.userId && r.status === 200 && r.model === "gpt-4.1-mini" && r.costMicros > 0)).toBe(true);
  });

  it("a follow-up sends the stored history, tool call and output included", async () => {
    const { ada } = await workspaceWithKeys();
    const first = await ask(ada, "any 429s?");
    expect(first.answer).toMatch(/requests in the last hour|No requests reached the proxy routes/);
    fake.state.requests.length = 0;
    const second = await ask(ada, "thanks, that is all", first.conversationId);
    expect(second.answer).toBe("You said: thanks, that is all");
    const input = (responsesCalls()[0]!.body as { input: Array<{ type?: string; role?: string; name?: string }> }).input;
    expect(input.map((i) => i.type ?? i.role)).toEqual(["user", "function_call", "function_call_output", "assistant", "user"]);
    expect(input[1]?.name).toBe("get_proxy_health");
    expect((await conversationMessages({ conversationId: first.conversationId })).length).toBe(5);
  });

  it("a question about tokens runs the usage tool, whose compact view is summarised", async () => {
    const { ada } = await workspaceWithKeys();
    const { events, answer } = await ask(ada, "how many tokens did we use this week?");
    const result = events.find((e) => e.type === "tool_result");
    expect(result?.type === "tool_result" && Object.keys(JSON.parse(result.output))).toEqual(["start", "end", "totals", "byModel", "days"]);
    expect(answer).toMatch(/^You used [\d,]+ tokens in [\d,]+ requests between \S+ and \S+, about \$[\d.]+\.$/);
  });

  it("members see only their own conversations, even in the same workspace", async () => {
    const { ada, bob } = await workspaceWithKeys();
    const { conversationId } = await ask(ada, "which models do we have?");
    expect((await listConversations(ada)).map((c) => c.id)).toEqual([conversationId]);
    expect(await listConversations(bob)).toEqual([]);
    await expect(ownConversation({ ...bob, conversationId })).rejects.toMatchObject({ status: 404 });
    await expect(prepareChatTurn({ caller: bob, body: { text: "hi", conversationId } })).rejects.toMatchObject({ status: 404 });
  });

  it("without a key: 424 before anything is stored", async () => {
    const { bob } = await workspaceWithKeys({ keys: false });
    delete process.env.OPENAI_API_KEY;
    await expect(prepareChatTurn({ caller: bob, body: { text: "hello" } })).rejects.toMatchObject({ status: 424 });
    const rows = await (await getDb()).select().from(chatConversations).where(eq(chatConversations.userId, bob.userId));
    expect(rows).toEqual([]);
    expect(responsesCalls()).toEqual([]);
  });
});

describe("privacy mode", () => {
  it("answers but keeps no question, answer or tool output, not even as the conversation's title", async () => {
    const { ada } = await workspaceWithKeys();
    const { savePrivacySettings } = await import("@/lib/privacy/settings");
    await savePrivacySettings({
      workspaceId: ada.workspaceId,
      userId: ada.userId,
      settings: { privacy: true, trace: false, traceDays: 7 },
    });
    const question = `How much did we spend this week, secret-phrase-${uid()}?`;
    const { conversationId, answer, events } = await ask(ada, question);
    expect(answer.length).toBeGreaterThan(0);
    expect(events.some((e) => e.type === "tool_result")).toBe(true);
    expect(await conversationMessages({ conversationId })).toEqual([]);
    const [conversation] = await listConversations(ada);
    expect(conversation?.title).toBe("Private conversation (privacy mode: not kept)");
    const stored = await (await getDb()).execute(
      sql`select t::text as row from chat_messages t union all select t::text from chat_conversations t`,
    );
    expect(JSON.stringify(stored)).not.toContain("secret-phrase");
  });
});
