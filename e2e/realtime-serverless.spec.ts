import { type APIRequestContext, expect, test } from "@playwright/test";
import pg from "pg";
import WebSocket from "ws";
import { createScratchDatabase } from "../test-support/postgres";
import { TOOL_SPECS, type ToolName } from "../lib/realtime/tool-specs";
import { type AppServer, startAppServer } from "./support/app-server";
import { APP_PORT, FAKE_OPENAI_URL } from "./support/env";
import { fakeMicLaunchOptions } from "./support/fake-mic";
import { currentWorkspaceId, testKey } from "./support/keys";
import { fake, sdpOffer } from "./support/realtime";
import { newUser, signUp } from "./support/users";
import { startSession, voiceStatus, voiceUser } from "./support/voice";

// Voice on serverless: every relayed call has a deadline (the workspace's maximum call length,
// capped by the platform) at which the server hangs up; calls whose observer died are reaped.

const SHOTS = "test-results/screenshots";
const PORT_A = APP_PORT + 91;
const PORT_B = APP_PORT + 92;
const CRON_SECRET = "e2e-cron-secret-0123456789";

test.use({ launchOptions: fakeMicLaunchOptions("countdown", "hello") });

interface RealtimeEvent {
  type: string;
  session?: { tools?: unknown[]; audio?: { output?: { voice?: string } } };
  [key: string]: unknown;
}

interface CallRow {
  id: string;
  endedAt: string | null;
  endReason: string | null;
  deadlineAt: string | null;
  responses: number;
  totalTokens: number;
}

const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

async function callRow(api: APIRequestContext, callId: string, base = ""): Promise<CallRow | undefined> {
  const res = await api.get(`${base}/api/v1/realtime/calls`);
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()).calls as CallRow[]).find((c) => c.id === callId);
}

async function hangupsAt(callId: string): Promise<Array<{ status: number }>> {
  const res = await fetch(`${FAKE_OPENAI_URL}/_fake/requests?path=${encodeURIComponent(`/v1/realtime/calls/${callId}/hangup`)}`);
  return (await res.json()).data;
}

const openSidebands = async (server: AppServer) => (await (await fetch(`${server.url}/api/health`)).json()).realtime.openSidebands;

/** Joins a live call at the fake as a second party (what a browser's data channel can do). */
async function joinCall(callId: string, apiKey: string) {
  const socket = new WebSocket(`${FAKE_OPENAI_URL.replace("http", "ws")}/v1/realtime?call_id=${callId}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  const events: RealtimeEvent[] = [];
  socket.on("message", (data) => events.push(JSON.parse(String(data))));
  const closed = new Promise((resolve) => socket.on("close", resolve));
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  return { events, closed, send: (event: object) => socket.send(JSON.stringify(event)) };
}

async function relay(api: APIRequestContext, base = "") {
  const offer = await sdpOffer(); // before the ticket, which lives seconds in e2e
  const ticketRes = await api.post(`${base}/api/v1/realtime/tickets`, { data: {} });
  expect(ticketRes.status()).toBe(201);
  const { ticket, maxCallSeconds } = await ticketRes.json();
  const sentAt = Date.now();
  const res = await api.post(`${base}/api/v1/realtime/calls`, {
    headers: { "content-type": "application/sdp", authorization: `Bearer ${ticket}` },
    data: offer,
  });
  expect(res.status()).toBe(201);
  const callId = res.headers().location?.split("/").pop() ?? "";
  const deadline = Date.parse(res.headers()["x-call-deadline"] ?? "");
  return { callId, deadline, sentAt, maxCallSeconds: maxCallSeconds as number };
}

test("the voice page counts down the last minute and says why the call ended at the workspace's maximum length", async ({ browser }) => {
  test.setTimeout(90_000);
  const { page, api, workspaceId } = await voiceUser(browser);
  const { updatedAt: _updatedAt, ...policy } = (await (await api.get("/api/v1/realtime/settings")).json()).settings;
  expect((await api.put("/api/v1/realtime/settings", { data: { ...policy, workspaceId, maxCallSeconds: 15 } })).status()).toBe(200);

  await page.goto("/voice");
  await startSession(page);
  const timer = page.getByRole("timer", { name: "Time left in this call" });
  await expect(timer).toHaveText(/^Call ends in 0:1\d$/);
  await expect(timer).toHaveText(/^Call ends in 0:0\d$/, { timeout: 10_000 });
  await page.screenshot({ path: `${SHOTS}/voice-countdown.png`, fullPage: true });

  await expect(page.getByRole("status").filter({ hasText: "maximum length" })).toBeVisible({ timeout: 15_000 });
  await expect(voiceStatus(page)).toHaveAttribute("data-status", "idle");
  await expect(timer).toBeHidden();
  await expect(page.getByRole("region", { name: "Session" }).getByRole("alert")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Start" })).toBeVisible();
  const calls = (await (await api.get("/api/v1/realtime/calls")).json()).calls as CallRow[];
  expect(calls[0]).toMatchObject({ endReason: "deadline", endedAt: expect.any(String) });
  await page.screenshot({ path: `${SHOTS}/voice-call-limit-reached.png`, fullPage: true });
});

test("serverless voice: a call runs to its cap (policy re-applied, usage recorded, hung up, no socket left); calls whose observer died are reaped", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const scratch = await createScratchDatabase();
  const env = (port: number) => ({
    PORT: String(port),
    DATABASE_URL: scratch.url,
    AUTH_SECRET: "s".repeat(40),
    ENCRYPTION_KEYS: `v1:${Buffer.alloc(32, 9).toString("base64")}`,
    OPENAI_BASE_URL: `${FAKE_OPENAI_URL}/v1`,
    CRON_SECRET,
  });
  const start = (port: number) => startAppServer({ port, env: env(port), command: [process.execPath, "scripts/start.mjs"] });
  const a = await start(PORT_A);
  let b: AppServer | undefined;
  try {
    const context = await browser.newContext({ baseURL: a.url });
    await signUp(await context.newPage(), newUser("Cap"));
    const api = context.request;
    const workspaceId = await currentWorkspaceId(api);
    const apiKey = testKey("standard", "cap");
    expect((await api.put("/api/v1/llm/keys/openai", { data: { workspaceId, apiKey } })).status()).toBe(200);
    const { updatedAt: _updatedAt, ...policy } = (await (await api.get("/api/v1/realtime/settings")).json()).settings;
    expect(policy.maxCallSeconds).toBe(600);
    const setMaxCall = (maxCallSeconds: number) =>
      api.put("/api/v1/realtime/settings", { data: { ...policy, workspaceId, maxCallSeconds } });
    expect((await setMaxCall(9)).status()).toBe(400);
    expect((await setMaxCall(10)).status()).toBe(200);

    // 1. A call through the relay, watched by this instance's sideband until its deadline.
    expect(await openSidebands(a)).toBe(0);
    const capped = await relay(api);
    expect(capped.maxCallSeconds).toBe(10);
    expect(capped.deadline - capped.sentAt).toBeGreaterThanOrEqual(10_000);
    expect(capped.deadline - capped.sentAt).toBeLessThan(12_000);
    expect(await openSidebands(a)).toBe(1);

    // The browser's side changes a tool's schema and the voice: the server puts the policy back.
    const peer = await joinCall(capped.callId, apiKey);
    await expect.poll(() => peer.events.some((e) => e.type === "session.created")).toBe(true);
    const policyTools = (policy.enabledTools as ToolName[]).map((name) => ({ type: "function", name, ...TOOL_SPECS[name] }));
    const tampered = policyTools.map((t) =>
      t.name === "get_openai_usage"
        ? { ...t, parameters: { type: "object", properties: { sql: { type: "string" } }, required: ["sql"] } }
        : t,
    );
    peer.send({ type: "session.update", session: { type: "realtime", tools: tampered, audio: { output: { voice: "verse" } } } });
    const updates = () => peer.events.filter((e) => e.type === "session.updated").map((e) => e.session);
    await expect.poll(() => updates().length).toBe(2);
    const [strayed, restored] = updates();
    expect(strayed?.audio?.output?.voice).toBe("verse");
    expect(restored?.audio?.output?.voice).toBe(policy.voice);
    expect(JSON.parse(JSON.stringify(restored?.tools))).toEqual(JSON.parse(JSON.stringify(policyTools)));
    expect(a.output()).toContain(`"event":"realtime_policy_reapplied","callId":"${capped.callId}","fields":["tools","audio"]`);

    // A reply: its usage lands on the call's row.
    peer.send({
      type: "conversation.item.create",
      item: { type: "message", role: "user", content: [{ type: "input_text", text: "hello" }] },
    });
    peer.send({ type: "response.create" });
    await expect.poll(async () => (await callRow(api, capped.callId))?.totalTokens ?? 0).toBeGreaterThan(0);

    // The deadline: hung up upstream, the row closed with its reason, the socket gone.
    await sleepUntil(capped.deadline);
    await expect.poll(async () => (await callRow(api, capped.callId))?.endedAt ?? null, { timeout: 10_000 }).not.toBeNull();
    const ended = (await callRow(api, capped.callId)) as CallRow;
    expect(ended).toMatchObject({ endReason: "deadline", responses: 1, deadlineAt: new Date(capped.deadline).toISOString() });
    expect(Date.parse(ended.endedAt as string) - capped.deadline).toBeLessThan(3_000);
    expect(await hangupsAt(capped.callId)).toMatchObject([{ status: 200 }]);
    expect(await fake.calls()).not.toContain(capped.callId);
    await peer.closed;
    await expect.poll(() => openSidebands(a)).toBe(0);

    // 2. Two calls whose observer dies with its instance (10 s and 20 s long), then another instance.
    const short = await relay(api);
    expect((await setMaxCall(20)).status()).toBe(200);
    const long = await relay(api);
    expect(long.maxCallSeconds).toBe(20);
    await a.kill();
    b = await start(PORT_B);
    const server = b;
    const cron = (authorization?: string) =>
      fetch(`${server.url}/api/cron/reap-calls`, { headers: authorization ? { authorization } : {} });
    expect((await cron()).status).toBe(401);
    expect((await cron("Bearer not-the-secret-0123456789")).status).toBe(401);
    const early = Date.now();
    const none = await cron(`Bearer ${CRON_SECRET}`);
    expect(none.status).toBe(200);
    // Within their grace (20 s past the deadline) calls are left to their observer.
    if (early < short.deadline + 19_000) expect(await none.json()).toMatchObject({ reaped: [], failed: [], opsAlerts: { alertsSent: 0 } });

    // Nobody hung up at the deadline: the call is still live upstream and open in the database
    // (read directly: a voice route would run the reaper, at most once a minute).
    await sleepUntil(short.deadline + 1_000);
    expect(await fake.calls()).toEqual(expect.arrayContaining([short.callId, long.callId]));
    const db = new pg.Client({ connectionString: scratch.url });
    await db.connect();
    const { rows } = await db
      .query("select ended_at, end_reason from realtime_calls where id = $1", [short.callId])
      .finally(() => db.end());
    expect(rows).toEqual([{ ended_at: null, end_reason: null }]);

    // The next request to a voice route reaps what is past its grace, after answering.
    await sleepUntil(short.deadline + 21_000);
    expect(await callRow(api, short.callId, server.url)).toBeDefined();
    await expect.poll(async () => (await callRow(api, short.callId, server.url))?.endReason, { timeout: 10_000 }).toBe("reaped");
    expect((await callRow(api, short.callId, server.url))?.endedAt).not.toBeNull();
    expect(await hangupsAt(short.callId)).toMatchObject([{ status: 200 }]);
    expect(await fake.calls()).not.toContain(short.callId);
    expect(await callRow(api, long.callId, server.url)).toMatchObject({ endedAt: null, endReason: null });

    // Vercel Cron (or anyone with CRON_SECRET) reaps the rest.
    await sleepUntil(long.deadline + 21_000);
    const swept = await cron(`Bearer ${CRON_SECRET}`);
    expect(swept.status).toBe(200);
    expect(await swept.json()).toEqual({
      reaped: [long.callId],
      failed: [],
      opsAlerts: { alertsSent: 0, workspaces: 0 },
      expiredTraces: 0,
    });
    expect(await callRow(api, long.callId, server.url)).toMatchObject({ endReason: "reaped", endedAt: expect.any(String) });
    expect(await fake.calls()).not.toContain(long.callId);
    expect(await openSidebands(server)).toBe(0);
  } finally {
    await a.stop();
    await b?.stop();
    await scratch.drop();
  }
});

test("the cron route is not there without CRON_SECRET", async ({ request }) => {
  const res = await request.get("/api/cron/reap-calls", { headers: { authorization: "Bearer anything-at-all-0123" } });
  expect(res.status()).toBe(404);
});
