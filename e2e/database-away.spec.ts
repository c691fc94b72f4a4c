import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { type APIRequestContext, type Browser, expect, test } from "@playwright/test";
import pg from "pg";
import { connectDatabase } from "@/db/connect";
import { createScratchDatabase, postgresReachable } from "@/test-support/postgres";
import { startTcpProxy, type TcpProxy } from "@/test-support/tcp-proxy";
import { DATABASE_AWAY_PORT } from "./support/env";
import { newUser, signIn, signUp } from "./support/users";

// The database goes away under a production server (`next start` on PostgreSQL through a TCP
// proxy this spec breaks): what API clients, pages and the operator see, and that the app comes
// back by itself. Numbers are printed as [database-away] lines.
const PORT = DATABASE_AWAY_PORT;
const APP = `http://localhost:${PORT}`;
const DEADLINE_MS = 2000;

test.describe.configure({ mode: "serial", timeout: 90_000 });

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let proxy: TcpProxy;
let server: ChildProcess;
let serverLog = "";
let owner: ReturnType<typeof newUser>;
let api: APIRequestContext;

async function timed(request: () => Promise<import("@playwright/test").APIResponse>) {
  const started = performance.now();
  const response = await request();
  return { response, ms: performance.now() - started, body: await response.json() };
}

/** Milliseconds until the route answers 200 again, polling as an impatient client would. */
async function recovery(path: string) {
  const started = performance.now();
  for (;;) {
    const response = await api.get(path);
    if (response.status() === 200) return Math.round(performance.now() - started);
    expect(performance.now() - started).toBeLessThan(15_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function expectUnavailable(path: string, init?: { method: "POST"; data: unknown }) {
  const { response, ms, body } = await timed(() => (init ? api.post(path, { data: init.data }) : api.get(path)));
  expect(response.status()).toBe(503);
  expect(body).toMatchObject({ code: "database_unavailable", status: 503 });
  expect(response.headers()["retry-after"]).toBe("2");
  expect(ms).toBeLessThan(DEADLINE_MS);
  return { ms: Math.round(ms), requestId: body.requestId as string };
}

async function expectHealthNamesDatabase() {
  const { response, ms, body } = await timed(() => api.get("/api/health"));
  expect(response.status()).toBe(503);
  expect(body).toMatchObject({ status: "degraded", app: { status: "ok" }, database: { status: "unavailable" } });
  expect(response.headers()["retry-after"]).toBe("2");
  expect(ms).toBeLessThan(DEADLINE_MS);
  return Math.round(ms);
}

async function startServer(browser: Browser) {
  server = spawn("node_modules/.bin/next", ["start", "-p", String(PORT)], {
    env: {
      ...process.env,
      DATABASE_URL: proxy.through(scratch.url),
      AUTH_SECRET: randomBytes(32).toString("base64"),
      ENCRYPTION_KEYS: `v1:${randomBytes(32).toString("base64")}`,
      AUTH_URL: APP,
      // Its second test signs a stranger up after the first account exists.
      SIGNUP_MODE: "open",
      NEXT_TELEMETRY_DISABLED: "1",
      // Plain log lines for the checks below (Playwright sets FORCE_COLOR).
      FORCE_COLOR: undefined,
      NO_COLOR: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk) => (serverLog += chunk));
  server.stderr?.on("data", (chunk) => (serverLog += chunk));
  await expect
    .poll(
      () =>
        fetch(`${APP}/api/health`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 30_000 },
    )
    .toBe(200);
  const context = await browser.newContext({ baseURL: APP });
  const page = await context.newPage();
  owner = newUser("Away");
  await signUp(page, owner);
  api = context.request;
  return page;
}

test.beforeAll(async () => {
  test.skip(!(await postgresReachable()) && process.env.CI !== "true", "PostgreSQL at 127.0.0.1:5432 is not reachable");
  scratch = await createScratchDatabase();
  const direct = await connectDatabase({ url: scratch.url });
  await direct.migrate();
  await direct.close();
  proxy = await startTcpProxy();
});

test.afterAll(async () => {
  if (server?.pid) server.kill("SIGTERM");
  if (serverLog) fs.writeFileSync("reports/database-away-server.log", serverLog);
  await proxy?.close();
  await scratch?.drop();
});

test("the database goes away and comes back: 503 within 2 s, a friendly page, health names it, recovery by itself", async ({ browser }) => {
  const page = await startServer(browser);
  expect((await api.get("/api/v1/llm/keys")).status()).toBe(200);

  // Refused (the server is down): the API, health, pages, sign-in.
  await proxy.set("refuse");
  const refused = await expectUnavailable("/api/v1/llm/keys");
  const refusedHealth = await expectHealthNamesDatabase();
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Can't reach the database" })).toBeVisible();
  const pageRequestId = (await page.getByTestId("request-id").textContent()) ?? "";
  expect(pageRequestId).toMatch(/^[0-9a-f-]{36}$/);
  await page.screenshot({ path: "reports/screenshots/database-away.png" });
  const visitor = await (await browser.newContext({ baseURL: APP })).newPage();
  await signIn(visitor, owner);
  await expect(visitor.locator(".alert-error")).toHaveText("Can't reach the database right now. Try again in a few seconds.");
  await proxy.set("up");
  const afterRefused = await recovery("/api/v1/llm/keys");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${owner.name.split(" ")[0]}'s workspace`);

  // Stalled (accepts, never answers), then healed: the stalled connections must not linger.
  await proxy.set("stall");
  const stalled = await expectUnavailable("/api/v1/llm/keys");
  const stalledHealth = await expectHealthNamesDatabase();
  await expectUnavailable("/api/v1/workspaces");
  await proxy.set("up");
  const afterStall = await recovery("/api/v1/llm/keys");
  expect((await api.get("/api/health")).status()).toBe(200);

  // Cut at BEGIN, 15 times: every connection comes back to the pool (max 10).
  await proxy.set("cut", { match: /^Q[\s\S]{4}begin/i });
  for (let i = 0; i < 15; i++) await expectUnavailable("/api/v1/workspaces", { method: "POST", data: { name: `Blip ${i}` } });
  expect(proxy.cuts()).toBe(15);
  await proxy.set("up");
  const created = await timed(() => api.post("/api/v1/workspaces", { data: { name: "After the blip" } }));
  expect(created.response.status()).toBe(201);
  expect(created.ms).toBeLessThan(DEADLINE_MS);

  console.log(
    `[database-away] 503 after refuse ${refused.ms} ms (health ${refusedHealth} ms), after stall ${stalled.ms} ms (health ${stalledHealth} ms); ` +
      `200 again ${afterRefused} ms after restore, ${afterStall} ms after the stall healed; POST after 15 failed BEGINs ${Math.round(created.ms)} ms`,
  );
  expect(serverLog).toContain(refused.requestId);
  expect(serverLog).toContain(pageRequestId);
});

test("a sign-up killed mid-way leaves no user without a workspace, and no log line holds a parameter", async ({ browser }) => {
  const page = await (await browser.newContext({ baseURL: APP })).newPage();
  const user = newUser("Halfway");
  await proxy.set("cut", { match: /insert into "workspaces"/ });
  await page.goto("/signup");
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator(".alert-error")).toHaveText("Can't reach the database right now. Try again in a few seconds.");
  expect(proxy.cuts()).toBeGreaterThan(15);
  await proxy.set("up");

  const db = new pg.Client({ connectionString: scratch.url });
  await db.connect();
  try {
    const orphans = await db.query(`select u.email from users u where not exists (select 1 from memberships m where m.user_id = u.id)`);
    expect(orphans.rows).toEqual([]);
    expect((await db.query("select 1 from users where email = $1", [user.email])).rowCount).toBe(0);
    // The same form works once the database is back.
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/$/);
    const hashes = await db.query<{ password_hash: string }>("select password_hash from users where password_hash is not null");
    expect(hashes.rows.length).toBe(2);
    for (const { password_hash } of hashes.rows) expect(serverLog).not.toContain(password_hash);
  } finally {
    await db.end();
  }
  expect(serverLog).not.toContain("$argon2");
  expect(serverLog).not.toMatch(/params: (?!\[not logged\])/);
  expect(serverLog).not.toContain(user.password);
  // Outages are reported once, by our own log lines (JSON, under a request id); nothing unhandled.
  const otherLines = serverLog.split("\n").filter((line) => line.trim() && !line.startsWith('{"time"'));
  expect(otherLines.filter((line) => /ECONNREFUSED|Connection terminated|timeout|unhandled|uncaught/i.test(line))).toEqual([]);
});

test("a page whose server render fails shows the dashboard's error page in its frame, with the id the server logged", async ({
  browser,
}) => {
  const page = await (await browser.newContext({ baseURL: APP })).newPage();
  await signIn(page, owner);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  // Only the Alerts page's own query fails (its connection is cut): the frame around it still renders.
  await proxy.set("cut", { match: /notification_settings/ });
  await page.goto("/settings/alerts");
  const failed = page.getByTestId("page-error");
  await expect(failed.getByRole("heading", { name: "This page could not be shown" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  const requestId = (await failed.getByTestId("request-id").textContent()) ?? "";
  expect(requestId).not.toBe("none");
  expect(requestId.length).toBeGreaterThan(4);
  expect(serverLog).toContain(requestId);
  await page.screenshot({ path: "reports/screenshots/dashboard-page-error.png" });

  await proxy.set("up");
  await failed.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByTestId("page-error")).toHaveCount(0, { timeout: 10_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Settings");
});
