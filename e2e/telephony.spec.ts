import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { APP_URL, E2E_DATA_DIR, FAKE_OPENAI_URL } from "./support/env";
import { userWithKey } from "./support/realtime";

// Phone calls over OpenAI's SIP interface, against the fake playing OpenAI's side: it sends the
// signed realtime.call.incoming webhook to the workspace's URL and records what the dashboard
// answered (accept with which session, reject with which status), then plays the caller.

const SECRET = `whsec_${Buffer.from("telephony-e2e-fake-signing-secret").toString("base64")}`;
const CALLER = "+14155554567";
const DENIED = "+19005550123";

interface SipCall {
  id: string;
  state: string;
  statusCode?: number;
  acceptedAfterMs?: number;
  instructions?: string;
  tools: string[];
  toolCalls: string[];
  toolOutputs: string[];
  replies: string[];
}
interface Placed {
  call_id: string;
  webhook: { headers: Record<string, string>; body: string };
  delivery: { status: number; body: Record<string, unknown> };
  call: SipCall;
}

const webhookUrl = (workspaceId: string) => `${APP_URL}/api/v1/telephony/webhook/${workspaceId}`;

async function ring(workspaceId: string, extra: Record<string, unknown> = {}): Promise<Placed> {
  const res = await fetch(`${FAKE_OPENAI_URL}/_fake/sip/incoming`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ url: webhookUrl(workspaceId), secret: SECRET, from: CALLER, ...extra }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Placed;
}

async function sipCall(id: string): Promise<SipCall> {
  const { data } = (await (await fetch(`${FAKE_OPENAI_URL}/_fake/sip/calls`)).json()) as { data: SipCall[] };
  const call = data.find((c) => c.id === id);
  if (!call) throw new Error(`fake has no SIP call ${id}`);
  return call;
}

async function upstreamActions(callId: string): Promise<string[]> {
  const { data } = (await (await fetch(`${FAKE_OPENAI_URL}/_fake/requests?path=/v1/realtime/calls/${callId}/`)).json()) as {
    data: Array<{ path: string }>;
  };
  return data.map((r) => r.path.split("/").pop() ?? "");
}

async function setUpTelephony(api: APIRequestContext, workspaceId: string) {
  const policy = await api.get("/api/v1/realtime/settings");
  const { updatedAt: _u, ...settings } = (await policy.json()).settings;
  const assistant = await api.put("/api/v1/realtime/settings", {
    data: {
      ...settings,
      workspaceId,
      instructions: "Phone policy: answer callers briefly.",
      enabledTools: ["list_openai_models", "get_proxy_health"],
    },
  });
  expect(assistant.status()).toBe(200);
  const saved = await api.put("/api/v1/telephony/settings", {
    data: {
      workspaceId,
      secret: SECRET,
      defaultAction: "accept",
      allowPrefixes: [],
      denyPrefixes: ["+1900"],
      referTarget: "+14155550100",
      rejectStatus: 486,
    },
  });
  expect(saved.status()).toBe(200);
  const body = await saved.json();
  expect(body.settings).toMatchObject({ secretSaved: true, denyPrefixes: ["+1900"], referTarget: "tel:+14155550100", rejectStatus: 486 });
  expect(JSON.stringify(body)).not.toContain(SECRET);
}

test("an incoming call is accepted with the workspace policy, its tool runs on the server, usage lands on the call, an admin hangs it up", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const admin = await userWithKey(browser, "Phone");
  await setUpTelephony(admin.api, admin.workspaceId);

  const placed = await ring(admin.workspaceId, { question: "which models do we have?" });
  expect(placed.delivery).toEqual({
    status: 200,
    body: expect.objectContaining({ received: true, action: "accept", from: "+1415•••4567" }),
  });
  expect(placed.call).toMatchObject({
    state: "accepted",
    instructions: "Phone policy: answer callers briefly.",
    tools: ["list_openai_models", "get_proxy_health"],
  });

  // The scripted caller's question needs list_openai_models: the dashboard ran it (with the
  // workspace's key against the fake's /v1/models) and the model answered with what it returned.
  await expect.poll(async () => (await sipCall(placed.call_id)).replies.length, { timeout: 15_000 }).toBeGreaterThan(0);
  const call = await sipCall(placed.call_id);
  expect(call.toolCalls).toEqual(["list_openai_models"]);
  expect(call.toolOutputs[0]).toContain('"models"');
  expect(call.replies[0]).toMatch(/^Here is what I found: \S+/);

  const listed = async () => {
    const res = await admin.api.get(`/api/v1/telephony/calls?workspaceId=${admin.workspaceId}`);
    expect(res.status()).toBe(200);
    return ((await res.json()).calls as Array<Record<string, unknown>>).find((c) => c.id === placed.call_id);
  };
  await expect.poll(async () => (await listed())?.responses, { timeout: 10_000 }).toBe(2);
  const row = await listed();
  expect(row).toMatchObject({ from: "+1415•••4567", to: "+1800•••0199", live: true });
  expect(row?.totalTokens as number).toBeGreaterThan(0);
  expect(row?.costMicros as number).toBeGreaterThan(0);

  // The admin hangs it up from Settings → Telephony.
  await admin.page.goto("/settings/telephony");
  const item = admin.page.locator(`[data-call-id="${placed.call_id}"]`);
  await expect(item).toContainText("+1415•••4567");
  await expect(item).toContainText("Live");
  // For people to look at (test-results/screenshots/): the settings with a live call, desktop and phone.
  await admin.page.screenshot({ path: "test-results/screenshots/settings-telephony-live-desktop.png", fullPage: true });
  await admin.page.setViewportSize({ width: 390, height: 844 });
  await admin.page.screenshot({ path: "test-results/screenshots/settings-telephony-live-phone.png", fullPage: true });
  await admin.page.setViewportSize({ width: 1280, height: 800 });
  await item.getByRole("button", { name: "Hang up" }).click();
  await expect(item).toContainText("Ended (admin)");
  await expect.poll(async () => (await sipCall(placed.call_id)).state).toBe("ended");
  expect(await upstreamActions(placed.call_id)).toEqual(["accept", "hangup"]);

  // The caller's number is never written in full to the server's log.
  expect(readFileSync(`${E2E_DATA_DIR}/server.log`, "utf8")).not.toContain(CALLER);
});

test("a denied number is rejected with the policy's SIP status; forged, stale and replayed webhooks are refused or ignored", async ({
  browser,
}) => {
  const admin = await userWithKey(browser, "PhoneDeny");
  await setUpTelephony(admin.api, admin.workspaceId);

  const denied = await ring(admin.workspaceId, { from: DENIED });
  expect(denied.delivery).toEqual({ status: 200, body: expect.objectContaining({ action: "reject", statusCode: 486, reason: "denied" }) });
  expect(denied.call).toMatchObject({ state: "rejected", statusCode: 486 });
  const calls = await admin.api.get(`/api/v1/telephony/calls?workspaceId=${admin.workspaceId}`);
  expect((await calls.json()).calls).toEqual([]);

  // The same webhook again (OpenAI retries; an attacker replays): 200, and nothing is done twice.
  const replay = await fetch(webhookUrl(admin.workspaceId), { method: "POST", headers: denied.webhook.headers, body: denied.webhook.body });
  expect(replay.status).toBe(200);
  expect(await replay.json()).toEqual({ received: true, duplicate: true });
  expect(await upstreamActions(denied.call_id)).toEqual(["reject"]);

  const forged = await ring(admin.workspaceId, { forge_signature: true });
  expect(forged.delivery.status).toBe(401);
  expect(forged.delivery.body.code).toBe("unauthorized");
  const stale = await ring(admin.workspaceId, { timestamp_offset_seconds: -301 });
  expect(stale.delivery.status).toBe(401);
  for (const refused of [forged, stale]) expect(await upstreamActions(refused.call_id)).toEqual([]);

  // A body changed after signing fails too; an unknown workspace is 404 (as one without telephony).
  const tampered = await fetch(webhookUrl(admin.workspaceId), {
    method: "POST",
    headers: { ...denied.webhook.headers, "webhook-id": "msg_tampered" },
    body: denied.webhook.body.replace(DENIED, CALLER),
  });
  expect(tampered.status).toBe(401);
  const unknown = await fetch(webhookUrl("no-such-workspace"), {
    method: "POST",
    headers: denied.webhook.headers,
    body: denied.webhook.body,
  });
  expect(unknown.status).toBe(404);
  const huge = await fetch(webhookUrl(admin.workspaceId), {
    method: "POST",
    headers: denied.webhook.headers,
    body: JSON.stringify({ pad: "x".repeat(70 * 1024) }),
  });
  expect(huge.status).toBe(413);
});

test("an admin transfers a live phone call to the policy's number", async ({ browser }) => {
  const admin = await userWithKey(browser, "PhoneRefer");
  await setUpTelephony(admin.api, admin.workspaceId);
  const placed = await ring(admin.workspaceId, { question: "hello" });
  expect(placed.call.state).toBe("accepted");
  const member = await admin.api.post(`/api/v1/telephony/calls/${placed.call_id}/refer`, { data: { workspaceId: admin.workspaceId } });
  expect(member.status()).toBe(200);
  expect(await member.json()).toEqual({ callId: placed.call_id, transferred: true });
  expect(await sipCall(placed.call_id)).toMatchObject({ state: "referred", referTo: "tel:+14155550100" });
  const again = await admin.api.post(`/api/v1/telephony/calls/${placed.call_id}/refer`, { data: { workspaceId: admin.workspaceId } });
  expect(again.status()).toBe(409);
  const listed = await admin.api.get(`/api/v1/telephony/calls?workspaceId=${admin.workspaceId}`);
  expect((await listed.json()).calls[0]).toMatchObject({ id: placed.call_id, live: false, endReason: "admin" });
});

test("webhook-to-accept latency over 50 calls", async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await userWithKey(browser, "PhoneBench");
  await setUpTelephony(admin.api, admin.workspaceId);
  const latencies: number[] = [];
  const roundTrips: number[] = [];
  for (let i = 0; i < 50; i++) {
    const started = Date.now();
    const placed = await ring(admin.workspaceId, { question: "hello" });
    roundTrips.push(Date.now() - started);
    expect(placed.call.state).toBe("accepted");
    latencies.push(placed.call.acceptedAfterMs as number);
    await fetch(`${FAKE_OPENAI_URL}/v1/realtime/calls/${placed.call_id}/hangup`, {
      method: "POST",
      headers: { authorization: "Bearer sk-proj-fake-bench-hangup" },
    });
  }
  const pct = (values: number[], p: number) =>
    [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] as number;
  const report = {
    calls: latencies.length,
    acceptMs: { p50: pct(latencies, 0.5), p95: pct(latencies, 0.95), max: Math.max(...latencies) },
    webhookRoundTripMs: { p50: pct(roundTrips, 0.5), p95: pct(roundTrips, 0.95) },
  };
  console.log(`telephony latency ${JSON.stringify(report)}`);
  mkdirSync("reports", { recursive: true });
  writeFileSync("reports/telephony-latency.json", `${JSON.stringify(report, null, 2)}\n`);
  expect(report.acceptMs.p50).toBeLessThan(1_000);
});
