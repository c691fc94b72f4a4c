import { type APIRequestContext, expect, test } from "@playwright/test";
import { apiRoutes, routeKey, routeUrl } from "./support/api-routes";
import { type Cast, castOfUsers, ensureExtraIsMember } from "./support/cast";
import { APP_URL } from "./support/env";
import { testKey } from "./support/keys";
import { sdpOffer } from "./support/realtime";

// Every route file under app/api × every method it exports × five callers, against the status
// each caller must get. A route (or method) without a row fails the first test: add the row
// when you add the route. The callers act on workspace W (`?workspaceId=W` on every request);
// the admin of another workspace names W too, so every answer it gets is about a workspace it
// does not belong to.

const CALLERS = ["anonymous", "member", "otherAdmin", "admin", "owner"] as const;
type Caller = (typeof CALLERS)[number];

/** Expected statuses, in the order anonymous, member, admin, owner, admin of another workspace. */
const statuses = (anonymous: number, member: number, admin: number, owner: number, otherAdmin: number): Record<Caller, number> => ({
  anonymous,
  member,
  admin,
  owner,
  otherAdmin,
});
const everyone = (status: number) => statuses(status, status, status, status, status);
/** Any member of W may call; another workspace's admin is told W does not exist. */
const MEMBERS = statuses(401, 200, 200, 200, 404);
/** Admins and owners of W only. */
const ADMINS = (ok: number) => statuses(401, 403, ok, ok, 404);

interface Row {
  params?: (cast: Cast, caller: Caller) => Record<string, string> | Promise<Record<string, string>>;
  query?: Record<string, string>;
  body?: (cast: Cast, caller: Caller) => unknown | Promise<unknown>;
  form?: Record<string, string>;
  headers?: (cast: Cast, caller: Caller) => Record<string, string> | Promise<Record<string, string>>;
  expect: Record<Caller, number>;
}

const api = (cast: Cast, caller: Exclude<Caller, "anonymous">): APIRequestContext => cast[caller].api;

/** A relay ticket of the caller, for the workspace they act in (another workspace's admin: their own). */
async function ticketOf(cast: Cast, caller: Caller): Promise<string | null> {
  if (caller === "anonymous") return null;
  const workspaceId = caller === "otherAdmin" ? cast.otherWorkspaceId : cast.workspaceId;
  const res = await api(cast, caller).post("/api/v1/realtime/tickets", { data: { workspaceId } });
  expect(res.status(), `${caller} ticket`).toBe(201);
  return (await res.json()).ticket;
}

async function freshInvite(cast: Cast): Promise<string> {
  const res = await cast.owner.api.post("/api/v1/workspace/invites", {
    data: { workspaceId: cast.workspaceId, email: `revoke-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com` },
  });
  expect(res.status()).toBe(201);
  return (await res.json()).invite.id;
}

/** A connector the owner has just registered in W. */
async function freshConnector(cast: Cast): Promise<string> {
  const res = await cast.owner.api.post("/api/v1/workspace/connectors", {
    data: {
      workspaceId: cast.workspaceId,
      label: `c${Date.now()}${Math.random().toString(36).slice(2, 7)}`,
      url: "https://mcp.example.com/mcp",
      approval: "always",
    },
  });
  expect(res.status()).toBe(201);
  return (await res.json()).connector.id;
}

/** The owner's call in W, made once: members who did not place it may not hang it up, admins may. */
let ownersCall: Promise<string> | undefined;
function ownerCallId(cast: Cast): Promise<string> {
  ownersCall ??= (async () => {
    const offer = await sdpOffer(); // before the ticket, which lives seconds in e2e
    const ticket = await ticketOf(cast, "owner");
    const res = await cast.owner.api.post(`/api/v1/realtime/calls?workspaceId=${cast.workspaceId}`, {
      headers: { "content-type": "application/sdp", authorization: `Bearer ${ticket}`, origin: APP_URL },
      data: offer,
    });
    expect(res.status()).toBe(201);
    return res.headers().location!.split("/").pop()!;
  })();
  return ownersCall;
}

/** A chat conversation of the owner's in W, made once: nobody else may read or delete it. */
let ownersConversation: Promise<string> | undefined;
function ownerConversationId(cast: Cast): Promise<string> {
  ownersConversation ??= (async () => {
    const res = await cast.owner.api.post(`/api/v1/chat/messages?workspaceId=${cast.workspaceId}`, {
      headers: { origin: APP_URL },
      data: { text: "which models do we have?" },
    });
    expect(res.status()).toBe(200);
    return /"conversation":\{"id":"([^"]+)"/.exec(await res.text())![1]!;
  })();
  return ownersConversation;
}

let settings: Promise<unknown> | undefined;
const currentSettings = (cast: Cast) => {
  settings ??= cast.owner.api.get(`/api/v1/realtime/settings?workspaceId=${cast.workspaceId}`).then(async (r) => (await r.json()).settings);
  return settings;
};

const recentDay = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

// Run in this order; destructive rows (a removed member, a deleted key) come after the rows that need what they remove.
const MATRIX: Record<string, Row> = {
  "GET auth/[...nextauth]": { params: () => ({ nextauth: "session" }), expect: everyone(200) },
  // Auth.js refuses a POST without its own CSRF token by redirecting to the login page.
  "POST auth/[...nextauth]": { params: () => ({ nextauth: "signout" }), form: { callbackUrl: "/" }, expect: everyone(302) },
  "GET health": { expect: everyone(200) },
  // Answers only to the METRICS_TOKEN bearer; a session cookie is no such thing.
  "GET metrics": { expect: everyone(401) },
  "GET v1/workspace": { expect: MEMBERS },
  "GET v1/workspace/openai-projects": { expect: MEMBERS },
  "PUT v1/workspace/openai-projects": { body: () => ({ projectIds: [] }), expect: ADMINS(200) },
  // Alert settings are admin data (who gets paged, the webhook). With no webhook saved there is no
  // secret to generate and nothing to send a test to: admins get 400 (e2e/alerts.spec.ts sends them).
  "GET v1/workspace/notifications": { expect: ADMINS(200) },
  "PUT v1/workspace/notifications": { body: () => ({ emails: [], webhookUrl: null }), expect: ADMINS(200) },
  "POST v1/workspace/notifications/webhook-secret": { body: () => ({}), expect: ADMINS(400) },
  "POST v1/workspace/notifications/test": { body: () => ({}), expect: ADMINS(400) },
  // The instance owner only (the suite's first account, made by e2e/global-setup.ts); anyone else: 404.
  "GET v1/instance/workspaces": { expect: statuses(401, 404, 404, 404, 404) },
  "PATCH v1/instance/workspaces": {
    body: (cast) => ({ workspaceId: cast.workspaceId, fallbackKeysAllowed: true }),
    expect: statuses(401, 404, 404, 404, 404),
  },
  // Vercel Cron's route answers only to CRON_SECRET, which the suite's server does not set.
  "GET cron/reap-calls": { expect: everyone(404) },
  "DELETE v1/llm/keys/undecryptable": { expect: ADMINS(200) },
  "GET v1/workspaces": { expect: statuses(401, 200, 200, 200, 200) },
  "GET v1/workspace/members": { expect: MEMBERS },
  "GET v1/workspace/invites": { expect: ADMINS(200) },
  "GET v1/llm/keys": { expect: MEMBERS },
  "GET v1/llm/keys/audit": { expect: ADMINS(200) },
  "GET v1/ops/metrics": { expect: MEMBERS },
  "GET v1/realtime/settings": { expect: MEMBERS },
  "GET v1/realtime/calls": { expect: MEMBERS },
  "GET v1/proxy-requests": { expect: MEMBERS },
  // A member's chats are theirs alone: admins and owners of W included, everyone else's answer is 404.
  "GET v1/chat/conversations": { expect: MEMBERS },
  "POST v1/chat/messages": { body: () => ({ text: "any 429s?" }), expect: MEMBERS },
  "GET v1/chat/conversations/[conversationId]": {
    params: async (cast) => ({ conversationId: await ownerConversationId(cast) }),
    expect: statuses(401, 404, 404, 200, 404),
  },
  "GET v1/cto/openai/models": { expect: MEMBERS },
  // Unmapped to OpenAI projects, organisation-wide usage is admin data: members are told so.
  "GET v1/cto/openai/usage": { query: { start: recentDay(6), end: recentDay(0) }, expect: statuses(401, 403, 200, 200, 404) },
  // The organisation's project names are admin data, like organisation-wide usage.
  "GET v1/cto/openai/projects": { expect: ADMINS(200) },
  // Our own ledger: admins see every member, a member only themselves.
  "GET v1/usage/members": { query: { start: recentDay(6), end: recentDay(0) }, expect: MEMBERS },
  "POST v1/llm/keys/[provider]/test": { params: () => ({ provider: "openai" }), body: () => ({ scope: "workspace" }), expect: MEMBERS },
  // A new workspace hands out no OpenAI client secrets (an admin opt-in; key-scope.spec.ts mints once allowed).
  "POST v1/realtime/token": { body: () => ({}), expect: statuses(401, 403, 403, 403, 404) },
  "POST v1/realtime/tickets": { body: () => ({}), expect: statuses(401, 201, 201, 201, 404) },
  // The relay takes the cookie plus a one-use ticket; another workspace's ticket is bound to that workspace.
  "POST v1/realtime/calls": {
    headers: async (cast, caller) => {
      const ticket = await ticketOf(cast, caller);
      return { "content-type": "application/sdp", ...(ticket ? { authorization: `Bearer ${ticket}` } : {}) };
    },
    body: () => sdpOffer(),
    expect: statuses(401, 201, 201, 201, 403),
  },
  "POST v1/realtime/calls/[callId]/hangup": {
    params: async (cast) => ({ callId: await ownerCallId(cast) }),
    body: () => ({}),
    expect: statuses(401, 403, 200, 200, 404),
  },
  "GET v1/workspace/budgets": { expect: MEMBERS },
  "PUT v1/workspace/budgets": { body: () => ({ limitUsd: 1000 }), expect: ADMINS(200) },
  // Each caller removes a workspace budget the owner has just set.
  "DELETE v1/workspace/budgets": {
    params: async (cast) => {
      const res = await cast.owner.api.put("/api/v1/workspace/budgets", {
        data: { workspaceId: cast.workspaceId, limitUsd: 1000 },
      });
      expect(res.status()).toBe(200);
      return {};
    },
    expect: ADMINS(200),
  },
  "PUT v1/realtime/settings": { body: (cast) => currentSettings(cast), expect: ADMINS(200) },
  // Personal access tokens: any member makes and lists their own; admins list and revoke everyone's.
  "GET v1/tokens": { expect: MEMBERS },
  "POST v1/tokens": {
    body: (_cast, caller) => ({ name: `Authz ${caller}`, scopes: ["usage:read"] }),
    expect: statuses(401, 201, 201, 201, 404),
  },
  // Each caller revokes a token the owner has just made: a member may not see it.
  "DELETE v1/tokens/[tokenId]": {
    params: async (cast) => {
      const res = await cast.owner.api.post("/api/v1/tokens", {
        data: { workspaceId: cast.workspaceId, name: "Owner's", scopes: ["chat"] },
      });
      expect(res.status()).toBe(201);
      return { tokenId: (await res.json()).token.id };
    },
    expect: statuses(401, 404, 200, 200, 404),
  },
  "DELETE v1/chat/conversations/[conversationId]": {
    params: async (cast) => ({ conversationId: await ownerConversationId(cast) }),
    expect: statuses(401, 404, 404, 200, 404),
  },
  // The MCP server takes API tokens only (e2e/mcp.spec.ts): a signed-in member's cookie is refused after admission.
  "POST mcp": {
    body: () => ({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    headers: () => ({ accept: "application/json, text/event-stream" }),
    expect: statuses(401, 401, 401, 401, 404),
  },
  // The OpenAI-compatible endpoints are for code: a personal access token is their only credential
  // (e2e/openai-gateway.spec.ts, e2e/api-tokens.spec.ts), and a session cookie is none.
  "POST openai/v1/chat/completions": {
    body: () => ({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }),
    expect: everyone(401),
  },
  "POST openai/v1/responses": { body: () => ({ model: "gpt-4o-mini", input: "hi" }), expect: everyone(401) },
  "GET openai/v1/models": { expect: everyone(401) },
  "POST openai/v1/realtime/client_secrets": { body: () => ({}), expect: everyone(401) },
  "GET v1/telephony/settings": { expect: ADMINS(200) },
  "PUT v1/telephony/settings": {
    body: () => ({
      secret: `whsec_${Buffer.from("authz-fake-signing-secret").toString("base64")}`,
      defaultAction: "accept",
      allowPrefixes: [],
      denyPrefixes: [],
      referTarget: null,
      rejectStatus: 603,
    }),
    expect: ADMINS(200),
  },
  "GET v1/telephony/calls": { expect: ADMINS(200) },
  "GET v1/workspace/connectors": { expect: ADMINS(200) },
  "POST v1/workspace/connectors": {
    body: (_cast, caller) => ({ label: `authz-${caller}-${Date.now()}`, url: "https://mcp.example.com/mcp", approval: "always" }),
    expect: ADMINS(201),
  },
  "PUT v1/workspace/connectors/[connectorId]": {
    params: async (cast) => ({ connectorId: await freshConnector(cast) }),
    body: (_cast, caller) => ({ label: `authz-put-${caller}-${Date.now()}`, url: "https://mcp.example.com/mcp", approval: "never" }),
    expect: ADMINS(200),
  },
  "DELETE v1/workspace/connectors/[connectorId]": {
    params: async (cast) => ({ connectorId: await freshConnector(cast) }),
    expect: ADMINS(200),
  },
  "GET v1/workspace/privacy": { expect: ADMINS(200) },
  "PUT v1/workspace/privacy": { body: () => ({ privacy: false, trace: false, traceDays: 7 }), expect: ADMINS(200) },
  "GET v1/realtime/traces": { expect: ADMINS(200) },
  "GET v1/realtime/traces/[callId]": { params: () => ({ callId: "rtc_authz_no_such_call" }), expect: ADMINS(404) },
  "POST v1/telephony/calls/[callId]/refer": { params: () => ({ callId: "rtc_authz_no_such_call" }), body: () => ({}), expect: ADMINS(404) },
  // Public: the Standard Webhooks signature is the credential, and a session cookie is none (telephony.spec.ts signs real ones).
  "POST v1/telephony/webhook/[workspaceId]": {
    params: (cast) => ({ workspaceId: cast.workspaceId }),
    body: () => ({}),
    expect: everyone(401),
  },
  "PATCH v1/workspace": { body: () => ({ name: "Authz workspace" }), expect: ADMINS(200) },
  "POST v1/workspace/invites": {
    body: (_cast, caller) => ({ email: `invitee-${caller}-${Date.now()}@example.com`, role: "member" }),
    expect: ADMINS(201),
  },
  "DELETE v1/workspace/invites/[inviteId]": { params: async (cast) => ({ inviteId: await freshInvite(cast) }), expect: ADMINS(200) },
  "POST v1/invites/accept": { body: () => ({ token: "not-a-real-invite-token" }), expect: statuses(401, 404, 404, 404, 404) },
  "POST v1/workspaces": { body: (_cast, caller) => ({ name: `Made by ${caller}` }), expect: statuses(401, 201, 201, 201, 201) },
  "POST v1/workspaces/switch": { body: (cast) => ({ workspaceId: cast.workspaceId }), expect: MEMBERS },
  "PATCH v1/workspace/members/[userId]": {
    params: (cast) => ({ userId: cast.extra.userId }),
    body: () => ({ role: "member" }),
    expect: ADMINS(200),
  },
  "POST v1/workspace/members/[userId]/reset-link": {
    params: async (cast) => {
      await ensureExtraIsMember(cast);
      return { userId: cast.extra.userId };
    },
    body: () => ({}),
    expect: ADMINS(201),
  },
  "DELETE v1/workspace/members/[userId]": {
    params: async (cast) => {
      await ensureExtraIsMember(cast);
      return { userId: cast.extra.userId };
    },
    expect: ADMINS(200),
  },
  "PUT v1/llm/keys/[provider]": {
    params: () => ({ provider: "openai" }),
    body: () => ({ apiKey: testKey("standard", "authz"), scope: "workspace", verify: false }),
    expect: ADMINS(200),
  },
  // Near the end: it deletes the workspace's admin key, which the usage row needs.
  "DELETE v1/llm/keys/[provider]": { params: () => ({ provider: "openai-admin" }), query: { scope: "workspace" }, expect: ADMINS(200) },
  // Last of all: the owner (the last caller) deletes W. Owners only, with W's name typed.
  "DELETE v1/workspace": {
    body: async (cast) => ({
      confirmName: (await (await cast.owner.api.get(`/api/v1/workspace?workspaceId=${cast.workspaceId}`)).json()).workspace.name,
    }),
    expect: statuses(401, 403, 403, 200, 404),
  },
};

test("every route file and method under app/api has a row in the authorization matrix", () => {
  const found = apiRoutes().map(routeKey);
  expect(found.length).toBeGreaterThan(20);
  expect(
    found.filter((key) => !(key in MATRIX)),
    "routes without a row: add them to MATRIX",
  ).toEqual([]);
  expect(
    Object.keys(MATRIX).filter((key) => !found.includes(key)),
    "rows for routes that no longer exist",
  ).toEqual([]);
});

test("each caller gets the expected status from every route", async ({ browser, playwright }) => {
  test.setTimeout(180_000);
  const cast = await castOfUsers(browser);
  const anonymous = await playwright.request.newContext({ baseURL: APP_URL });
  const failures: string[] = [];
  let cells = 0;
  for (const [key, row] of Object.entries(MATRIX)) {
    const [method, pattern] = key.split(" ") as [string, string];
    for (const caller of CALLERS) {
      const params = (await row.params?.(cast, caller)) ?? {};
      const query = new URLSearchParams({ workspaceId: cast.workspaceId, ...row.query });
      const url = `${routeUrl(pattern, params)}?${query}`;
      const headers = { origin: APP_URL, ...(await row.headers?.(cast, caller)) };
      const data = await row.body?.(cast, caller);
      const context = caller === "anonymous" ? anonymous : api(cast, caller);
      const res = await context.fetch(url, { method, headers, data, form: row.form, maxRedirects: 0 });
      cells++;
      const text = await res.text();
      if (res.status() !== row.expect[caller])
        failures.push(`${key} as ${caller}: ${res.status()} (expected ${row.expect[caller]}) ${text.slice(0, 160)}`);
      else if (res.status() >= 400 && pattern.startsWith("openai/"))
        // The OpenAI-compatible endpoints answer in OpenAI's error shape, which the openai SDK reads.
        expect(JSON.parse(text), `${key} as ${caller}: OpenAI error shape`).toMatchObject({
          error: { message: expect.any(String), type: expect.any(String), code: expect.any(String) },
        });
      else if (res.status() >= 400 && !pattern.startsWith("auth/"))
        expect(JSON.parse(text), `${key} as ${caller}: error envelope`).toMatchObject({ status: res.status(), code: expect.any(String) });
    }
  }
  console.log(`authorization matrix: ${Object.keys(MATRIX).length} route methods × ${CALLERS.length} callers = ${cells} requests`);
  expect(failures).toEqual([]);
  expect(cells).toBe(Object.keys(MATRIX).length * CALLERS.length);
});
