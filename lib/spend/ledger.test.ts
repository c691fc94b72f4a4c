import fs from "node:fs";
import { freshDataDir } from "@/test-support/embedded-db";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabaseHandle, getDb } from "@/lib/database";
import { AppError } from "@/lib/errors";
import { proxyRequests, realtimeCalls, users, workspaces } from "@/db/schema";
import { memberSpend } from "./ledger";
import { ledgered } from "@/lib/budgets/ledgered";
import { recordCallUsage, recordProxyRequest } from "./record";

// Our own ledger per member (voice calls + proxied requests), and the proxied-request wrapper that
// writes it. Embedded PGlite.

const dataDir = freshDataDir();
beforeAll(async () => {
  await getDb();
});
afterAll(async () => {
  await (await getDatabaseHandle()).close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const uid = () => randomBytes(5).toString("hex");
const today = () => new Date().toISOString().slice(0, 10);

async function seed() {
  const db = await getDb();
  const [ws] = await db
    .insert(workspaces)
    .values({ name: `ledger ${uid()}` })
    .returning();
  const people = await db
    .insert(users)
    .values([
      { email: `ada-${uid()}@example.com`, name: "Ada" },
      { email: `bob-${uid()}@example.com`, name: "Bob" },
      { email: `cy-${uid()}@example.com`, name: null },
    ])
    .returning();
  return { ws: ws!, ada: people[0]!, bob: people[1]!, cy: people[2]! };
}

const usage = (input: number, output: number, cached = 0, audioIn = 0, audioOut = 0) => ({
  input_tokens: input,
  output_tokens: output,
  total_tokens: input + output,
  input_token_details: { text_tokens: input - audioIn, audio_tokens: audioIn, cached_tokens: cached },
  output_token_details: { text_tokens: output - audioOut, audio_tokens: audioOut },
});

describe("memberSpend", () => {
  it("adds up each member's calls (count, minutes, tokens, cost) and proxied requests (count, failures, tokens, cost)", async () => {
    const { ws, ada, bob, cy } = await seed();
    const db = await getDb();
    const now = Date.now();
    await db.insert(realtimeCalls).values([
      // Ada: two calls today, 90 s and 30 s.
      {
        id: `rtc_${uid()}`,
        userId: ada.id,
        workspaceId: ws.id,
        model: "gpt-realtime",
        keySource: "workspace",
        startedAt: new Date(now - 120_000),
        endedAt: new Date(now - 30_000),
      },
      {
        id: `rtc_${uid()}`,
        userId: ada.id,
        workspaceId: ws.id,
        model: "gpt-realtime",
        keySource: "workspace",
        startedAt: new Date(now - 60_000),
        endedAt: new Date(now - 30_000),
      },
      // Bob: one call 40 days ago, outside a 7-day range.
      {
        id: `rtc_${uid()}`,
        userId: bob.id,
        workspaceId: ws.id,
        model: "gpt-realtime",
        keySource: "workspace",
        startedAt: new Date(now - 40 * 86_400_000),
        endedAt: new Date(now - 40 * 86_400_000 + 60_000),
      },
    ]);
    const calls = await db.select().from(realtimeCalls).where(eq(realtimeCalls.workspaceId, ws.id));
    const adaCalls = calls.filter((c) => c.userId === ada.id);
    await recordCallUsage({ callId: adaCalls[0]!.id, model: "gpt-realtime", usage: usage(1000, 400, 100, 600, 300) });
    await recordCallUsage({ callId: adaCalls[1]!.id, model: "gpt-realtime", usage: usage(500, 200, 0, 200, 100) });
    await recordCallUsage({ callId: calls.find((c) => c.userId === bob.id)!.id, model: "gpt-realtime", usage: usage(9999, 9999) });
    await recordProxyRequest({ workspaceId: ws.id, userId: ada.id, route: "cto_openai_usage", status: 200 });
    await recordProxyRequest({ workspaceId: ws.id, userId: bob.id, route: "cto_openai_models", status: 200 });
    await recordProxyRequest({ workspaceId: ws.id, userId: bob.id, route: "cto_openai_models", status: 502 });
    await recordProxyRequest({
      workspaceId: ws.id,
      userId: cy.id,
      route: "responses",
      model: "gpt-4o-mini",
      status: 200,
      usage: usage(2000, 1000, 500),
    });

    const start = new Date(now - 6 * 86_400_000).toISOString().slice(0, 10);
    const rows = await memberSpend({ workspaceId: ws.id, start, end: today() });
    const byName = Object.fromEntries(rows.map((r) => [r.name ?? r.email, r]));
    const stored = await db.select().from(realtimeCalls).where(eq(realtimeCalls.userId, ada.id));
    expect(byName.Ada).toMatchObject({
      userId: ada.id,
      calls: {
        count: 2,
        seconds: 120, // 90 s + 30 s
        minutes: 2,
        inputTokens: 1500,
        outputTokens: 600,
        cachedInputTokens: 100,
        inputAudioTokens: 800,
        outputAudioTokens: 400,
        costMicros: stored.reduce((n, c) => n + c.costMicros, 0),
      },
      proxied: { count: 1, failed: 0, inputTokens: 0, outputTokens: 0, costMicros: 0 },
    });
    expect(byName.Ada!.calls.costMicros).toBeGreaterThan(0);
    expect(byName.Bob).toMatchObject({ calls: { count: 0, minutes: 0, inputTokens: 0 }, proxied: { count: 2, failed: 1 } });
    const cyRow = rows.find((r) => r.userId === cy.id)!;
    expect(cyRow).toMatchObject({
      name: null,
      email: cy.email,
      proxied: { count: 1, inputTokens: 2000, cachedInputTokens: 500, outputTokens: 1000 },
    });
    expect(cyRow.costMicros).toBe(cyRow.proxied.costMicros);
    expect(cyRow.costMicros).toBeGreaterThan(0);
    // Dearest first.
    expect(rows.map((r) => r.costMicros)).toEqual([...rows.map((r) => r.costMicros)].sort((a, b) => b - a));

    // The 40-day-old call counts in a range that covers it; one member only when asked.
    const longAgo = new Date(now - 41 * 86_400_000).toISOString().slice(0, 10);
    const bobOnly = await memberSpend({ workspaceId: ws.id, start: longAgo, end: today(), userId: bob.id });
    expect(bobOnly).toHaveLength(1);
    expect(bobOnly[0]).toMatchObject({
      userId: bob.id,
      calls: { count: 1, seconds: 60, minutes: 1, inputTokens: 9999 },
      proxied: { count: 2 },
    });
  });

  it("another workspace's ledger never shows; a deleted member's requests stay as a former member", async () => {
    const one = await seed();
    const two = await seed();
    await recordProxyRequest({ workspaceId: one.ws.id, userId: one.ada.id, route: "cto_openai_usage", status: 200 });
    await recordProxyRequest({ workspaceId: two.ws.id, userId: two.ada.id, route: "cto_openai_usage", status: 200 });
    await recordProxyRequest({ workspaceId: one.ws.id, userId: one.bob.id, route: "cto_openai_usage", status: 200 });
    const db = await getDb();
    await db.delete(users).where(eq(users.id, one.bob.id));
    const rows = await memberSpend({ workspaceId: one.ws.id, start: today(), end: today() });
    expect(rows.map((r) => r.userId).sort((a, b) => String(a).localeCompare(String(b)))).toEqual(
      [one.ada.id, null].sort((a, b) => String(a).localeCompare(String(b))),
    );
    expect(rows.find((r) => r.userId === null)).toMatchObject({ name: null, email: null, proxied: { count: 1 } });
  });
});

describe("ledgered", () => {
  const run = async <T>(who: { workspaceId: string; userId: string }, fn: () => Promise<T>, billed?: (r: T) => never) => {
    const pending: Promise<unknown>[] = [];
    const out = ledgered({ ...who, route: "test_route" }, fn, billed, (task) => pending.push(task()));
    const settled = await out.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    await Promise.all(pending);
    return settled;
  };
  const rowsOf = async (workspaceId: string) =>
    (await getDb()).select().from(proxyRequests).where(eq(proxyRequests.workspaceId, workspaceId));

  it("writes one row per request: 200 with the model and tokens reported, the error's status on failure", async () => {
    const { ws, ada } = await seed();
    const ok = await run({ workspaceId: ws.id, userId: ada.id }, async () => ({ answer: 42 }), (() => ({
      model: "gpt-4o-mini",
      usage: usage(100, 50),
    })) as never);
    expect(ok).toEqual({ value: { answer: 42 } });
    const failed = await run({ workspaceId: ws.id, userId: ada.id }, async () => {
      throw new AppError("upstream_timeout", "OpenAI did not answer in time.");
    });
    expect((failed as { error: AppError }).error.code).toBe("upstream_timeout");
    const crashed = await run({ workspaceId: ws.id, userId: ada.id }, async () => {
      throw new Error("boom");
    });
    expect("error" in crashed).toBe(true);
    const rows = await rowsOf(ws.id);
    expect(rows.map((r) => r.status).sort()).toEqual([200, 500, 504]);
    expect(rows.find((r) => r.status === 200)).toMatchObject({
      userId: ada.id,
      route: "test_route",
      model: "gpt-4o-mini",
      inputTokens: 100,
      outputTokens: 50,
    });
    expect(rows.find((r) => r.status === 200)!.costMicros).toBeGreaterThan(0);
    expect(rows.find((r) => r.status === 504)).toMatchObject({ model: null, inputTokens: 0, costMicros: 0 });
  });

  it("a ledger write that fails never fails the request", async () => {
    const { ws } = await seed();
    // A user id that is not in users: the insert breaks its foreign key.
    const result = await run({ workspaceId: ws.id, userId: "no-such-user" }, async () => "answered");
    expect(result).toEqual({ value: "answered" });
    expect(await rowsOf(ws.id)).toHaveLength(0);
  });
});
