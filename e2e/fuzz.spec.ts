import { type APIRequestContext, expect, test } from "@playwright/test";
import fc from "fast-check";
import { type ZodType, z } from "zod";
import { callsQuerySchema, proxyRequestsQuerySchema } from "@/lib/calls/schemas";
import { chatMessageBodySchema } from "@/lib/chat/schemas";
import { assistantSettingsSchema, sessionChoiceSchema } from "@/lib/realtime/policy";
import { referBody, telephonySettingsBody, webhookEventSchema } from "@/lib/telephony/schemas";
import { usageQuerySchema } from "@/lib/usage/query";
import { connectorBody, workspaceQuery } from "@/lib/connectors/schemas";
import { privacySettingsBody } from "@/lib/privacy/schemas";
import { notificationSettingsBody, workspaceOnlyBody } from "@/lib/notify/schemas";
import { fallbackAllowanceBody } from "@/lib/instance/schemas";
import { pageQuery } from "@/lib/http/pagination";
import { KEY_AUDIT_PAGE, keyScopeQuery, saveKeyBody, testKeyBody } from "@/lib/vault/schemas";
import { membersQuery, projectsQuery } from "@/lib/usage/schemas";
import { openaiProjectsBody } from "@/lib/workspaces/openai-projects-schema";
import { budgetsQuery, deleteBudgetQuery, putBudgetBody } from "@/lib/budgets/schemas";
import { createTokenBody } from "@/lib/tokens/schemas";
import { mcpBody } from "@/lib/mcp/schemas";
import { TOKEN_SCOPES } from "@/db/enums";
import { chatCompletionsBody, clientSecretsBody, responsesBody } from "@/lib/gateway/schemas";
import {
  acceptInviteBody,
  changeRoleBody,
  createInviteBody,
  createWorkspaceBody,
  deleteWorkspaceBody,
  MEMBERS_PAGE,
  renameWorkspaceBody,
  switchWorkspaceBody,
} from "@/lib/workspaces/schemas";
import { apiRoutes, type ApiRoute, routeKey, routeUrl } from "./support/api-routes";
import { APP_URL } from "./support/env";
import { userWithKey } from "./support/realtime";

// Property-based fuzzing of every route of ours under app/api, signed in as a workspace owner:
// bodies and queries generated from each route's own zod schema (valid values mixed with
// hostile ones: NUL, lone surrogates, huge strings, wrong types), path parameters at random. No
// answer may be a 5xx or carry a stack trace. Auth.js's own route is not ours and not JSON.

const RUNS_PER_ROUTE = 20;

interface Fuzz {
  body?: ZodType;
  query?: ZodType;
  /** The relay takes an SDP offer and a ticket, not JSON. */
  sdp?: true;
  /** Answers 404 to anyone but the instance owner before it reads any input (fail closed). */
  instanceOwnerOnly?: true;
  /** Takes a personal access token only (the OpenAI-compatible endpoints): fuzzed with one holding every scope. */
  token?: true;
}

// Routes whose schema lives inline in the route file are mirrored here.
const FUZZ: Record<string, Fuzz> = {
  "GET health": {},
  "GET metrics": {},
  "GET v1/cto/openai/models": { query: z.object({ refresh: z.enum(["0", "1", "true", "false"]) }) },
  "GET v1/cto/openai/usage": { query: usageQuerySchema },
  "GET v1/cto/openai/projects": { query: projectsQuery },
  "GET v1/usage/members": { query: membersQuery },
  "POST v1/invites/accept": { body: acceptInviteBody },
  "PUT v1/llm/keys/[provider]": { body: saveKeyBody },
  "DELETE v1/llm/keys/[provider]": { query: keyScopeQuery },
  "POST v1/llm/keys/[provider]/test": { body: testKeyBody },
  "GET v1/llm/keys/audit": { query: pageQuery(KEY_AUDIT_PAGE) },
  "GET v1/llm/keys": {},
  "GET v1/ops/metrics": { query: z.object({ window: z.enum(["1h", "24h", "7d"]) }) },
  "POST v1/realtime/calls/[callId]/hangup": {},
  "GET v1/realtime/calls": { query: callsQuerySchema },
  "GET v1/proxy-requests": { query: proxyRequestsQuerySchema },
  "POST v1/realtime/calls": { sdp: true },
  "GET v1/realtime/settings": {},
  "PUT v1/realtime/settings": { body: assistantSettingsSchema },
  "POST v1/realtime/tickets": { body: z.object({ workspaceId: z.string() }) },
  "POST v1/realtime/token": { body: sessionChoiceSchema },
  "POST v1/chat/messages": { body: chatMessageBodySchema },
  "GET v1/chat/conversations": {},
  "GET v1/chat/conversations/[conversationId]": {},
  "DELETE v1/chat/conversations/[conversationId]": {},
  "GET v1/telephony/settings": {},
  "PUT v1/telephony/settings": { body: telephonySettingsBody },
  "GET v1/telephony/calls": {},
  "POST v1/telephony/calls/[callId]/refer": { body: referBody },
  "POST v1/telephony/webhook/[workspaceId]": { body: webhookEventSchema },
  "DELETE v1/workspace/invites/[inviteId]": {},
  "GET v1/workspace/invites": {},
  "POST v1/workspace/invites": { body: createInviteBody },
  "PATCH v1/workspace/members/[userId]": { body: changeRoleBody },
  "DELETE v1/workspace/members/[userId]": {},
  "GET v1/workspace/members": { query: pageQuery(MEMBERS_PAGE) },
  "GET v1/workspace": {},
  "PATCH v1/workspace": { body: renameWorkspaceBody },
  // The fuzzer never types the workspace's exact name, so the owner's workspace survives it.
  "DELETE v1/workspace": { body: deleteWorkspaceBody },
  "GET v1/workspaces": {},
  "POST v1/workspaces": { body: createWorkspaceBody },
  "POST v1/workspaces/switch": { body: switchWorkspaceBody },
  "GET cron/reap-calls": {},
  "GET v1/instance/workspaces": { instanceOwnerOnly: true },
  "PATCH v1/instance/workspaces": { body: fallbackAllowanceBody, instanceOwnerOnly: true },
  "DELETE v1/llm/keys/undecryptable": {},
  "POST v1/workspace/members/[userId]/reset-link": {},
  "GET v1/workspace/openai-projects": {},
  "PUT v1/workspace/openai-projects": { body: openaiProjectsBody },
  "GET v1/workspace/notifications": {},
  "PUT v1/workspace/notifications": { body: notificationSettingsBody },
  "POST v1/workspace/notifications/webhook-secret": { body: workspaceOnlyBody },
  "POST v1/workspace/notifications/test": { body: workspaceOnlyBody },
  "GET v1/workspace/budgets": { query: budgetsQuery },
  "PUT v1/workspace/budgets": { body: putBudgetBody },
  "DELETE v1/workspace/budgets": { query: deleteBudgetQuery },
  "GET v1/tokens": {},
  "POST v1/tokens": { body: createTokenBody },
  "DELETE v1/tokens/[tokenId]": {},
  "GET v1/workspace/connectors": {},
  "POST v1/workspace/connectors": { body: connectorBody },
  "PUT v1/workspace/connectors/[connectorId]": { body: connectorBody },
  "DELETE v1/workspace/connectors/[connectorId]": { query: workspaceQuery },
  "GET v1/workspace/privacy": {},
  "PUT v1/workspace/privacy": { body: privacySettingsBody },
  "GET v1/realtime/traces": {},
  "GET v1/realtime/traces/[callId]": {},
  "POST mcp": { body: mcpBody },
  "POST openai/v1/chat/completions": { body: chatCompletionsBody, token: true },
  "POST openai/v1/responses": { body: responsesBody, token: true },
  "GET openai/v1/models": { token: true },
  "POST openai/v1/realtime/client_secrets": { body: clientSecretsBody, token: true },
};

/** The fuzzing owner's token with every scope, for the routes that take nothing else. */
async function everyScopeToken(api: APIRequestContext, workspaceId: string): Promise<string> {
  const res = await api.post("/api/v1/tokens", { data: { workspaceId, name: "Fuzz", scopes: TOKEN_SCOPES, expiresInDays: 1 } });
  expect(res.status()).toBe(201);
  return (await res.json()).token.token;
}

/** An error answer's message, in our envelope or OpenAI's (/api/openai/v1). */
const errorMessage = (body: { error?: string | { message?: string } }) =>
  typeof body.error === "string" ? body.error : body.error?.message;

const fuzzedRoutes = () => apiRoutes().filter((r) => !r.pattern.startsWith("auth/"));

// Strings a careless server chokes on; short enough for a URL (Node refuses request heads over 16 KiB).
const hostileString = fc.oneof(
  fc.constantFrom("\u0000", "a\u0000b", "", " ", "\uD800", "\uDFFF\uD800", "%00", "../../etc/passwd", "' or 1=1 --", "<script>", "null"),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
);
const hostileValue = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);
/** In a body there is room for more. */
const hostileBodyValue = fc.oneof({ weight: 6, arbitrary: hostileValue }, fc.constant("x".repeat(5000)));

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

const isoDay = fc
  .date({ min: new Date("2019-06-01"), max: new Date("2027-06-01"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** A value that fits the property's schema (so handlers run past validation), for a named property. */
function fitting(name: string, s: JsonSchema): fc.Arbitrary<unknown> {
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.type === "boolean") return fc.boolean();
  if (s.type === "integer") return fc.integer({ min: Math.ceil(s.minimum ?? -1e6), max: Math.floor(s.maximum ?? 1e6) });
  if (s.type === "number") return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true });
  if (s.type === "array") return s.items?.enum ? fc.subarray(s.items.enum) : fc.array(fitting(name, s.items ?? {}), { maxLength: 3 });
  if (name === "email") return fc.emailAddress();
  if (s.pattern?.includes("\\d{4}-\\d{2}-\\d{2}")) return isoDay;
  return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 60, 60) });
}

/** Objects with the schema's properties, each fitting or hostile or missing, sometimes with extra keys. */
function objectFor(
  schema: ZodType | undefined,
  extra: Record<string, fc.Arbitrary<unknown>>,
  hostile: fc.Arbitrary<unknown>,
): fc.Arbitrary<Record<string, unknown>> {
  const json = schema ? (z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema) : {};
  const fields: Record<string, fc.Arbitrary<unknown>> = { ...extra };
  for (const [name, property] of Object.entries(json.properties ?? {})) fields[name] = fc.oneof(fitting(name, property), hostile);
  return fc
    .tuple(fc.record(fields, { requiredKeys: [] }), fc.dictionary(hostileString, hostile, { maxKeys: 2 }))
    .map(([known, unknown]) => ({
      ...unknown,
      ...known,
    }));
}

const asQuery = (values: Record<string, unknown>) =>
  new URLSearchParams(Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? v : (JSON.stringify(v) ?? "")])).toString();

function requestFor(
  route: ApiRoute,
  workspaceId: string,
  token: string,
): fc.Arbitrary<{ url: string; data?: unknown; headers: Record<string, string> }> {
  const spec = FUZZ[routeKey(route)] ?? {};
  const workspace = fc.oneof(fc.constant(workspaceId), hostileString);
  const paramNames = [...route.pattern.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!);
  const params = fc.record(
    Object.fromEntries(paramNames.map((n) => [n, fc.oneof(fc.constantFrom("openai", "openai-admin"), hostileString)])),
  );
  const query = objectFor(spec.query, { workspaceId: workspace }, hostileValue);
  const headers: Record<string, string> = spec.token ? { origin: APP_URL, authorization: `Bearer ${token}` } : { origin: APP_URL };
  if (spec.sdp)
    return fc
      .tuple(query, fc.string({ unit: "binary", maxLength: 400 }), fc.string({ minLength: 1, maxLength: 60 }))
      .map(([q, sdp, ticket]) => ({
        url: `${routeUrl(route.pattern)}?${asQuery(q)}`,
        data: sdp,
        // Header values must be printable: HTTP itself cannot carry NUL there.
        headers: { ...headers, "content-type": "application/sdp", authorization: `Bearer ek_oc_${encodeURIComponent(ticket)}` },
      }));
  const body =
    route.method === "GET"
      ? fc.constant(undefined)
      : fc.oneof({ weight: 4, arbitrary: objectFor(spec.body, { workspaceId: workspace }, hostileBodyValue) }, fc.jsonValue());
  return fc.tuple(params, query, body).map(([p, q, data]) => ({
    url: `${routeUrl(route.pattern, p as Record<string, string>).replace(/\/\.\.?(?=\/|$)/g, "/x")}?${asQuery(q)}`,
    data,
    headers: data === undefined ? headers : { ...headers, "content-type": "application/json" },
  }));
}

const STACK = /\n\s+at .+:\d+|node_modules\/|\.tsx?:\d+:\d+|webpack-internal|TypeError:|ReferenceError:/;

async function send(api: APIRequestContext, method: string, r: { url: string; data?: unknown; headers: Record<string, string> }) {
  const res = await api.fetch(r.url, {
    method,
    headers: r.headers,
    data: r.data === undefined ? undefined : typeof r.data === "string" ? r.data : JSON.stringify(r.data),
    maxRedirects: 0,
  });
  return { status: res.status(), text: await res.text() };
}

test("every route of ours has a fuzz entry", () => {
  const found = fuzzedRoutes().map(routeKey);
  expect(
    found.filter((key) => !(key in FUZZ)),
    "routes without a fuzz entry: add them to FUZZ",
  ).toEqual([]);
  expect(
    Object.keys(FUZZ).filter((key) => !found.includes(key)),
    "entries for routes that no longer exist",
  ).toEqual([]);
});

test("methods Next.js does not route get 405 JSON, and an impossible usage date a 400, never a 5xx", async ({ browser }) => {
  const owner = await userWithKey(browser, "Methods");
  // Methods Node's HTTP parser itself does not know (TRACK, FOO) never reach the server: Node answers 400.
  for (const method of ["TRACE", "PROPFIND", "PURGE"])
    for (const path of ["/api/v1/workspaces", "/api/health", "/login"]) {
      const res = await owner.api.fetch(path, { method });
      expect(res.status(), `${method} ${path}`).toBe(405);
      expect(res.headers().allow).toContain("POST");
      expect(await res.json()).toMatchObject({ code: "method_not_allowed", status: 405, requestId: expect.any(String) });
    }
  for (const [start, message] of [
    ["0000-01-01", "start must be 2020-01-01 or later."],
    ["1969-12-31", "start must be 2020-01-01 or later."],
    ["9999-12-30", "start must not be in the future."],
  ]) {
    const res = await owner.api.get(`/api/v1/cto/openai/usage?start=${start}&end=${start}`);
    expect(res.status(), start).toBe(400);
    expect((await res.json()).error).toContain(message);
  }
});

test("a NUL character in a query, a path parameter or any JSON string field is refused with 400", async ({ browser }) => {
  const owner = await userWithKey(browser, "Nul");
  const token = await everyScopeToken(owner.api, owner.workspaceId);
  const checked: string[] = [];
  for (const route of fuzzedRoutes()) {
    const spec = FUZZ[routeKey(route)] ?? {};
    if (spec.sdp || spec.instanceOwnerOnly) continue;
    const params = Object.fromEntries([...route.pattern.matchAll(/\[([^\]]+)\]/g)].map((m) => [m[1]!, "openai"]));
    const json = {
      origin: APP_URL,
      "content-type": "application/json",
      ...(spec.token ? { authorization: `Bearer ${token}` } : {}),
    };
    const cases: Array<{ what: string; url: string; data?: string }> = [
      { what: "query", url: `${routeUrl(route.pattern, params)}?workspaceId=${encodeURIComponent(`${owner.workspaceId}\u0000`)}` },
    ];
    for (const name of Object.keys(params))
      cases.push({ what: `path ${name}`, url: routeUrl(route.pattern, { ...params, [name]: "open\u0000ai" }) });
    const properties = spec.body
      ? Object.keys((z.toJSONSchema(spec.body, { io: "input", unrepresentable: "any" }) as JsonSchema).properties ?? {})
      : [];
    for (const name of [...properties, "workspaceId"])
      if (spec.body)
        cases.push({ what: `body ${name}`, url: routeUrl(route.pattern, params), data: JSON.stringify({ [name]: "x\u0000y" }) });
    for (const c of cases) {
      const res = await owner.api.fetch(c.url, { method: route.method, headers: json, data: c.data });
      expect(res.status(), `${routeKey(route)} ${c.what}: ${await res.text()}`).toBe(400);
      expect(errorMessage(await res.json())).toMatch(/NUL character/);
      checked.push(`${routeKey(route)} ${c.what}`);
    }
  }
  console.log(`NUL refused with 400 in ${checked.length} places`);
  expect(checked.length).toBeGreaterThan(40);
});

test("fuzzed requests to every route: no 5xx and no stack trace", async ({ browser }) => {
  test.setTimeout(240_000);
  const owner = await userWithKey(browser, "Fuzz");
  const token = await everyScopeToken(owner.api, owner.workspaceId);
  const started = Date.now();
  const counts = new Map<number, number>();
  let total = 0;
  for (const route of fuzzedRoutes()) {
    await fc.assert(
      fc.asyncProperty(requestFor(route, owner.workspaceId, token), async (r) => {
        const { status, text } = await send(owner.api, route.method, r);
        total++;
        counts.set(status, (counts.get(status) ?? 0) + 1);
        expect(status, `${route.method} ${r.url} ${JSON.stringify(r.data)?.slice(0, 200)} → ${text.slice(0, 300)}`).toBeLessThan(500);
        expect(text).not.toMatch(STACK);
      }),
      { numRuns: RUNS_PER_ROUTE },
    );
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `fuzz: ${total} requests over ${fuzzedRoutes().length} route methods in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...counts].sort()))}`,
  );
  expect(total).toBe(fuzzedRoutes().length * RUNS_PER_ROUTE);
});
