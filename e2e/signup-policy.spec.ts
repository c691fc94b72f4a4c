import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { appServerEnv, POLICY_APP_PORT, POLICY_APP_URL } from "./support/env";
import { newUser, signUp } from "./support/users";

// Its own invite-only dashboard (the suite's shared one runs SIGNUP_MODE=open), with an empty
// database, so that "the first account" is really the first. Read directly once it has stopped.
const DATA_DIR = `.data-e2e-${POLICY_APP_PORT}`;
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });

let server: ChildProcess | undefined;
const owner = newUser("Owner");
const stranger = newUser("Stranger");
const invitee = newUser("Invitee");
let ownerContext: BrowserContext;
const workspaceName = `${owner.name.split(" ")[0]}'s workspace`;

async function waitForHealth() {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server?.exitCode !== null) throw new Error(`the invite-only server exited; see ${DATA_DIR}/server.log`);
    const ok = await fetch(`${POLICY_APP_URL}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error("the invite-only server did not become healthy within 60 s");
}

async function stopServer() {
  if (!server || server.exitCode !== null || !server.pid) return;
  const exited = new Promise((resolve) => server?.once("exit", resolve));
  process.kill(-server.pid, "SIGTERM");
  await exited;
}

const fresh = (browser: Browser) => browser.newContext({ baseURL: POLICY_APP_URL });

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, ...appServerEnv(DATA_DIR), SIGNUP_MODE: "invite" };
  delete env.DATABASE_URL;
  delete env.SIGNUP_DOMAINS;
  const log = fs.openSync(`${DATA_DIR}/server.log`, "a");
  server = spawn("node_modules/.bin/next", ["start", "-p", String(POLICY_APP_PORT)], {
    env,
    stdio: ["ignore", log, log],
    detached: true,
  });
  await waitForHealth();
});

test.afterAll(stopServer);

test("the first account may sign up and owns the instance; a stranger's sign-up after it is refused", async ({ browser }) => {
  // The stranger opens the sign-up form while the instance is still empty...
  const strangerPage = await (await fresh(browser)).newPage();
  await strangerPage.goto("/signup");
  await expect(strangerPage.getByText("You are the first person here")).toBeVisible();

  ownerContext = await fresh(browser);
  const ownerPage = await ownerContext.newPage();
  await ownerPage.goto("/login");
  await expect(ownerPage.getByRole("link", { name: "Create an account" })).toBeVisible();
  await signUp(ownerPage, owner);
  await expect(ownerPage.getByRole("heading", { level: 1 })).toHaveText(workspaceName);

  // ...and submits it once someone else was first.
  await strangerPage.getByLabel("Name").fill(stranger.name);
  await strangerPage.getByLabel("Email").fill(stranger.email);
  await strangerPage.getByLabel("Password").fill(stranger.password);
  await strangerPage.getByRole("button", { name: "Create account" }).click();
  await expect(strangerPage.locator(".alert-error")).toContainText("This dashboard is invite-only");
  await expect(strangerPage).toHaveURL(/\/signup$/);
  await shot(strangerPage, "signup-refused");
});

test("invite mode: /login offers no sign-up, and /signup says it takes an invite", async ({ browser }) => {
  const page = await (await fresh(browser)).newPage();
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Create an account" })).toHaveCount(0);
  await expect(page.getByText("Accounts are by invitation")).toBeVisible();
  await shot(page, "login-invite-mode");

  await page.goto("/signup");
  await expect(page.getByTestId("signup-closed")).toContainText("This dashboard is invite-only");
  await expect(page.getByRole("button", { name: "Create account" })).toHaveCount(0);
  await shot(page, "signup-closed");
});

test("an invited email signs up through the invite link and joins the workspace", async ({ browser }) => {
  const api = ownerContext.request;
  const created = await api.post("/api/v1/workspace/invites", { data: { email: invitee.email } });
  expect(created.status()).toBe(201);
  const { inviteUrl } = await created.json();

  const page = await (await fresh(browser)).newPage();
  await page.goto(inviteUrl);
  await expect(page.getByRole("heading", { name: `Join ${workspaceName}` })).toBeVisible();
  await expect(page.getByText(`with the email ${invitee.email}`)).toBeVisible();
  await expect(page.getByRole("link", { name: `I have an account: sign in as ${invitee.email}` })).toBeVisible();
  await shot(page, "invite-signed-out");

  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page.getByRole("heading", { name: `Join ${workspaceName}` })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(invitee.email);
  await expect(page.getByLabel("Email")).not.toBeEditable();
  await page.getByLabel("Name").fill(invitee.name);
  await page.getByLabel("Password").fill(invitee.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(`${POLICY_APP_URL}/`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(workspaceName);
  const members = (await (await api.get("/api/v1/workspace/members")).json()).members;
  expect(members.map((m: { email: string }) => m.email).sort()).toEqual([owner.email, invitee.email].sort());
});

test("a new OIDC identity without an invite is refused with a clear page", async ({ browser }) => {
  const page = await (await fresh(browser)).newPage();
  await page.goto("/login");
  await page.getByRole("button", { name: "Continue with Company SSO" }).click();
  await page.locator('input[name="login"]').fill(`sso-stranger-${Date.now().toString(36)}`);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: /sign-in/i }).click();
  await page.getByRole("button", { name: /continue/i }).click();
  await expect(page).toHaveURL(`${POLICY_APP_URL}/login?error=SignUpClosed`);
  await expect(page.locator(".alert-error")).toHaveText(
    "There is no account for that sign-in yet. This dashboard is invite-only. Ask a workspace admin to invite your email address, then open the invite link.",
  );
  expect((await page.request.get("/api/v1/workspaces")).status()).toBe(401);
  await shot(page, "oidc-refused");
});

test("the database holds exactly the admitted accounts, and the first one owns the instance", async () => {
  await stopServer();
  const db = new PGlite(`${DATA_DIR}/pglite`);
  try {
    const { rows: accounts } = await db.query<{ email: string; is_instance_owner: boolean }>(
      "select email, is_instance_owner from users order by created_at",
    );
    expect(accounts).toEqual([
      { email: owner.email, is_instance_owner: true },
      { email: invitee.email, is_instance_owner: false },
    ]);
    const { rows: spending } = await db.query<{ name: string }>("select name from workspaces where fallback_keys_allowed");
    expect(spending).toEqual([{ name: workspaceName }]);
  } finally {
    await db.close();
  }
});
