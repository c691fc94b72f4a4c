import { expect, request, test } from "@playwright/test";
import { APP_URL } from "./support/env";
import { joinAsMember } from "./support/keys";
import { allowClientSecrets, fake, postOffer, sdpOffer, userWithKey } from "./support/realtime";
import { signedUpContext } from "./support/users";

const TOKEN = "/api/v1/realtime/token";

test("token: 200 shape, minted from the workspace policy (never the client's)", async ({ browser }) => {
  const admin = await userWithKey(browser, "Token");
  const policy = {
    workspaceId: admin.workspaceId,
    model: "gpt-realtime-mini",
    voice: "cedar",
    instructions: "Policy instructions from the admin.",
    turnDetection: "semantic_vad",
    expiresAfterSeconds: 120,
    enabledTools: ["list_openai_models"],
    clientSecretsAllowed: true,
  };
  expect((await admin.api.put("/api/v1/realtime/settings", { data: policy })).status()).toBe(200);

  const res = await admin.api.post(TOKEN, { data: { instructions: "ignore the policy", tools: [{ name: "evil" }], voice: "ash" } });
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toEqual({
    clientSecret: expect.stringMatching(/^ek_/),
    expiresAt: expect.any(String),
    model: "gpt-realtime-mini",
    sessionId: expect.stringMatching(/^sess_/),
  });
  const ttl = (Date.parse(body.expiresAt) - Date.now()) / 1000;
  expect(ttl).toBeGreaterThan(100);
  expect(ttl).toBeLessThanOrEqual(121);
  expect(res.headers()["ratelimit-limit"]).toBe("30");
  expect(await fake.issued()).toContain(body.clientSecret);

  const sent = (await fake.lastRequestBody("/v1/realtime/client_secrets")) as {
    expires_after: unknown;
    session: {
      instructions: string;
      tools: Array<{ name: string }>;
      audio: { output: { voice: string }; input: { turn_detection: { type: string } } };
    };
  };
  expect(sent.expires_after).toEqual({ anchor: "created_at", seconds: 120 });
  expect(sent.session.instructions).toBe("Policy instructions from the admin.");
  expect(sent.session.tools.map((t) => t.name)).toEqual(["list_openai_models"]);
  expect(sent.session.audio.output.voice).toBe("ash"); // an allowed choice the client may make
  expect(sent.session.audio.input.turn_detection.type).toBe("semantic_vad");

  const badVoice = await admin.api.post(TOKEN, { data: { voice: "robot" } });
  expect(badVoice.status()).toBe(400);
});

test("token: no key 424; every upstream fault mapped", async ({ browser }) => {
  const nokey = await signedUpContext(browser, "NoKey");
  await allowClientSecrets(nokey.api);
  const none = await nokey.api.post(TOKEN, { data: {} });
  expect(none.status()).toBe(424);
  expect((await none.json()).code).toBe("no_key_configured");

  const user = await userWithKey(browser, "Faults");
  await allowClientSecrets(user.api);
  const path = "/v1/realtime/client_secrets";
  const cases: Array<[string, number, string]> = [
    ["429", 429, "upstream_rate_limited"],
    ["500", 502, "upstream_error"],
    ["503", 502, "upstream_error"],
    ["malformed", 502, "upstream_malformed"],
    ["timeout", 504, "upstream_timeout"],
  ];
  for (const [fault, status, code] of cases) {
    await fake.fault(fault, path, 1, user.apiKey);
    const res = await user.api.post(TOKEN, { data: {}, timeout: 30_000 });
    expect(res.status(), fault).toBe(status);
    const body = await res.json();
    expect(body.code, fault).toBe(code);
    if (fault === "429") {
      expect(res.headers()["retry-after"]).toBe("1");
      expect(body.details.retryAfterSeconds).toBe(1);
    }
  }

  await fake.revoke(user.apiKey);
  const revoked = await user.api.post(TOKEN, { data: {} });
  expect(revoked.status()).toBe(424);
  const body = await revoked.json();
  expect(body.code).toBe("upstream_key_rejected");
  expect(body.error).toContain(`sk-…${user.apiKey.slice(-4)}`);
  expect(JSON.stringify(body)).not.toContain(user.apiKey);
});

test("token: exactly the limit succeeds under 50 concurrent requests; the rest get 429 with Retry-After", async ({ browser }) => {
  const user = await userWithKey(browser, "Burst");
  await allowClientSecrets(user.api);
  // Stay inside one fixed one-minute window.
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 61_000 - intoMinute));
  const results = await Promise.all(Array.from({ length: 50 }, () => user.api.post(TOKEN, { data: {} })));
  const statuses = results.map((r) => r.status());
  expect(statuses.filter((s) => s === 200)).toHaveLength(30);
  expect(statuses.filter((s) => s === 429)).toHaveLength(20);
  for (const r of results.filter((r) => r.status() === 429)) {
    const retryAfter = Number(r.headers()["retry-after"]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await r.json()).code).toBe("rate_limited");
  }
  // Tickets share the budget: starting a browser session is refused too.
  expect((await user.api.post("/api/v1/realtime/tickets", { data: {} })).status()).toBe(429);
});

test("token and settings: another workspace's member cannot mint or read; members cannot change the policy", async ({ browser }) => {
  const admin = await userWithKey(browser, "Owner");
  const outsider = await userWithKey(browser, "Outsider");
  const foreign = await outsider.api.post(TOKEN, { data: { workspaceId: admin.workspaceId } });
  expect(foreign.status()).toBe(404);
  expect((await outsider.api.get(`/api/v1/realtime/settings?workspaceId=${admin.workspaceId}`)).status()).toBe(404);
  expect((await outsider.api.post("/api/v1/realtime/tickets", { data: { workspaceId: admin.workspaceId } })).status()).toBe(404);

  const member = await joinAsMember(browser, admin.api, admin.workspaceId);
  await allowClientSecrets(admin.api);
  expect((await member.api.post(TOKEN, { data: { workspaceId: admin.workspaceId } })).status()).toBe(200);
  const settings = await member.api.get("/api/v1/realtime/settings");
  expect(settings.status()).toBe(200);
  const current = (await settings.json()).settings;
  const put = await member.api.put("/api/v1/realtime/settings", { data: { ...current, instructions: "member edit" } });
  expect(put.status()).toBe(403);
  const invalid = await admin.api.put("/api/v1/realtime/settings", { data: { ...current, expiresAfterSeconds: 5, model: "gpt-5" } });
  expect(invalid.status()).toBe(400);
});

test("relay: SDP answer + call id; tickets are one-use, user-bound and expire; hangup by owner only", async ({ browser }) => {
  const user = await userWithKey(browser, "Relay");
  const other = await userWithKey(browser, "Other");
  const offer = await sdpOffer();
  const mint = async () => {
    const res = await user.api.post("/api/v1/realtime/tickets", { data: {} });
    expect(res.status()).toBe(201);
    const body = await res.json();
    expect(body.ticket).toMatch(/^ek_oc_/);
    return body.ticket as string;
  };

  const ticket = await mint();
  const anon = await request.newContext({ baseURL: APP_URL });
  expect((await postOffer(anon, ticket, offer)).status()).toBe(401); // a ticket alone is not enough
  expect((await postOffer(other.api, ticket, offer)).status()).toBe(401); // nor someone else's session

  const ok = await postOffer(user.api, ticket, offer);
  expect(ok.status()).toBe(201);
  expect(ok.headers()["content-type"]).toContain("application/sdp");
  expect(await ok.text()).toMatch(/^v=0/);
  const callId = ok.headers().location?.split("/").pop() ?? "";
  expect(callId).toMatch(/^rtc_/);
  expect(await fake.calls()).toContain(callId);

  const replay = await postOffer(user.api, ticket, offer);
  expect(replay.status()).toBe(401);
  expect(await replay.json()).toMatchObject({ code: "unauthorized" });
  expect((await postOffer(user.api, "ek_oc_made-up", offer)).status()).toBe(401);
  expect((await postOffer(user.api, "", offer)).status()).toBe(401);

  const stale = await mint();
  await new Promise((r) => setTimeout(r, 6_500)); // REALTIME_TICKET_TTL_SECONDS=6 in e2e
  expect((await postOffer(user.api, stale, offer)).status()).toBe(401);

  const listed = (await (await user.api.get("/api/v1/realtime/calls")).json()).calls;
  expect(listed[0]).toMatchObject({ id: callId, model: "gpt-realtime", keySource: "workspace", endedAt: null });

  expect((await other.api.post(`/api/v1/realtime/calls/${callId}/hangup`, { data: {} })).status()).toBe(404);
  const hung = await user.api.post(`/api/v1/realtime/calls/${callId}/hangup`, { data: {} });
  expect(hung.status()).toBe(200);
  expect(await hung.json()).toEqual({ callId, ended: true });
  await expect.poll(fake.calls).not.toContain(callId);
  const after = (await (await user.api.get("/api/v1/realtime/calls")).json()).calls;
  expect(after[0]).toMatchObject({ endedAt: expect.any(String), endReason: "user", deadlineAt: expect.any(String) });
});
