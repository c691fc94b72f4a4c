import fs from "node:fs";
import { freshDataDir } from "@/test-support/embedded-db";
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabaseHandle, getDb } from "@/lib/database";
import { proxyRequests, realtimeCalls, users, workspaces } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordProxyRequest } from "@/lib/spend/record";
import { callsCsv, csvCell, proxyRequestsCsv } from "./csv";
import { exportCalls, listCalls, listProxyRequests, type Viewer } from "./list";
import { callsQuerySchema, proxyRequestsQuerySchema } from "./schemas";

const dataDir = freshDataDir();

beforeAll(async () => {
  await getDb();
});

afterAll(async () => {
  await (await getDatabaseHandle()).close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const parse = (query: Record<string, string>) => callsQuerySchema.parse(query);
const tag = () => randomBytes(4).toString("hex");

/** A workspace with an admin and two members, and calls placed by each at known times. */
async function workspaceWithCalls() {
  const db = await getDb();
  const [workspace] = await db
    .insert(workspaces)
    .values({ name: `Calls ${tag()}` })
    .returning();
  if (!workspace) throw new Error("no workspace row");
  const person = async (label: string) => {
    const id = `u-${label}-${tag()}`;
    await db.insert(users).values({ id, email: `${id}@example.test`, name: label === "mallory" ? '=HYPERLINK("x")' : label });
    return id;
  };
  const admin = await person("admin");
  const ann = await person("ann");
  const mallory = await person("mallory");
  const call = async (userId: string, startedAt: string, ended: boolean, extra: Partial<typeof realtimeCalls.$inferInsert> = {}) => {
    const id = `rtc_${tag()}${tag()}`;
    await db.insert(realtimeCalls).values({
      id,
      userId,
      workspaceId: workspace.id,
      model: "gpt-realtime",
      keySource: "workspace",
      startedAt: new Date(startedAt),
      endedAt: ended ? new Date(Date.parse(startedAt) + 90_000) : null,
      endReason: ended ? "user" : null,
      ...extra,
    });
    return id;
  };
  const calls = {
    annOld: await call(ann, "2026-03-01T10:00:00Z", true, {
      inputTokens: 1200,
      outputTokens: 300,
      cachedInputTokens: 200,
      costMicros: 4567,
    }),
    annMid: await call(ann, "2026-03-02T10:00:00Z", true, { endReason: "admin" }),
    adminMid: await call(admin, "2026-03-02T12:00:00Z", true, { endReason: "budget" }),
    malloryNew: await call(mallory, "2026-03-03T09:00:00Z", true, { endReason: "deadline" }),
    annLive: await call(ann, "2026-03-04T08:00:00Z", false),
  };
  return { workspaceId: workspace.id, admin, ann, mallory, calls };
}

const adminOf = (w: { admin: string }): Viewer => ({ userId: w.admin, role: "admin" });
const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);

describe("the calls list", () => {
  it("shows an admin every call of the workspace, newest first, with the caller's name and email", async () => {
    const w = await workspaceWithCalls();
    const page = await listCalls({ workspaceId: w.workspaceId, viewer: adminOf(w), filters: parse({}) });
    expect(page.scope).toBe("workspace");
    expect(ids(page.calls)).toEqual([w.calls.annLive, w.calls.malloryNew, w.calls.adminMid, w.calls.annMid, w.calls.annOld]);
    expect(page.calls[4]).toMatchObject({ userName: "ann", userEmail: `${w.ann}@example.test`, inputTokens: 1200, costMicros: 4567 });
    expect(page.nextCursor).toBeNull();
  });

  it("shows a member only their own calls, and refuses to list another member's", async () => {
    const w = await workspaceWithCalls();
    const ann: Viewer = { userId: w.ann, role: "member" };
    const own = await listCalls({ workspaceId: w.workspaceId, viewer: ann, filters: parse({}) });
    expect(own.scope).toBe("own");
    expect(ids(own.calls)).toEqual([w.calls.annLive, w.calls.annMid, w.calls.annOld]);
    expect(ids((await listCalls({ workspaceId: w.workspaceId, viewer: ann, filters: parse({ member: w.ann }) })).calls)).toHaveLength(3);
    const refused = listCalls({ workspaceId: w.workspaceId, viewer: ann, filters: parse({ member: w.mallory }) });
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ status: 403, message: expect.stringMatching(/only their own/) });
    // Another workspace's admin sees none of these.
    const stranger = await listCalls({ workspaceId: (await workspaceWithCalls()).workspaceId, viewer: adminOf(w), filters: parse({}) });
    expect(ids(stranger.calls).some((id) => Object.values(w.calls).includes(id))).toBe(false);
  });

  it("filters by member, by date range (a bare `to` date includes that day) and by live or ended", async () => {
    const w = await workspaceWithCalls();
    const list = async (q: Record<string, string>) =>
      ids((await listCalls({ workspaceId: w.workspaceId, viewer: adminOf(w), filters: parse(q) })).calls);
    expect(await list({ member: w.ann })).toEqual([w.calls.annLive, w.calls.annMid, w.calls.annOld]);
    expect(await list({ from: "2026-03-02", to: "2026-03-03" })).toEqual([w.calls.malloryNew, w.calls.adminMid, w.calls.annMid]);
    expect(await list({ from: "2026-03-02T11:00:00Z", to: "2026-03-03T09:00:00Z" })).toEqual([w.calls.adminMid]);
    expect(await list({ from: "2026-03-02T12:00:00+02:00" })).toHaveLength(4);
    expect(await list({ member: w.ann, to: "2026-03-01" })).toEqual([w.calls.annOld]);
    expect(await list({ status: "live" })).toEqual([w.calls.annLive]);
    expect(await list({ status: "ended", member: w.ann })).toEqual([w.calls.annMid, w.calls.annOld]);
    expect(await list({ member: "nobody-here" })).toEqual([]);
  });

  it("pages with a cursor without skipping or repeating rows, even rows started in the same microsecond", async () => {
    const w = await workspaceWithCalls();
    const db = await getDb();
    // Microseconds JavaScript's Date cannot hold (a cursor rounded to milliseconds would skip rows), and a tie.
    for (const [i, micros] of ["123001", "123002", "123002", "123003", "123004"].entries())
      await db.execute(
        sql`insert into realtime_calls (id, user_id, workspace_id, model, key_source, started_at)
            values (${`rtc_same_${i}_${tag()}`}, ${w.ann}, ${w.workspaceId}, 'gpt-realtime', 'workspace', ${`2026-03-05T00:00:00.${micros}Z`}::timestamptz)`,
      );
    const all = ids((await listCalls({ workspaceId: w.workspaceId, viewer: adminOf(w), filters: parse({ limit: "200" }) })).calls);
    expect(all).toHaveLength(10);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string> = { limit: "3", ...(cursor ? { cursor } : {}) };
      const page = await listCalls({ workspaceId: w.workspaceId, viewer: adminOf(w), filters: parse(query) });
      seen.push(...ids(page.calls));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toEqual(all);
  });

  it("exports the whole filtered list as CSV that a spreadsheet cannot run", async () => {
    const w = await workspaceWithCalls();
    const { rows, truncated } = await exportCalls({ workspaceId: w.workspaceId, viewer: adminOf(w), filters: parse({ to: "2026-03-03" }) });
    expect(truncated).toBe(false);
    const csv = callsCsv(rows);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^call_id,member_name,member_email,model,started_at,ended_at,duration_seconds,outcome,/);
    expect(lines[1]).toContain(`${w.calls.malloryNew},"'=HYPERLINK(""x"")",${w.mallory}@example.test,gpt-realtime,`);
    expect(lines[1]).toContain(",90,Reached time limit,");
    expect(lines[2]).toContain("Stopped at budget");
    expect(lines[3]).toContain("Hung up by admin");
    expect(lines[4]).toContain(",1200,200,0,300,0,0,0.004567");
  });

  it("escapes every formula-looking text cell and leaves numbers alone", () => {
    expect(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "plain", "a,b", 'say "hi"'].map(csvCell)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      "plain",
      '"a,b"',
      '"say ""hi"""',
    ]);
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(null)).toBe("");
  });
});

describe("the API requests list", () => {
  it("lists the ledger's rows with the same visibility and filters as the calls", async () => {
    const w = await workspaceWithCalls();
    await recordProxyRequest({
      workspaceId: w.workspaceId,
      userId: w.ann,
      route: "cto_openai_models",
      model: "gpt-4.1-mini",
      status: 200,
      usage: { input_tokens: 100, output_tokens: 20, input_tokens_details: { cached_tokens: 40 } },
    });
    await recordProxyRequest({ workspaceId: w.workspaceId, userId: w.mallory, route: "cto_openai_usage", status: 429 });
    const db = await getDb();
    await db
      .update(proxyRequests)
      .set({ createdAt: new Date("2026-01-01T00:00:00Z") })
      .where(eq(proxyRequests.status, 429));
    const q = (query: Record<string, string>) => proxyRequestsQuerySchema.parse(query);

    const all = await listProxyRequests({ workspaceId: w.workspaceId, viewer: adminOf(w), filters: q({}) });
    expect(all.requests.map((r) => r.route)).toEqual(["cto_openai_models", "cto_openai_usage"]);
    expect(all.requests[0]).toMatchObject({
      userName: "ann",
      model: "gpt-4.1-mini",
      status: 200,
      inputTokens: 100,
      cachedInputTokens: 40,
      outputTokens: 20,
    });
    expect(all.requests[0]?.costMicros).toBeGreaterThan(0);

    const ann = await listProxyRequests({ workspaceId: w.workspaceId, viewer: { userId: w.ann, role: "member" }, filters: q({}) });
    expect(ann.requests.map((r) => r.userId)).toEqual([w.ann]);
    await expect(
      listProxyRequests({ workspaceId: w.workspaceId, viewer: { userId: w.ann, role: "member" }, filters: q({ member: w.mallory }) }),
    ).rejects.toMatchObject({ status: 403 });
    const january = await listProxyRequests({
      workspaceId: w.workspaceId,
      viewer: adminOf(w),
      filters: q({ from: "2026-01-01", to: "2026-01-01" }),
    });
    expect(january.requests.map((r) => r.status)).toEqual([429]);

    const csv = proxyRequestsCsv(all.requests).split("\r\n");
    expect(csv[0]).toBe(
      "request_id,member_name,member_email,route,model,status,input_tokens,cached_input_tokens,output_tokens,estimated_cost_usd,time",
    );
    expect(csv[2]).toContain(
      `"'=HYPERLINK(""x"")",${w.mallory}@example.test,cto_openai_usage,,429,0,0,0,0.000000,2026-01-01T00:00:00.000Z`,
    );
  });
});

describe("bad filters", () => {
  const message = (query: Record<string, unknown>) => callsQuerySchema.safeParse(query).error?.issues[0]?.message;
  it("say what is wrong in a sentence", () => {
    expect(message({ from: "yesterday" })).toMatch(/from must be a date like 2026-01-31/);
    expect(message({ to: "2026-02-30" })).toMatch(/to must be a date/);
    expect(message({ from: "1999-12-31" })).toMatch(/between the years 2000 and 2099/);
    expect(message({ from: "2026-03-02", to: "2026-03-01" })).toBe("to must be after from.");
    expect(message({ limit: "0" })).toBe("limit must be at least 1.");
    expect(message({ limit: "500" })).toBe("limit must be at most 200.");
    expect(message({ limit: "ten" })).toMatch(/limit must be a whole number/);
    expect(message({ status: "dead" })).toBe("status must be live or ended.");
    expect(message({ cursor: "not-a-cursor" })).toMatch(/cursor is not one this API gave out/);
    expect(message({ cursor: Buffer.from(JSON.stringify(["2026-01-01 00:00", "x"])).toString("base64url") })).toMatch(/cursor/);
    expect(message({ format: "xlsx" })).toBe("format must be json or csv.");
    expect(message({ member: "" })).toMatch(/member must be/);
  });
});
