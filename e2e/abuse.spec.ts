import http from "node:http";
import type { AddressInfo } from "node:net";
import { type APIRequestContext, type BrowserContext, expect, test } from "@playwright/test";
import { addToWorkspace } from "./support/cast";
import { APP_URL } from "./support/env";
import { currentWorkspaceId, testKey } from "./support/keys";
import { fake, userWithKey } from "./support/realtime";
import { signedUpContext } from "./support/users";

// The stranger's view of the dashboard: what a foreign page, a text/plain post, a newcomer who
// signed themselves up, and an old cookie can do. Each test checks the refusal and that nothing
// changed behind it.

/**
 * A page on another port of the same host: same site as the dashboard (its SameSite=Lax cookie
 * goes along), another origin. A real local server, so Chromium sees a loopback page calling a
 * loopback address (a page.route page counts as public and is stopped by Local Network Access).
 */
async function evilSite(): Promise<{ origin: string; close(): void }> {
  const server = http.createServer((_req, res) =>
    res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>Win a prize</title>"),
  );
  await new Promise<void>((resolve) => server.listen(0, "localhost", resolve));
  return { origin: `http://localhost:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

async function sessionCookie(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === "authjs.session-token");
  expect(cookie?.value).toBeTruthy();
  return `${cookie!.name}=${cookie!.value}`;
}

/** What the three state changes of the attack would have changed. */
async function snapshot(api: APIRequestContext, workspaceId: string) {
  return {
    invites: (await (await api.get(`/api/v1/workspace/invites?workspaceId=${workspaceId}`)).json()).invites,
    current: await currentWorkspaceId(api),
    secrets: (await fake.issued()).length,
  };
}

/** An owner with a key in workspace W, and a second workspace to be switched to. */
async function victim(browser: Parameters<typeof userWithKey>[0]) {
  const owner = await userWithKey(browser, "Victim");
  const other = await owner.api.post("/api/v1/workspaces", { data: { name: "Victim's second" } });
  expect(other.status()).toBe(201);
  const otherWorkspaceId = (await other.json()).workspace.id;
  expect((await owner.api.post("/api/v1/workspaces/switch", { data: { workspaceId: owner.workspaceId } })).status()).toBe(200);
  return { ...owner, otherWorkspaceId };
}

const ATTACKS = (v: { workspaceId: string; otherWorkspaceId: string }) => [
  { path: "/api/v1/workspace/invites", body: { workspaceId: v.workspaceId, email: "attacker@evil.example", role: "admin" } },
  { path: "/api/v1/workspaces/switch", body: { workspaceId: v.otherWorkspaceId } },
  { path: "/api/v1/realtime/token", body: { workspaceId: v.workspaceId } },
];

test("a foreign page on the same site cannot invite, switch workspace or mint a token with the owner's cookie", async ({ browser }) => {
  const owner = await victim(browser);
  const before = await snapshot(owner.api, owner.workspaceId);
  const page = await owner.context.newPage();
  const evil = await evilSite();
  await page.goto(`${evil.origin}/prize`);

  const fromEvil = async (method: string, path: string, body?: string) => {
    // A "simple" request: no preflight, the cookie attached. The page cannot read the answer; we can.
    const [response] = await Promise.all([
      page.waitForResponse(`${APP_URL}${path}`),
      page.evaluate(
        ({ url, method, body }) =>
          fetch(url, {
            method,
            mode: "no-cors",
            credentials: "include",
            headers: body ? { "content-type": "text/plain" } : {},
            body,
          }).catch(() => null),
        { url: `${APP_URL}${path}`, method, body },
      ),
    ]);
    return response;
  };
  // The owner's cookie does go along from this page: a read is answered as the owner.
  expect((await fromEvil("GET", "/api/v1/workspace")).status()).toBe(200);
  for (const attack of ATTACKS(owner)) {
    const response = await fromEvil("POST", attack.path, JSON.stringify(attack.body));
    // The owner may do all three, so a 403 is the origin check's (the opaque body stays unreadable here).
    expect(response.status(), attack.path).toBe(403);
  }
  evil.close();
  expect(await snapshot(owner.api, owner.workspaceId)).toEqual(before);
});

test("cross-origin or text/plain posts are refused whatever the cookie, and change nothing", async ({ browser }) => {
  const owner = await victim(browser);
  const before = await snapshot(owner.api, owner.workspaceId);
  for (const attack of ATTACKS(owner)) {
    const json = { "content-type": "application/json" };
    const foreign = await owner.api.post(attack.path, { headers: { ...json, origin: "https://evil.example" }, data: attack.body });
    expect(foreign.status(), `${attack.path} from another origin`).toBe(403);
    expect((await foreign.json()).code).toBe("cross_origin");

    const subdomain = await owner.api.post(attack.path, {
      headers: { ...json, origin: `http://evil.${new URL(APP_URL).host}` },
      data: attack.body,
    });
    expect(subdomain.status(), `${attack.path} from a subdomain`).toBe(403);

    // No Origin but a browser's Sec-Fetch-Site saying it came from elsewhere.
    const crossSite = await owner.api.post(attack.path, { headers: { ...json, "sec-fetch-site": "cross-site" }, data: attack.body });
    expect(crossSite.status(), `${attack.path} cross-site without Origin`).toBe(403);

    const plain = await owner.api.post(attack.path, {
      headers: { "content-type": "text/plain", origin: APP_URL },
      data: JSON.stringify(attack.body),
    });
    expect(plain.status(), `${attack.path} as text/plain`).toBe(415);
    expect(await plain.json()).toMatchObject({ code: "unsupported_media_type", status: 415 });

    const form = await owner.api.post(attack.path, { headers: { origin: APP_URL }, form: { workspaceId: owner.workspaceId } });
    expect(form.status(), `${attack.path} as a form`).toBe(415);
  }
  expect(await snapshot(owner.api, owner.workspaceId)).toEqual(before);

  // The same requests from the dashboard itself go through: the refusals above were about origin and type.
  const invite = await owner.api.post("/api/v1/workspace/invites", {
    headers: { origin: APP_URL },
    data: { workspaceId: owner.workspaceId, email: "colleague@example.com", role: "member" },
  });
  expect(invite.status()).toBe(201);
});

test("a stranger who signed up gets nothing of another workspace: token, usage, keys and ids all refused", async ({ browser }) => {
  const owner = await userWithKey(browser, "Target");
  const adminKey = await owner.api.put("/api/v1/llm/keys/openai-admin", {
    data: { workspaceId: owner.workspaceId, apiKey: testKey("admin") },
  });
  expect(adminKey.status()).toBe(200);
  const invite = await owner.api.post("/api/v1/workspace/invites", {
    data: { workspaceId: owner.workspaceId, email: "pending@example.com" },
  });
  const inviteId = (await invite.json()).invite.id;
  const ownerName = (await (await owner.api.get("/api/v1/workspace")).json()).workspace.name as string;
  const members = (await (await owner.api.get("/api/v1/workspace/members")).json()).members as Array<{ userId: string }>;
  const ownerUserId = members[0]!.userId;
  const secretsBefore = (await fake.issued()).length;

  const stranger = await signedUpContext(browser, "Stranger");
  const w = owner.workspaceId;
  const day = new Date().toISOString().slice(0, 10);
  const refused = [
    await stranger.api.post("/api/v1/realtime/token", { data: { workspaceId: w } }),
    await stranger.api.post("/api/v1/realtime/tickets", { data: { workspaceId: w } }),
    await stranger.api.get(`/api/v1/cto/openai/usage?workspaceId=${w}&start=${day}&end=${day}`),
    await stranger.api.get(`/api/v1/cto/openai/models?workspaceId=${w}`),
    await stranger.api.get(`/api/v1/llm/keys?workspaceId=${w}`),
    await stranger.api.get(`/api/v1/workspace/members?workspaceId=${w}`),
    await stranger.api.post("/api/v1/workspaces/switch", { data: { workspaceId: w } }),
    // The victim's ids used from the stranger's own workspace.
    await stranger.api.delete(`/api/v1/workspace/invites/${inviteId}`),
    await stranger.api.patch(`/api/v1/workspace/members/${ownerUserId}`, { data: { role: "member" } }),
    await stranger.api.delete(`/api/v1/workspace/members/${ownerUserId}`),
  ];
  for (const res of refused) {
    const text = await res.text();
    expect(res.status(), `${res.url()}: ${text}`).toBe(404);
    expect(text).not.toContain(ownerName);
    expect(text).not.toContain(owner.apiKey.slice(-4));
  }

  // In their own workspace the stranger has no key of anyone's: no client secret (a new workspace
  // hands out none), no usage, an empty key list.
  const ownToken = await stranger.api.post("/api/v1/realtime/token", { data: {} });
  expect(ownToken.status()).toBe(403);
  expect((await ownToken.json()).code).toBe("client_secrets_disabled");
  const ownUsage = await stranger.api.get(`/api/v1/cto/openai/usage?start=${day}&end=${day}`);
  expect(ownUsage.status()).toBe(424);
  const ownKeys = await stranger.api.get("/api/v1/llm/keys");
  expect(ownKeys.status()).toBe(200);
  expect((await ownKeys.json()).keys).toEqual([]);

  expect((await fake.issued()).length).toBe(secretsBefore);
  const pending = (await (await owner.api.get("/api/v1/workspace/invites")).json()).invites as Array<{ id: string }>;
  expect(pending.map((i) => i.id)).toContain(inviteId);
  expect((await (await owner.api.get("/api/v1/workspace")).json()).workspace).toMatchObject({ role: "owner", name: ownerName });
});

// Signing out bumps the user's session version, so a copy of the cookie dies with it.
test("a signed-out session cookie is refused on its next request", async ({ browser, playwright }) => {
  const { context, page, api } = await signedUpContext(browser, "SignedOut");
  const cookie = await sessionCookie(context);
  expect((await api.get("/api/v1/workspaces")).status()).toBe(200);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  const replay = await playwright.request.newContext({ baseURL: APP_URL, extraHTTPHeaders: { cookie } });
  for (const res of [await replay.get("/api/v1/workspaces"), await replay.post("/api/v1/workspaces", { data: { name: "Ghost" } })]) {
    expect(res.status(), res.url()).toBe(401);
    expect((await res.json()).code).toBe("unauthorized");
  }
});

test("a removed member's cookie is refused by the workspace that removed them", async ({ browser, playwright }) => {
  const owner = await userWithKey(browser, "Remover");
  const member = await signedUpContext(browser, "Removed");
  await addToWorkspace(owner.api, owner.workspaceId, member, "member");
  const cookie = await sessionCookie(member.context);
  const w = owner.workspaceId;
  expect((await member.api.get(`/api/v1/llm/keys?workspaceId=${w}`)).status()).toBe(200);

  const members = (await (await owner.api.get("/api/v1/workspace/members")).json()).members as Array<{ userId: string; email: string }>;
  const memberId = members.find((m) => m.email === member.user.email)!.userId;
  expect((await owner.api.delete(`/api/v1/workspace/members/${memberId}`)).status()).toBe(200);

  // The cookie from before the removal, replayed as is: 404 while sessions are stateless (the
  // membership is checked on every request), 401 once removal also ends the session.
  const replay = await playwright.request.newContext({ baseURL: APP_URL, extraHTTPHeaders: { cookie } });
  const attempts = [
    await replay.get(`/api/v1/workspace?workspaceId=${w}`),
    await replay.get(`/api/v1/llm/keys?workspaceId=${w}`),
    await replay.get(`/api/v1/workspace/members?workspaceId=${w}`),
    await replay.post("/api/v1/realtime/token", { data: { workspaceId: w } }),
    await replay.post("/api/v1/realtime/tickets", { data: { workspaceId: w } }),
    await replay.post("/api/v1/workspaces/switch", { data: { workspaceId: w } }),
  ];
  for (const res of attempts) {
    expect([401, 404], `${res.url()} → ${res.status()}`).toContain(res.status());
    expect(["unauthorized", "not_found"]).toContain((await res.json()).code);
  }
  // The workspace is gone from their list and their dashboard.
  const listed = await replay.get("/api/v1/workspaces");
  if (listed.status() === 200) expect(((await listed.json()).workspaces as Array<{ id: string }>).map((x) => x.id)).not.toContain(w);
  else expect(listed.status()).toBe(401);
});
