import { expect, request, test } from "@playwright/test";
import { APP_URL, FAKE_OPENAI_URL } from "./support/env";
import { currentWorkspaceId, joinAsMember, testKey } from "./support/keys";
import { signedUpContext } from "./support/users";

const KEYS = "/api/v1/llm/keys";

test("anonymous callers get 401 on every key route", async () => {
  const anon = await request.newContext({ baseURL: APP_URL });
  const calls = [
    anon.get(KEYS),
    anon.get(`${KEYS}/audit`),
    anon.put(`${KEYS}/openai`, { data: { apiKey: testKey("standard") } }),
    anon.delete(`${KEYS}/openai`),
    anon.post(`${KEYS}/openai/test`, { data: {} }),
  ];
  for (const res of await Promise.all(calls)) {
    expect(res.status()).toBe(401);
    expect(await res.json()).toMatchObject({ code: "unauthorized", status: 401 });
  }
  await anon.dispose();
});

test("members manage only their personal keys; other workspaces cannot see or touch them", async ({ browser }) => {
  const admin = await signedUpContext(browser, "Admin");
  const workspaceId = await currentWorkspaceId(admin.api);
  const member = await joinAsMember(browser, admin.api, workspaceId);
  const outsider = await signedUpContext(browser, "Outsider");

  const workspaceKey = testKey("standard", "ws");
  const saved = await admin.api.put(`${KEYS}/openai`, { data: { workspaceId, apiKey: workspaceKey } });
  expect(saved.status()).toBe(200);
  expect(await saved.json()).toMatchObject({
    saved: true,
    provider: "openai",
    workspaceId,
    scope: "workspace",
    keyHint: `sk-…${workspaceKey.slice(-4)}`,
  });

  // A member cannot write or remove workspace keys, nor read the audit log.
  const memberPut = await member.api.put(`${KEYS}/openai`, { data: { workspaceId, apiKey: testKey("standard"), scope: "workspace" } });
  expect(memberPut.status()).toBe(403);
  expect((await memberPut.json()).error).toMatch(/Only admins and owners/);
  expect((await member.api.delete(`${KEYS}/openai?workspaceId=${workspaceId}&scope=workspace`)).status()).toBe(403);
  expect((await member.api.delete(`${KEYS}/openai?workspaceId=${workspaceId}`)).status()).toBe(403);
  expect((await member.api.get(`${KEYS}/audit?workspaceId=${workspaceId}`)).status()).toBe(403);

  // …but can save, test and remove a personal key, which the admin never sees.
  const personal = await member.api.put(`${KEYS}/openai`, {
    data: { workspaceId, apiKey: testKey("standard", "mine"), scope: "personal" },
  });
  expect(personal.status()).toBe(200);
  const tested = await member.api.post(`${KEYS}/openai/test`, { data: { workspaceId, scope: "personal" } });
  expect(await tested.json()).toMatchObject({ ok: true, result: "valid", scope: "personal" });
  const memberView = (await (await member.api.get(`${KEYS}?workspaceId=${workspaceId}`)).json()).keys;
  expect(memberView.map((k: { scope: string }) => k.scope).sort()).toEqual(["personal", "workspace"]);
  const adminView = (await (await admin.api.get(`${KEYS}?workspaceId=${workspaceId}`)).json()).keys;
  expect(adminView).toEqual([expect.objectContaining({ scope: "workspace", provider: "openai" })]);
  for (const k of [...memberView, ...adminView]) expect(JSON.stringify(k)).not.toContain(workspaceKey.slice(3, -4));

  // Another workspace's admin: the workspace looks like it does not exist.
  for (const res of [
    await outsider.api.get(`${KEYS}?workspaceId=${workspaceId}`),
    await outsider.api.put(`${KEYS}/openai`, { data: { workspaceId, apiKey: testKey("standard") } }),
    await outsider.api.delete(`${KEYS}/openai?workspaceId=${workspaceId}`),
    await outsider.api.post(`${KEYS}/openai/test`, { data: { workspaceId } }),
    await outsider.api.get(`${KEYS}/audit?workspaceId=${workspaceId}`),
  ])
    expect(res.status()).toBe(404);
  // The outsider's own workspace has none of these keys.
  expect((await (await outsider.api.get(KEYS)).json()).keys).toEqual([]);

  const removed = await member.api.delete(`${KEYS}/openai?workspaceId=${workspaceId}&scope=personal`);
  expect(await removed.json()).toEqual({ deleted: true, provider: "openai", workspaceId, scope: "personal" });
  const stillThere = (await (await admin.api.get(`${KEYS}?workspaceId=${workspaceId}`)).json()).keys;
  expect(stillThere).toHaveLength(1);

  const audit = (await (await admin.api.get(`${KEYS}/audit?workspaceId=${workspaceId}`)).json()).events;
  expect(audit.map((e: { action: string }) => e.action)).toEqual(["key.deleted", "key.tested", "key.saved", "key.saved"]);
  for (const c of [admin, member, outsider]) await c.context.close();
});

test("bad input is refused with a clear 4xx and nothing is written", async ({ browser }) => {
  const { api, context } = await signedUpContext(browser, "Bad");
  const longKey = `sk-proj-${"a".repeat(600)}`;
  const cases: { name: string; path?: string; body: unknown; status: number; message: RegExp; raw?: boolean }[] = [
    { name: "malformed JSON", body: '{"apiKey": "sk-', raw: true, status: 400, message: /not valid JSON/ },
    { name: "apiKey wrong type", body: { apiKey: 12345 }, status: 400, message: /apiKey must be a string/ },
    { name: "verify wrong type", body: { apiKey: testKey("standard"), verify: "no" }, status: 400, message: /verify/ },
    { name: "missing apiKey", body: {}, status: 400, message: /apiKey/ },
    { name: "unknown scope", body: { apiKey: testKey("standard"), scope: "team" }, status: 400, message: /Scope must be/ },
    { name: "admin key as standard", body: { apiKey: testKey("admin") }, status: 400, message: /Admin key/ },
    { name: "standard key as admin", path: "openai-admin", body: { apiKey: testKey("standard") }, status: 400, message: /sk-admin-/ },
    { name: "too short", body: { apiKey: "sk-abc" }, status: 400, message: /too short/ },
    { name: "too long", body: { apiKey: longKey }, status: 400, message: /too long/ },
    { name: "space inside", body: { apiKey: "sk-proj-abcdef ghijklmnopqrstuvwx" }, status: 400, message: /spaces/ },
    { name: "not an OpenAI key", body: { apiKey: "pk-live-abcdefghijklmnopqrstuvwxyz" }, status: 400, message: /start with "sk-"/ },
    { name: "unknown provider", path: "anthropic", body: { apiKey: testKey("standard") }, status: 400, message: /Unknown provider/ },
    { name: "revoked key", body: { apiKey: testKey("standard", "revoked") }, status: 422, message: /refused this key.*Nothing was saved/ },
  ];
  for (const c of cases) {
    const res = await api.put(`${KEYS}/${c.path ?? "openai"}`, {
      ...(c.raw ? { data: Buffer.from(c.body as string), headers: { "content-type": "application/json" } } : { data: c.body }),
    });
    expect(res.status(), c.name).toBe(c.status);
    expect(res.headers()["content-type"], c.name).toContain("application/json");
    const body = await res.json();
    expect(body.error, c.name).toMatch(c.message);
    expect(body.status, c.name).toBe(c.status);
  }
  // Surrounding whitespace is trimmed, not refused.
  const padded = testKey("standard", "pad");
  expect((await api.put(`${KEYS}/openai`, { data: { apiKey: `  ${padded}\n` } })).status()).toBe(200);
  const keys = (await (await api.get(KEYS)).json()).keys;
  expect(keys).toEqual([expect.objectContaining({ provider: "openai", keyHint: `sk-…${padded.slice(-4)}` })]);
  expect((await api.put(`${KEYS}/openai/test`, { data: {} })).status()).toBe(405);
  await context.close();
});

test("upstream failure during verification is a clear 502 and nothing is saved; verify:false skips it", async ({ browser }) => {
  const { api, context } = await signedUpContext(browser, "Down");
  const fake = await request.newContext({ baseURL: FAKE_OPENAI_URL });
  // Only the admin endpoint, so parallel tests verifying standard keys are unaffected.
  await fake.post("/_fake/faults", { data: { fault: "503", path: "/v1/organization/costs", count: 2 } });
  const res = await api.put(`${KEYS}/openai-admin`, { data: { apiKey: testKey("admin") } });
  expect(res.status()).toBe(502);
  expect(await res.json()).toMatchObject({ code: "upstream_error", error: expect.stringMatching(/Nothing was changed/) });
  expect((await (await api.get(KEYS)).json()).keys).toEqual([]);

  const unchecked = await api.put(`${KEYS}/openai-admin`, { data: { apiKey: testKey("admin", "revoked"), verify: false } });
  expect(unchecked.status()).toBe(200);
  const tested = await api.post(`${KEYS}/openai-admin/test`, { data: {} });
  expect(await tested.json()).toMatchObject({ ok: false, result: "revoked" });
  await fake.delete("/_fake/faults");
  await fake.dispose();
  await context.close();
});
