import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { type APIRequestContext, type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { APP_PORT, FAKE_OPENAI_URL } from "./support/env";
import { testKey } from "./support/keys";
import { allowClientSecrets } from "./support/realtime";
import { newUser, signUp } from "./support/users";

// Who may spend the server's keys, who sees organisation usage, and whether an OpenAI credential
// may reach the browser. A server of its own: a fresh instance (its first account is the instance
// owner) with the fallback keys set, which the shared e2e server deliberately lacks.

const SHOTS = "test-results/screenshots";
const DATA_DIR = `.data-e2e-${APP_PORT}-key-scope`;
// Distinct last four characters: the fake's request log shows keys as "sk-admin-…ks42".
const INSTANCE_API_KEY = "sk-proj-fake-instance-e2e-keyscope-wv7t";
const INSTANCE_ADMIN_KEY = "sk-admin-fake-instance-e2e-keyscope-ks42";
const TOKEN = "/api/v1/realtime/token";
const MODELS = "/api/v1/cto/openai/models";
const USAGE = "/api/v1/cto/openai/usage";
const INSTANCE = "/api/v1/instance/workspaces";
const PROJECTS = "/api/v1/workspace/openai-projects";
const ALPHA = "proj_fake_alpha";

test.describe.configure({ mode: "serial" });

let server: ChildProcess | undefined;
let baseURL = "";

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const port = await freePort();
  baseURL = `http://localhost:${port}`;
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  fs.mkdirSync(DATA_DIR, { recursive: true });
  server = spawn("node_modules/.bin/next", ["start", "-p", String(port)], {
    env: {
      ...process.env,
      DATA_DIR,
      OPENAI_BASE_URL: `${FAKE_OPENAI_URL}/v1`,
      OPENAI_API_KEY: INSTANCE_API_KEY,
      OPENAI_ADMIN_KEY: INSTANCE_ADMIN_KEY,
      OPENAI_TIMEOUT_MS: "1500",
      NEXT_TELEMETRY_DISABLED: "1",
      // Strangers must be able to sign up here, whatever the default sign-up policy.
      SIGNUP_MODE: "open",
    },
    stdio: "ignore",
  });
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    const up = await fetch(`${baseURL}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the key-scope server did not come up");
});

test.afterAll(() => {
  server?.kill();
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
});

interface Account {
  context: BrowserContext;
  page: Page;
  api: APIRequestContext;
  email: string;
}

async function account(browser: Browser, label: string): Promise<Account> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const user = newUser(label);
  await signUp(page, user);
  return { context, page, api: context.request, email: user.email };
}

async function workspaceIdOf(api: APIRequestContext): Promise<string> {
  return (await (await api.get("/api/v1/workspace")).json()).workspace.id;
}

async function joinAs(admin: Account, browser: Browser, role: "member" | "admin"): Promise<Account> {
  const joiner = await account(browser, role === "member" ? "Member" : "Admin");
  const workspaceId = await workspaceIdOf(admin.api);
  const invite = await admin.api.post("/api/v1/workspace/invites", { data: { workspaceId, email: joiner.email, role } });
  expect(invite.status()).toBe(201);
  const token = new URL((await invite.json()).inviteUrl).pathname.split("/").pop();
  expect((await joiner.api.post("/api/v1/invites/accept", { data: { token } })).status()).toBe(200);
  expect((await joiner.api.post("/api/v1/workspaces/switch", { data: { workspaceId } })).status()).toBe(200);
  return joiner;
}

async function fakeRequests(path: string): Promise<Array<{ query: Record<string, string | string[]>; headers: Record<string, string> }>> {
  const body = await (await fetch(`${FAKE_OPENAI_URL}/_fake/requests?path=${encodeURIComponent(path)}`)).json();
  return body.data;
}

const range = () => {
  const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  return `start=${day(6)}&end=${day(0)}`;
};

let owner: Account;
let stranger: Account;

test("the instance's keys serve only the workspaces the instance owner allows", async ({ browser }) => {
  owner = await account(browser, "Owner"); // first account and first workspace of this instance
  stranger = await account(browser, "Stranger");
  await allowClientSecrets(owner.api);
  await allowClientSecrets(stranger.api);

  const minted = await owner.api.post(TOKEN, { data: {} });
  expect(minted.status()).toBe(200);
  expect((await owner.api.get(MODELS)).status()).toBe(200);

  for (const path of [TOKEN, MODELS]) {
    const refused = path === TOKEN ? await stranger.api.post(TOKEN, { data: {} }) : await stranger.api.get(MODELS);
    expect(refused.status(), path).toBe(424);
    const body = await refused.json();
    expect(body.code).toBe("no_key_configured");
    expect(body.error).toContain("the server's key is not available to this workspace");
    expect(JSON.stringify(body)).not.toContain(INSTANCE_API_KEY);
  }
  const models = await fakeRequests("/v1/models");
  expect(models.some((r) => r.headers.authorization?.endsWith("wv7t"))).toBe(true);

  // The UI says which key each uses.
  await owner.page.goto("/");
  await expect(owner.page.getByTestId("overview-key-openai")).toHaveText("the instance's key");
  await stranger.page.goto("/");
  await expect(stranger.page.getByTestId("overview-key-openai")).toHaveText("none");
  await stranger.page.goto("/settings/keys");
  await expect(stranger.page.getByTestId("key-in-use-openai")).toHaveText("none");
  await expect(stranger.page.getByTestId("slot-openai-workspace")).toContainText("the instance's key is not available to this workspace");

  // Instance settings do not exist for anyone but the instance owner.
  const strangerId = await workspaceIdOf(stranger.api);
  expect((await stranger.api.get(INSTANCE)).status()).toBe(404);
  expect((await stranger.api.patch(INSTANCE, { data: { workspaceId: strangerId, fallbackKeysAllowed: true } })).status()).toBe(404);
  expect((await stranger.api.patch(INSTANCE, { data: { nonsense: 1 } })).status()).toBe(404);
  expect((await stranger.page.goto("/settings/instance"))?.status()).toBe(404);
  await stranger.page.goto("/settings");
  await expect(stranger.page.getByRole("link", { name: "Instance" })).toHaveCount(0);

  const listed = await owner.api.get(INSTANCE);
  expect(listed.status()).toBe(200);
  const list = await listed.json();
  expect(list.setBy).toBe("owner");
  expect(list.workspaces.map((w: { fallbackKeysAllowed: boolean }) => w.fallbackKeysAllowed)).toEqual([true, false]);
  expect((await owner.api.patch(INSTANCE, { data: { workspaceId: strangerId, fallbackKeysAllowed: "yes" } })).status()).toBe(400);

  // The owner flips the switch on Settings → Instance; the stranger's workspace works at once.
  await owner.page.goto("/settings");
  await owner.page.getByRole("link", { name: "Instance" }).click();
  await expect(owner.page).toHaveURL(/\/settings\/instance$/);
  const row = owner.page.getByTestId(`instance-workspace-${strangerId}`);
  await expect(row).toContainText("Not allowed");
  await owner.page.screenshot({ path: `${SHOTS}/instance-settings.png`, fullPage: true });
  await row.getByRole("checkbox").check();
  await expect(owner.page.getByRole("status")).toContainText("may now use the server's keys");
  await expect(row).toContainText("Allowed");

  // Key rows and the allowance are cached for 5 s per server bundle.
  const within = { timeout: 8_000, intervals: [250, 500, 1000] };
  await expect.poll(async () => (await stranger.api.post(TOKEN, { data: {} })).status(), within).toBe(200);
  await expect.poll(async () => (await stranger.api.get(MODELS)).status(), within).toBe(200);
  await stranger.page.goto("/settings/keys");
  await expect(stranger.page.getByTestId("key-in-use-openai")).toHaveText("the instance's key");
  await expect(stranger.page.getByTestId("slot-openai-workspace").getByTestId("key-status")).toHaveText("Using the instance's key");

  // Its own key takes over, and the label says so.
  const own = await stranger.api.put("/api/v1/llm/keys/openai", {
    data: { workspaceId: strangerId, apiKey: testKey("standard", "scope") },
  });
  expect(own.status()).toBe(200);
  await stranger.page.reload();
  await expect(stranger.page.getByTestId("key-in-use-openai")).toHaveText("its own key");
  await stranger.page.screenshot({ path: `${SHOTS}/keys-which-key.png`, fullPage: true });

  // Withdrawn: the admin key falls back to nothing again.
  await row.getByRole("checkbox").uncheck();
  await expect(row).toContainText("Not allowed");
  await expect.poll(async () => (await stranger.api.get(`${USAGE}?${range()}`)).status(), within).toBe(424);
  expect((await stranger.api.post(TOKEN, { data: {} })).status()).toBe(200); // its own API key
});

test("usage: a member of an unmapped workspace sees the admin-only empty state; mapped projects reach OpenAI as a filter", async ({
  browser,
}) => {
  const member = await joinAs(owner, browser, "member");

  const refused = await member.api.get(`${USAGE}?${range()}`);
  expect(refused.status()).toBe(403);
  expect((await refused.json()).code).toBe("projects_not_mapped");
  await member.page.goto("/usage");
  await expect(member.page.getByRole("heading", { name: "Usage is for admins until projects are mapped" })).toBeVisible();
  await expect(member.page.getByTestId("usage-table")).toHaveCount(0);
  await member.page.screenshot({ path: `${SHOTS}/usage-members-unmapped.png`, fullPage: true });

  await owner.page.goto("/usage");
  await expect(owner.page.getByTestId("usage-table")).toBeVisible();
  await expect(owner.page.getByTestId("usage-scope")).toContainText("whole OpenAI organisation");
  const orgWide = await (await owner.api.get(`${USAGE}?${range()}&groupBy=project`)).json();
  expect(orgWide.projectIds).toBeNull();

  // A member cannot map projects; bad ids are refused; the admin maps one in Settings → Workspace.
  expect((await member.api.put(PROJECTS, { data: { projectIds: [ALPHA] } })).status()).toBe(403);
  const bad = await owner.api.put(PROJECTS, { data: { projectIds: ["not-a-project"] } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toContain("proj_");
  await owner.page.goto("/settings");
  // The admin picks projects by name from the organisation's list.
  await owner.page.getByRole("checkbox", { name: /Voice assistant/ }).check();
  await owner.page.getByRole("button", { name: "Save projects" }).click();
  await expect(owner.page.getByRole("status")).toContainText("Usage now covers 1 project(s)");
  expect(await (await member.api.get(PROJECTS)).json()).toMatchObject({ projectIds: [ALPHA] });

  const before = (await fakeRequests("/v1/organization/usage/completions")).length;
  // The usage route caches the mapping for up to 5 s.
  let report = { projectIds: null, cached: true, series: [], totals: { requests: 0 } };
  await expect
    .poll(
      async () => {
        const mapped = await member.api.get(`${USAGE}?${range()}&groupBy=project`);
        if (mapped.ok()) report = await mapped.json();
        return mapped.status();
      },
      { timeout: 8_000, intervals: [250, 500, 1000] },
    )
    .toBe(200);
  expect(report.projectIds).toEqual([ALPHA]);
  expect(report.cached).toBe(false);
  expect([...new Set(report.series.map((p: { project: string }) => p.project))]).toEqual([ALPHA]);
  expect(report.totals.requests).toBeLessThan(orgWide.totals.requests);
  const sent = (await fakeRequests("/v1/organization/usage/completions")).slice(before);
  const ours = sent.filter((r) => r.headers.authorization?.endsWith("ks42"));
  expect(ours.length).toBeGreaterThan(0);
  for (const r of ours) expect(r.query["project_ids[]"]).toBe(ALPHA);
  const costs = (await fakeRequests("/v1/organization/costs")).filter((r) => r.query["project_ids[]"] === ALPHA);
  expect(costs.length).toBeGreaterThan(0);

  await member.page.goto("/usage");
  await expect(member.page.getByTestId("usage-scope")).toContainText(ALPHA);
  await expect(member.page.getByTestId("usage-table")).toBeVisible();
});

test("WebSocket mode: off by default and refused; an admin's opt-in in Settings → Assistant turns it on", async ({ browser }) => {
  const admin = await account(browser, "Voice");
  const workspaceId = await workspaceIdOf(admin.api);
  expect((await admin.api.put("/api/v1/llm/keys/openai", { data: { workspaceId, apiKey: testKey("standard", "ws") } })).status()).toBe(200);

  const refused = await admin.api.post(TOKEN, { data: {} });
  expect(refused.status()).toBe(403);
  const body = await refused.json();
  expect(body.code).toBe("client_secrets_disabled");
  expect(body.error).toContain("Settings → Assistant");
  expect(body.clientSecret).toBeUndefined();
  expect(JSON.stringify(body)).not.toMatch(/ek_[A-Za-z0-9]{8,}/);

  await admin.page.goto("/voice");
  await admin.page.getByText("Advanced").click();
  await expect(admin.page.locator('#voice-transport option[value="websocket"]')).toBeDisabled();
  await expect(admin.page.getByTestId("websocket-mode-note")).toContainText("WebSocket mode is off");

  await admin.page.goto("/settings/assistant");
  const optIn = admin.page.getByRole("checkbox", { name: /Hand out OpenAI client secrets/ });
  await expect(optIn).not.toBeChecked();
  await optIn.check();
  await admin.page.getByRole("button", { name: "Save assistant settings" }).click();
  await expect(admin.page.getByRole("status")).toContainText("Assistant settings saved");
  // The policy is cached for up to 10 s per server bundle.
  await expect.poll(async () => (await admin.api.post(TOKEN, { data: {} })).status(), { timeout: 12_000 }).toBe(200);

  // A save that does not name the opt-in leaves it as it is.
  const current = (await (await admin.api.get("/api/v1/realtime/settings")).json()).settings;
  const { updatedAt: _u, clientSecretsAllowed: _c, ...rest } = current;
  expect((await admin.api.put("/api/v1/realtime/settings", { data: { ...rest, instructions: "Still allowed." } })).status()).toBe(200);
  expect((await admin.api.post(TOKEN, { data: {} })).status()).toBe(200);

  await admin.page.goto("/voice");
  await admin.page.getByText("Advanced").click();
  await expect(admin.page.locator('#voice-transport option[value="websocket"]')).toBeEnabled();
  await expect(admin.page.getByTestId("websocket-mode-note")).toContainText("an admin allowed it");

  // A member cannot flip it.
  const member = await joinAs(admin, browser, "member");
  expect((await member.api.put("/api/v1/realtime/settings", { data: { ...rest, clientSecretsAllowed: false } })).status()).toBe(403);
});
