import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { APP_URL } from "./support/env";
import { fakeMicLaunchOptions } from "./support/fake-mic";
import { currentWorkspaceId, testKey } from "./support/keys";
import { allowClientSecrets } from "./support/realtime";
import { interactiveCharts } from "./support/charts";
import { newUser, signUp } from "./support/users";
import { startSession, voiceStatus } from "./support/voice";

// Every page runs under the Content-Security-Policy with no violation: Chromium reports each
// one as a `securitypolicyviolation` event (and a console error), both collected here, on every
// page, including the voice page during a call over each transport.

const SHOTS = "test-results/screenshots";

test.use({ launchOptions: fakeMicLaunchOptions("csp") });

async function watchedContext(browser: import("@playwright/test").Browser) {
  const context = await browser.newContext();
  const violations: string[] = [];
  await context.exposeBinding("reportCspViolation", (_source, report: string) => violations.push(report));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { reportCspViolation(r: string): void }).reportCspViolation(
        `${location.pathname}: ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber}:${e.columnNumber}) ${e.sample}`,
      ),
    );
  });
  context.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  return { context, violations };
}

/** Loads a page and checks it came with a nonce policy that its own scripts carry. */
async function visit(page: Page, path: string, ready: (page: Page) => Promise<void>) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  const policy = response!.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce, `${path} policy: ${policy}`).toBeTruthy();
  expect(policy).toContain("'strict-dynamic'");
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  const html = await response!.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length, path).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, `${path} script without the nonce`).toContain(`nonce="${nonce}"`);
  await ready(page);
}

async function setUp(context: BrowserContext) {
  const page = await context.newPage();
  const user = newUser("Csp");
  await signUp(page, user);
  const workspaceId = await currentWorkspaceId(context.request);
  for (const [provider, kind] of [
    ["openai", "standard"],
    ["openai-admin", "admin"],
  ] as const)
    expect(
      (await context.request.put(`/api/v1/llm/keys/${provider}`, { data: { workspaceId, apiKey: testKey(kind, "csp") } })).status(),
    ).toBe(200);
  return { page, user, workspaceId };
}

const heading = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
};

test("sign-in and sign-up pages run under the policy with no violation, and their forms work", async ({ browser }) => {
  const { context, violations } = await watchedContext(browser);
  const page = await context.newPage();
  await visit(page, "/login", heading("Sign in"));
  await visit(page, "/signup", heading(/Create/));
  // The sign-up form is a client component: it only works if its scripts were allowed to run.
  await signUp(page, newUser("CspSignup"));
  await expect(page.getByTestId("user-name")).toBeVisible();
  expect(violations).toEqual([]);
});

test("every dashboard page, the settings tabs and the invite page run with no violation", async ({ browser }) => {
  test.setTimeout(90_000);
  const { context, violations } = await watchedContext(browser);
  const { page, workspaceId } = await setUp(context);
  await visit(page, "/", heading(/workspace/));
  await visit(page, "/usage", heading("Usage"));
  await interactiveCharts(page);
  await expect(page.locator(".recharts-surface").first()).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: `${SHOTS}/csp-usage.png`, fullPage: true });
  await visit(page, "/ops", heading("Ops"));
  await visit(page, "/calls", heading("Calls"));
  await visit(page, "/chat", heading("Chat"));
  await visit(page, "/settings", heading("Settings"));
  await visit(page, "/settings/keys", heading("Settings"));
  await visit(page, "/settings/assistant", heading("Settings"));
  // Client-side navigation (RSC fetches) between pages stays within the policy too.
  await page.getByRole("link", { name: "Usage" }).first().click();
  // The Usage page writes its view (range, grouping) into the URL once it has loaded.
  await expect(page).toHaveURL(/\/usage(\?|$)/);
  await interactiveCharts(page);
  await expect(page.locator(".recharts-surface").first()).toBeVisible({ timeout: 15_000 });
  const missing = await page.goto("/no-such-page");
  expect(missing?.status()).toBe(404);
  expect(await missing!.text()).toMatch(/<script[^>]*nonce="/);
  await heading("Page not found")(page);

  const invitee = newUser("CspInvitee");
  const invite = await context.request.post("/api/v1/workspace/invites", { data: { workspaceId, email: invitee.email } });
  expect(invite.status()).toBe(201);
  const watched = await watchedContext(browser);
  const inviteePage = await watched.context.newPage();
  await signUp(inviteePage, invitee);
  await visit(inviteePage, new URL((await invite.json()).inviteUrl).pathname, async (p) => {
    await expect(p.getByRole("button", { name: /Accept/ })).toBeVisible();
  });
  await inviteePage.getByRole("button", { name: /Accept/ }).click();
  await expect(inviteePage).toHaveURL(`${APP_URL}/`);
  expect([...violations, ...watched.violations]).toEqual([]);
});

test("the voice page during a call, over WebRTC and over WebSocket, with no violation", async ({ browser }) => {
  test.setTimeout(120_000);
  const { context, violations } = await watchedContext(browser);
  await context.grantPermissions(["microphone"]);
  const { page } = await setUp(context);
  // WebSocket mode hands the browser an OpenAI client secret: an admin opt-in, off by default.
  await allowClientSecrets(context.request);
  await visit(page, "/voice", heading("Voice"));
  for (const transport of ["webrtc", "websocket"] as const) {
    if (transport === "websocket") {
      await page.getByText("Advanced").click();
      await page.getByLabel("Transport").selectOption("websocket");
    }
    await startSession(page);
    await page.getByLabel("Message").fill("which models do we have?");
    await page.getByRole("button", { name: "Send" }).click();
    await expect(page.locator('[data-role="assistant"]').last()).toContainText(/Here is what I found/, { timeout: 20_000 });
    if (transport === "webrtc") await page.screenshot({ path: `${SHOTS}/csp-voice-call.png`, fullPage: true });
    await page.getByRole("button", { name: "Stop" }).click();
    await expect(voiceStatus(page)).toHaveAttribute("data-status", "idle");
  }
  expect(violations).toEqual([]);
});

test("API answers carry a deny-all policy; HSTS only over HTTPS", async ({ request }) => {
  const api = await request.get("/api/health");
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(api.headers()["strict-transport-security"]).toBeUndefined();
  const overHttps = await request.get("/api/health", { headers: { "x-forwarded-proto": "https" } });
  expect(overHttps.headers()["strict-transport-security"]).toBe("max-age=31536000");
  const page = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(page.headers()["strict-transport-security"]).toBe("max-age=31536000");
  expect((await request.get("/login")).headers()["strict-transport-security"]).toBeUndefined();
  // A fresh nonce for every render.
  const nonces = await Promise.all(
    [1, 2].map(async () => /'nonce-([^']+)'/.exec((await request.get("/login")).headers()["content-security-policy"] ?? "")?.[1]),
  );
  expect(nonces[0]).toBeTruthy();
  expect(nonces[0]).not.toBe(nonces[1]);
});
