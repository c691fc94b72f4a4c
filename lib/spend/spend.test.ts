import fs from "node:fs";
import { freshDataDir } from "@/test-support/embedded-db";
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabaseHandle, getDb } from "@/lib/database";
import { proxyRequests, realtimeCalls, spendMonths, users, WHOLE_WORKSPACE, workspaces } from "@/db/schema";
import { estimateCostMicros, priceOf, tokenCountsFromUsage } from "./prices";
import { monthOf, recordCallUsage, recordProxyRequest } from "./record";

const dataDir = freshDataDir();

beforeAll(async () => {
  await getDb();
});

afterAll(async () => {
  await (await getDatabaseHandle()).close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

// A response.done usage as the Realtime API reports it (shape from OpenAI's OpenAPI spec).
const realtimeUsage = {
  total_tokens: 1_300,
  input_tokens: 1_000,
  output_tokens: 300,
  input_token_details: {
    text_tokens: 400,
    audio_tokens: 600,
    cached_tokens: 200,
    cached_tokens_details: { text_tokens: 200, audio_tokens: 0 },
  },
  output_token_details: { text_tokens: 100, audio_tokens: 200 },
};

describe("prices", () => {
  it("prices audio and text at their own rates and cached input lower", () => {
    const tokens = tokenCountsFromUsage(realtimeUsage);
    expect(tokens).toEqual({
      inputTextTokens: 400,
      inputAudioTokens: 600,
      cachedTextTokens: 200,
      cachedAudioTokens: 0,
      outputTextTokens: 100,
      outputAudioTokens: 200,
    });
    // gpt-realtime: text 4 / cached 0.4 / 16, audio 32 / 64 dollars per million tokens.
    expect(estimateCostMicros("gpt-realtime", tokens)).toBe(200 * 4 + 200 * 0.4 + 600 * 32 + 100 * 16 + 200 * 64);
  });

  it("matches dated snapshots to their family and prices unlisted models like the flagship of their kind", () => {
    expect(priceOf("gpt-realtime-mini-2025-10-06")).toEqual({ price: priceOf("gpt-realtime-mini").price, basis: "list" });
    expect(priceOf("gpt-realtime-9")).toEqual({ price: priceOf("gpt-realtime").price, basis: "unlisted" });
    expect(priceOf("o9-preview").basis).toBe("unlisted");
  });

  it("reads the Responses API's spelling of the details", () => {
    const tokens = tokenCountsFromUsage({ input_tokens: 50, output_tokens: 10, input_tokens_details: { cached_tokens: 20 } });
    expect(tokens).toMatchObject({ inputTextTokens: 50, cachedTextTokens: 20, outputTextTokens: 10, inputAudioTokens: 0 });
    expect(estimateCostMicros("gpt-4.1-mini", tokens)).toBe(Math.ceil(30 * 0.4 + 20 * 0.1 + 10 * 1.6));
  });
});

describe("the ledger", () => {
  it("adds a call's usage to the call and to the workspace's and the member's month", async () => {
    const db = await getDb();
    const userId = `u-${randomBytes(4).toString("hex")}`;
    const [workspace] = await db.insert(workspaces).values({ name: "Spend" }).returning();
    if (!workspace) throw new Error("no workspace row");
    await db.insert(users).values({ id: userId, email: `${userId}@example.test` });
    const callId = `rtc_${randomBytes(6).toString("hex")}`;
    await db.insert(realtimeCalls).values({ id: callId, userId, workspaceId: workspace.id, model: "gpt-realtime", keySource: "workspace" });

    const first = await recordCallUsage({ callId, model: "gpt-realtime", usage: realtimeUsage });
    const perResponse = estimateCostMicros("gpt-realtime", tokenCountsFromUsage(realtimeUsage));
    expect(first).toEqual({
      workspaceId: workspace.id,
      userId,
      workspaceMicros: perResponse,
      memberMicros: perResponse,
      costMicros: perResponse,
    });
    await recordCallUsage({ callId, model: "gpt-realtime", usage: realtimeUsage });
    // A free request (a model list) moves no total; its row is written with the next batch.
    const free = await recordProxyRequest({ workspaceId: workspace.id, userId, route: "openai_models", status: 200 });
    expect(free).toBeNull();
    // A priced one is batched too, and settles with the month's totals.
    const chat = { input_tokens: 1_000, output_tokens: 100, input_tokens_details: { cached_tokens: 0 } };
    const chatCost = estimateCostMicros("gpt-4.1-mini", tokenCountsFromUsage(chat));
    const priced = await recordProxyRequest({
      workspaceId: workspace.id,
      userId,
      route: "chat",
      model: "gpt-4.1-mini",
      status: 200,
      usage: chat,
    });
    expect(priced).toMatchObject({
      workspaceMicros: 2 * perResponse + chatCost,
      memberMicros: 2 * perResponse + chatCost,
      costMicros: chatCost,
    });

    const [call] = await db.select().from(realtimeCalls).where(eq(realtimeCalls.id, callId));
    expect(call).toMatchObject({
      responses: 2,
      inputTokens: 2_000,
      outputTokens: 600,
      cachedInputTokens: 400,
      inputAudioTokens: 1_200,
      outputAudioTokens: 400,
      costMicros: 2 * perResponse,
    });
    const months = await db.select().from(spendMonths).where(eq(spendMonths.workspaceId, workspace.id));
    expect(months.map((m) => [m.userId, m.month, m.costMicros]).sort()).toEqual(
      [
        [WHOLE_WORKSPACE, monthOf(new Date()), 2 * perResponse + chatCost],
        [userId, monthOf(new Date()), 2 * perResponse + chatCost],
      ].sort(),
    );
    const rows = await db
      .select()
      .from(proxyRequests)
      .where(and(eq(proxyRequests.workspaceId, workspace.id)));
    expect(rows.map((r) => [r.route, r.status, r.costMicros, r.userId]).sort()).toEqual(
      [
        ["chat", 200, chatCost, userId],
        ["openai_models", 200, 0, userId],
      ].sort(),
    );
  });

  it("writes a batch of priced requests in one flush: the member's first request carries the batch's totals, once", async () => {
    const db = await getDb();
    const [workspace] = await db.insert(workspaces).values({ name: "Batch" }).returning();
    if (!workspace) throw new Error("no workspace row");
    const [ada, bob] = [`u-${randomBytes(4).toString("hex")}`, `u-${randomBytes(4).toString("hex")}`];
    await db.insert(users).values([
      { id: ada, email: `${ada}@example.test` },
      { id: bob, email: `${bob}@example.test` },
    ]);
    const usage = { input_tokens: 1_000, output_tokens: 100 };
    const cost = estimateCostMicros("gpt-4.1-mini", tokenCountsFromUsage(usage));
    const request = (userId: string, priced = true) =>
      recordProxyRequest({
        workspaceId: workspace.id,
        userId,
        route: "openai_chat_completions",
        model: "gpt-4.1-mini",
        status: 200,
        usage: priced ? usage : null,
      });
    const settled = await Promise.all([request(ada), request(ada), request(bob), request(ada, false)]);
    expect(settled).toEqual([
      { workspaceId: workspace.id, userId: ada, workspaceMicros: 3 * cost, memberMicros: 2 * cost, costMicros: 2 * cost },
      null,
      { workspaceId: workspace.id, userId: bob, workspaceMicros: 3 * cost, memberMicros: cost, costMicros: cost },
      null,
    ]);
    const rows = await db.select().from(proxyRequests).where(eq(proxyRequests.workspaceId, workspace.id));
    expect(rows.map((r) => r.costMicros).sort()).toEqual([0, cost, cost, cost]);
    const months = await db.select().from(spendMonths).where(eq(spendMonths.workspaceId, workspace.id));
    expect(Object.fromEntries(months.map((m) => [m.userId, m.costMicros]))).toEqual({
      [WHOLE_WORKSPACE]: 3 * cost,
      [ada]: 2 * cost,
      [bob]: cost,
    });
  });

  it("writes nothing for a call it does not know", async () => {
    expect(await recordCallUsage({ callId: "rtc_unknown", model: "gpt-realtime", usage: realtimeUsage })).toBeNull();
  });
});
