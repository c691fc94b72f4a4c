import { type APIRequestContext, expect, request, test } from "@playwright/test";
import { TOKEN_SCOPES, type TokenScope } from "@/db/enums";
import { apiRoutes, routeKey, routeUrl } from "./support/api-routes";
import { addToWorkspace } from "./support/cast";
import { APP_URL } from "./support/env";
import { currentWorkspaceId, testKey } from "./support/keys";
import { signedUpContext } from "./support/users";

// Personal access tokens (`Authorization: Bearer oc_…`): which routes take one and with which
// scopes. A route that is not listed here must refuse every token with 401, so a route that starts
// taking tokens fails this spec until it is listed.
const TOKEN_ROUTES: Record<string, readonly TokenScope[]> = {
  "POST v1/realtime/token": ["realtime:mint"],
  "GET v1/cto/openai/usage": ["usage:read"],
  "GET v1/cto/openai/projects": ["usage:read"],
  "GET v1/cto/openai/models": ["chat", "realtime:mint"],
  "GET v1/realtime/calls": ["calls:manage"],
  "POST v1/realtime/calls/[callId]/hangup": ["calls:manage"],
  "GET v1/telephony/calls": ["calls:manage"],
  "POST v1/telephony/calls/[callId]/refer": ["calls:manage"],
  "GET v1/proxy-requests": ["usage:read"],
  "GET v1/usage/members": ["usage:read"],
  "GET v1/ops/metrics": ["usage:read"],
  "POST mcp": ["mcp"],
  "POST openai/v1/chat/completions": ["chat"],
  "POST openai/v1/responses": ["chat"],
  "GET openai/v1/models": ["chat", "realtime:mint"],
  "POST openai/v1/realtime/client_secrets": ["realtime:mint"],
};

/** The error of either envelope: ours (`{error, code, details}`), or OpenAI's (`{error:{message, code, details}}`) on /api/openai/v1. */
const errorOf = (body: { error: string | { message: string; code: string; details?: unknown }; code?: string; details?: unknown }) =>
  typeof body.error === "string" ? { message: body.error, code: body.code, details: body.details } : body.error;

// Routes with a credential of their own (or none): a bearer token means nothing to them.
const OWN_CREDENTIAL = new Set(["GET health", "GET metrics", "GET cron/reap-calls", "POST v1/telephony/webhook/[workspaceId]"]);

const PLACEHOLDER_PARAMS = {
  callId: "rtc_token_spec",
  provider: "openai",
  tokenId: "AAAAAAAAAAAAAAAA",
  userId: "u",
  inviteId: "i",
  workspaceId: "w",
  conversationId: "c",
  connectorId: "c",
};

/** A request context with no cookie at all: only the token speaks. */
const bare = () => request.newContext({ baseURL: APP_URL });

async function send(api: APIRequestContext, key: string, token: string, query = "") {
  const [method, pattern] = key.split(" ") as [string, string];
  return api.fetch(`${routeUrl(pattern, PLACEHOLDER_PARAMS)}${query}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    data: method === "GET" ? undefined : {},
  });
}

async function makeToken(api: APIRequestContext, workspaceId: string, scopes: readonly TokenScope[], name = "Spec token") {
  const res = await api.post("/api/v1/tokens", { data: { workspaceId, name, scopes, expiresInDays: 7 } });
  expect(res.status()).toBe(201);
  return (await res.json()).token as { token: string; id: string; hint: string };
}

test.describe("personal access tokens", () => {
  test("every route that is not listed refuses a token with every scope (401); listed ones refuse a token without their scope (403)", async ({
    browser,
  }) => {
    const owner = await signedUpContext(browser, "TokenOwner");
    const workspaceId = await currentWorkspaceId(owner.api);
    const all = await makeToken(owner.api, workspaceId, TOKEN_SCOPES);
    const api = await bare();
    const routes = apiRoutes().filter((r) => !r.pattern.startsWith("auth/") && !OWN_CREDENTIAL.has(routeKey(r)));
    for (const key of Object.keys(TOKEN_ROUTES)) expect(routes.map(routeKey), `${key} is a route`).toContain(key);
    for (const route of routes.filter((r) => !TOKEN_ROUTES[routeKey(r)])) {
      const res = await send(api, routeKey(route), all.token);
      expect(res.status(), routeKey(route)).toBe(401);
      expect((await res.json()).error, routeKey(route)).toContain("API tokens are not accepted by this route");
    }
    for (const [key, scopes] of Object.entries(TOKEN_ROUTES)) {
      const without = await makeToken(
        owner.api,
        workspaceId,
        TOKEN_SCOPES.filter((s) => !scopes.includes(s)),
      );
      const refused = await send(api, key, without.token);
      expect(refused.status(), key).toBe(403);
      expect(errorOf(await refused.json()), key).toMatchObject({ code: "insufficient_scope", details: { required: scopes } });
      const allowed = await send(api, key, all.token);
      expect([401, 403].includes(allowed.status()) && errorOf(await allowed.json()).code !== "client_secrets_disabled", key).toBe(false);
    }
    await api.dispose();
  });

  test("a token works from code until it is revoked; its secret is shown once and never listed", async ({ browser }) => {
    const owner = await signedUpContext(browser, "TokenUser");
    const workspaceId = await currentWorkspaceId(owner.api);
    for (const [provider, kind] of [
      ["openai", "standard"],
      ["openai-admin", "admin"],
    ] as const)
      expect(
        (await owner.api.put(`/api/v1/llm/keys/${provider}`, { data: { workspaceId, apiKey: testKey(kind, "tokens") } })).status(),
      ).toBe(200);
    const created = await makeToken(owner.api, workspaceId, ["usage:read", "chat"], "Nightly report");
    expect(created.token).toMatch(/^oc_[A-Za-z0-9]{16}_[A-Za-z0-9_-]{32}$/);
    const api = await bare();
    const models = await api.get("/api/v1/cto/openai/models", { headers: { authorization: `Bearer ${created.token}` } });
    expect(models.status()).toBe(200);
    expect((await models.json()).models.length).toBeGreaterThan(0);
    const day = new Date().toISOString().slice(0, 10);
    const usage = await api.get(`/api/v1/cto/openai/usage?start=${day}&end=${day}`, {
      headers: { authorization: `Bearer ${created.token}` },
    });
    expect(usage.status()).toBe(200);
    expect(JSON.stringify(await usage.json())).not.toContain(testKey("admin", "tokens"));

    const listed = await owner.api.get(`/api/v1/tokens?workspaceId=${workspaceId}`);
    const body = await listed.text();
    expect(body).not.toContain(created.token.slice(-32));
    expect(JSON.parse(body).tokens[0]).toMatchObject({
      name: "Nightly report",
      status: "active",
      hint: created.hint,
      scopes: ["usage:read", "chat"],
    });
    expect(JSON.parse(body).tokens[0].lastUsedAt).not.toBeNull();

    expect((await owner.api.delete(`/api/v1/tokens/${created.id}?workspaceId=${workspaceId}`)).status()).toBe(200);
    const after = await api.get("/api/v1/cto/openai/models", { headers: { authorization: `Bearer ${created.token}` } });
    expect(after.status()).toBe(401);
    expect((await after.json()).error).toContain("revoked");
    const garbled = await api.get("/api/v1/cto/openai/models", { headers: { authorization: "Bearer oc_short" } });
    expect(garbled.status()).toBe(401);
    await api.dispose();
  });

  test("a member's token acts as that member: no admin routes, no other workspace, and an admin can revoke it", async ({ browser }) => {
    const owner = await signedUpContext(browser, "TokenAdmin");
    const member = await signedUpContext(browser, "TokenMember");
    const workspaceId = await currentWorkspaceId(owner.api);
    await addToWorkspace(owner.api, workspaceId, member, "member");
    const token = await makeToken(member.api, workspaceId, ["calls:manage", "usage:read"]);
    const api = await bare();
    const auth = { authorization: `Bearer ${token.token}` };
    expect((await api.get("/api/v1/realtime/calls", { headers: auth })).status()).toBe(200);
    const adminOnly = await api.get("/api/v1/telephony/calls", { headers: auth });
    expect(adminOnly.status()).toBe(403);
    expect((await adminOnly.json()).code).toBe("forbidden");
    const ownersWorkspace = await currentWorkspaceId(member.api);
    const elsewhere = await api.get(`/api/v1/realtime/calls?workspaceId=not-${ownersWorkspace}`, { headers: auth });
    expect(elsewhere.status()).toBe(403);

    const seenByOwner = (await (await owner.api.get(`/api/v1/tokens?workspaceId=${workspaceId}`)).json()).tokens;
    expect(seenByOwner.map((t: { id: string }) => t.id)).toContain(token.id);
    const ownTokens = (await (await member.api.get(`/api/v1/tokens?workspaceId=${workspaceId}`)).json()).tokens;
    expect(ownTokens.map((t: { id: string }) => t.id)).toEqual([token.id]);
    expect((await owner.api.delete(`/api/v1/tokens/${token.id}?workspaceId=${workspaceId}`)).status()).toBe(200);
    expect((await api.get("/api/v1/realtime/calls", { headers: auth })).status()).toBe(401);
    await api.dispose();
  });
});
