import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { type APIRequest, type APIRequestContext, type Browser, expect, type Page, test } from "@playwright/test";
import { APP_URL, FAKE_OPENAI_URL, MAIL_APP_PORT } from "./support/env";
import { currentWorkspaceId, testKey } from "./support/keys";
import { startMailbox } from "./support/mailbox";
import { newUser, signedUpContext, signIn, signUp } from "./support/users";

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });

interface Attempt {
  status: number;
  retryAfter: string | null;
  code: string | null;
  ms: number;
}

/** One client (its own X-Forwarded-For) posting passwords straight to Auth.js's credentials callback. */
async function credentialsClient(request: APIRequest, address: string, baseURL = APP_URL) {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": address } });
  const { csrfToken } = await (await api.get("/api/auth/csrf")).json();
  return {
    api,
    async attempt(email: string, password: string): Promise<Attempt> {
      const t0 = performance.now();
      const res = await api.post("/api/auth/callback/credentials", {
        form: { email, password, csrfToken, callbackUrl: "/" },
        maxRedirects: 0,
      });
      const ms = performance.now() - t0;
      const code =
        res.status() === 429 ? (await res.json()).code : new URL(res.headers().location ?? "/", baseURL).searchParams.get("error");
      return { status: res.status(), retryAfter: res.headers()["retry-after"] ?? null, code, ms };
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const uniqueAddress = () => `198.51.100.${Math.floor(Math.random() * 250)}, 10.9.${Math.floor(Math.random() * 250)}.1`;

test("20 wrong passwords in a minute for one account: at least 15 refused with 429 and Retry-After; an unknown email is answered the same", async ({
  browser,
  playwright,
}, testInfo) => {
  const { user } = await signedUpContext(browser, "Brute");
  const known = await credentialsClient(playwright.request, uniqueAddress());
  const unknown = await credentialsClient(playwright.request, uniqueAddress());
  const nobody = newUser("Nobody").email;
  const started = Date.now();
  const k: Attempt[] = [];
  const u: Attempt[] = [];
  // Interleaved, so both see the same server load at the same moments.
  for (let i = 0; i < 20; i++) {
    k.push(await known.attempt(user.email, `wrong password ${i}`));
    u.push(await unknown.attempt(nobody, `wrong password ${i}`));
  }
  expect(Date.now() - started).toBeLessThan(60_000);
  const refused = k.filter((a) => a.status === 429);
  expect(refused.length).toBeGreaterThanOrEqual(15);
  for (const a of refused) {
    expect(a.code).toBe("rate_limited");
    expect(Number(a.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(a.retryAfter)).toBeLessThanOrEqual(900);
  }
  expect(k.filter((a) => a.status !== 429).every((a) => a.status === 302 && a.code === "CredentialsSignin")).toBe(true);
  // Same answers whether or not the email has an account, and no telling difference in time.
  expect(u.map((a) => [a.status, a.code])).toEqual(k.map((a) => [a.status, a.code]));
  const checked = (xs: Attempt[]) => median(xs.filter((a) => a.status === 302).map((a) => a.ms));
  const timing = {
    knownMs: Math.round(checked(k)),
    unknownMs: Math.round(checked(u)),
    refusedMs: Math.round(median(refused.map((a) => a.ms))),
  };
  testInfo.annotations.push({ type: "measured", description: JSON.stringify({ refused: refused.length, of: 20, ...timing }) });
  console.log(`[measured] 20 wrong passwords: ${refused.length} refused with 429; median ms`, timing);
  expect(Math.abs(timing.knownMs - timing.unknownMs)).toBeLessThan(Math.max(60, 0.5 * Math.max(timing.knownMs, timing.unknownMs)));
  // Locked out: even the right password waits now.
  expect((await known.attempt(user.email, user.password)).status).toBe(429);
  await known.api.dispose();
  await unknown.api.dispose();
});

test("key checks are throttled per workspace: the 11th test in a minute is a 429 with Retry-After", async ({ browser }) => {
  const { api } = await signedUpContext(browser, "Checker");
  const workspaceId = await currentWorkspaceId(api);
  expect((await api.put("/api/v1/llm/keys/openai", { data: { workspaceId, apiKey: testKey("standard"), verify: false } })).status()).toBe(
    200,
  );
  // The budget is per one-minute window (same clock as the server's): start well inside one.
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 40_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) statuses.push((await api.post("/api/v1/llm/keys/openai/test", { data: { workspaceId } })).status());
  expect(statuses).toEqual([...Array(10).fill(200), 429]);
  const refused = await api.post("/api/v1/llm/keys/openai/test", { data: { workspaceId } });
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  expect((await refused.json()).error).toMatch(/^Too many key checks\. Try again in \d+ seconds?\.$/);
});

test("the login page says plainly that sign-in is throttled and for how long", async ({ browser }) => {
  const { page, user, context } = await signedUpContext(browser, "Locked");
  await context.clearCookies();
  for (let i = 0; i < 5; i++) {
    await signIn(page, { email: user.email, password: `wrong ${i}` });
    await expect(page.locator(".alert-error")).toHaveText("Email or password is incorrect.");
  }
  await signIn(page, { email: user.email, password: user.password });
  await expect(page.getByTestId("sign-in-throttled")).toHaveText(/^Too many sign-in attempts\. Try again in \d+ seconds?\.$/);
  await shot(page, "login-throttled");
});

test("a signed-out session cookie is refused by the API (401) and sent to /login by pages", async ({ browser }) => {
  const { page, context, api } = await signedUpContext(browser, "Leaver");
  const stolen = await context.cookies();
  expect((await api.get("/api/v1/workspaces")).status()).toBe(200);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  const thief = await browser.newContext();
  await thief.addCookies(stolen);
  for (const path of ["/api/v1/workspaces", "/api/v1/workspace", "/api/v1/llm/keys"]) {
    const res = await thief.request.get(path);
    expect(res.status(), path).toBe(401);
    expect((await res.json()).error).toBe("Your session has ended. Sign in again.");
  }
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/settings");
  await expect(thiefPage).toHaveURL(/\/login/);
  await thief.close();
});

async function memberIdOf(adminApi: APIRequestContext, workspaceId: string, email: string): Promise<string> {
  const list = await (await adminApi.get(`/api/v1/workspace/members?workspaceId=${workspaceId}`)).json();
  return list.members.find((m: { email: string }) => m.email === email).userId;
}

async function joinWorkspace(
  browser: Browser,
  adminApi: APIRequestContext,
  workspaceId: string,
  role: "member" | "admin" | "owner",
  label: string,
) {
  const person = await signedUpContext(browser, label);
  const invite = await adminApi.post("/api/v1/workspace/invites", { data: { workspaceId, email: person.user.email, role } });
  const token = new URL((await invite.json()).inviteUrl).pathname.split("/").pop();
  expect((await person.api.post("/api/v1/invites/accept", { data: { token } })).status()).toBe(200);
  return { ...person, id: await memberIdOf(adminApi, workspaceId, person.user.email) };
}

test("a member removed from a workspace cannot reach it with the same cookie", async ({ browser }) => {
  const owner = await signedUpContext(browser, "Host");
  const workspaceId = await currentWorkspaceId(owner.api);
  const member = await joinWorkspace(browser, owner.api, workspaceId, "member", "Guest");
  expect((await member.api.get("/api/v1/workspace", { params: { workspaceId } })).status()).toBe(200);
  expect((await owner.api.delete(`/api/v1/workspace/members/${member.id}`, { params: { workspaceId } })).status()).toBe(200);
  expect((await member.api.get("/api/v1/workspace", { params: { workspaceId } })).status()).toBe(404);
  expect((await member.api.get("/api/v1/llm/keys", { params: { workspaceId } })).status()).toBe(404);
  // Their own workspace still works: removal from one workspace is not a sign-out.
  expect((await member.api.get("/api/v1/workspaces")).status()).toBe(200);
});

test("without SMTP an admin hands a member a reset link from Settings → Members; using it ends the member's old sessions", async ({
  browser,
}) => {
  const owner = await signedUpContext(browser, "Lead");
  const workspaceId = await currentWorkspaceId(owner.api);
  const member = await joinWorkspace(browser, owner.api, workspaceId, "member", "Forgetful");
  const admin = await joinWorkspace(browser, owner.api, workspaceId, "admin", "Deputy");
  const resetLink = (api: APIRequestContext, userId: string) =>
    api.post(`/api/v1/workspace/members/${userId}/reset-link`, { params: { workspaceId }, data: {} });

  // Who may: an admin for a member; not a member, not an admin for an owner, not a stranger.
  expect((await resetLink(member.api, admin.id)).status()).toBe(403);
  const ownerId = await memberIdOf(owner.api, workspaceId, owner.user.email);
  const byAdmin = await resetLink(admin.api, ownerId);
  expect(byAdmin.status()).toBe(403);
  expect((await byAdmin.json()).error).toBe("Only an owner can make a reset link for an owner.");
  const stranger = await signedUpContext(browser, "Outsider");
  expect((await resetLink(stranger.api, member.id)).status()).toBe(404);
  const anonymous = await browser.newContext();
  expect(
    (await anonymous.request.post(`/api/v1/workspace/members/${member.id}/reset-link`, { params: { workspaceId }, data: {} })).status(),
  ).toBe(401);

  await owner.page.goto("/settings");
  await owner.page.getByTestId(`member-${member.user.email}`).getByRole("button", { name: "Reset link" }).click();
  const link = await owner.page.getByTestId("reset-link").inputValue();
  expect(link).toMatch(/\/reset-password\?token=[A-Za-z0-9_-]{30,}$/);
  await shot(owner.page, "members-reset-link");

  const fresh = await anonymous.newPage();
  await fresh.goto(link);
  await expect(fresh.getByText(member.user.email)).toBeVisible();
  await shot(fresh, "reset-password-form");
  await fresh.getByLabel("New password").fill("a brand new password");
  await fresh.getByLabel("Repeat it").fill("a brand new password");
  await fresh.getByRole("button", { name: "Save new password" }).click();
  await expect(fresh).toHaveURL(/\/login\?notice=PasswordReset/);
  await expect(fresh.getByRole("status")).toContainText("Your password was changed");
  await shot(fresh, "login-after-reset");

  expect((await member.api.get("/api/v1/workspaces")).status()).toBe(401);
  await signIn(fresh, { email: member.user.email, password: member.user.password });
  await expect(fresh.locator(".alert-error")).toHaveText("Email or password is incorrect.");
  await signIn(fresh, { email: member.user.email, password: "a brand new password" });
  await expect(fresh).toHaveURL(`${APP_URL}/`);

  await fresh.goto(link);
  await expect(fresh.getByTestId("link-problem")).toHaveText("This link was already used, or a newer one was sent.");
  await anonymous.close();
});

test.describe("password reset and email verification by mail (a second dashboard with a real SMTP server)", () => {
  const origin = `http://localhost:${MAIL_APP_PORT}`;
  const dataDir = `.data-e2e-${MAIL_APP_PORT}`;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  let server: ChildProcess;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    mailbox = await startMailbox();
    rmSync(dataDir, { recursive: true, force: true });
    server = spawn("node_modules/.bin/next", ["start", "-p", String(MAIL_APP_PORT)], {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        SMTP_URL: mailbox.url,
        AUTH_URL: origin,
        OPENAI_BASE_URL: `${FAKE_OPENAI_URL}/v1`,
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: "ignore",
    });
    const deadline = Date.now() + 90_000;
    for (;;) {
      const up = await fetch(`${origin}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (Date.now() > deadline) throw new Error(`the mail dashboard on ${origin} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  });

  test.afterAll(async () => {
    server?.kill();
    await mailbox?.close();
  });

  test("sign-up mails a verification link; a reset request mails a single-use link that sets the password and ends every old session", async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const user = newUser("Mailed");
    const first = await browser.newContext({ baseURL: origin });
    const page = await first.newPage();
    await signUp(page, user);
    await expect(page.getByTestId("verify-email-banner")).toContainText(`Verify your email: we sent a link to ${user.email}`);
    await shot(page, "verify-email-banner");

    const verifyLink = await mailbox.linkFor(user.email, /Confirm your email/);
    expect(verifyLink.startsWith(`${origin}/verify-email?token=`)).toBe(true);
    await page.goto(verifyLink);
    await page.getByRole("button", { name: "Confirm my email" }).click();
    await expect(page.getByRole("status")).toHaveText("Thank you: your email address is verified.");
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByTestId("verify-email-banner")).toHaveCount(0);

    // A second session elsewhere, to see that the reset ends it too.
    const second = await browser.newContext({ baseURL: origin });
    const secondPage = await second.newPage();
    await signIn(secondPage, user);
    await expect(secondPage).toHaveURL(`${origin}/`);

    // The request page answers the same for an unknown email, and mails nothing for it.
    const anonymous = await browser.newContext({ baseURL: origin });
    const resetPage = await anonymous.newPage();
    await resetPage.goto("/login");
    await resetPage.getByRole("link", { name: "Forgot your password?" }).click();
    await shot(resetPage, "forgot-password");
    await resetPage.getByLabel("Email").fill(`nobody-${Date.now()}@example.com`);
    await resetPage.getByRole("button", { name: "Send reset link" }).click();
    const sameAnswer = await resetPage.getByRole("status").textContent();
    await resetPage.goto("/forgot-password");
    await resetPage.getByLabel("Email").fill(user.email.toUpperCase());
    await resetPage.getByRole("button", { name: "Send reset link" }).click();
    await expect(resetPage.getByRole("status")).toHaveText(sameAnswer ?? "");
    expect(sameAnswer).toContain("If an account exists for that email");
    await shot(resetPage, "forgot-password-sent");

    const resetLink = await mailbox.linkFor(user.email, /Reset your OpenCTO password/);
    expect(mailbox.mails.filter((m) => /Reset/.test(m.subject)).map((m) => m.to)).toEqual([[user.email]]);
    await resetPage.goto(resetLink);
    await resetPage.getByLabel("New password").fill("mailed new password");
    await resetPage.getByLabel("Repeat it").fill("a different one!!");
    await resetPage.getByRole("button", { name: "Save new password" }).click();
    await expect(resetPage.locator(".alert-error")).toHaveText("The two passwords differ.");
    await resetPage.getByLabel("New password").fill("mailed new password");
    await resetPage.getByLabel("Repeat it").fill("mailed new password");
    await resetPage.getByRole("button", { name: "Save new password" }).click();
    await expect(resetPage).toHaveURL(/\/login\?notice=PasswordReset/);

    // Both old sessions are dead on their next request, API and pages alike.
    for (const context of [first, second]) {
      expect((await context.request.get("/api/v1/workspaces")).status()).toBe(401);
      const p = await context.newPage();
      await p.goto("/settings");
      await expect(p).toHaveURL(/\/login/);
    }
    await resetPage.goto(resetLink);
    await expect(resetPage.getByTestId("link-problem")).toHaveText("This link was already used, or a newer one was sent.");
    await shot(resetPage, "reset-link-used");
    await signIn(resetPage, { email: user.email, password: "mailed new password" });
    await expect(resetPage).toHaveURL(`${origin}/`);
    for (const context of [first, second, anonymous]) await context.close();
  });
});
