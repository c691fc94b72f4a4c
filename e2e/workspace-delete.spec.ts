import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { createScratchDatabase } from "../test-support/postgres";
import { type AppServer, startAppServer } from "./support/app-server";
import { FAKE_OPENAI_URL, WORKSPACE_DELETE_PORT } from "./support/env";
import { testKey } from "./support/keys";
import { sdpOffer } from "./support/realtime";
import { newUser, signUp } from "./support/users";

// An owner deletes a workspace by typing its name: its keys, calls, invites, audit trail and
// memberships leave the database (counted in Postgres, on a server of this spec's own), the
// members keep their accounts, and everyone lands in another workspace.

const SHOTS = "test-results/screenshots";

async function count(url: string, table: string, workspaceId: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(`select count(*)::int as n from ${table} where workspace_id = $1`, [workspaceId])).rows[0].n);
  } finally {
    await client.end();
  }
}

async function query(url: string, sql: string, params: unknown[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

const TABLES = ["llm_keys", "realtime_calls", "invites", "memberships", "audit_events", "realtime_tickets"];

test("an owner deletes a workspace by typing its name; its rows leave the database and members move elsewhere", async ({ browser }) => {
  test.setTimeout(240_000);
  const db = await createScratchDatabase();
  let server: AppServer | undefined;
  try {
    server = await startAppServer({
      port: WORKSPACE_DELETE_PORT,
      env: {
        PORT: String(WORKSPACE_DELETE_PORT),
        DATABASE_URL: db.url,
        AUTH_SECRET: randomBytes(32).toString("base64"),
        ENCRYPTION_KEYS: `v1:${randomBytes(32).toString("base64")}`,
        OPENAI_BASE_URL: `${FAKE_OPENAI_URL}/v1`,
        SIGNUP_MODE: "open",
      },
      command: [process.execPath, "scripts/start.mjs"],
    });
    const ownerContext = await browser.newContext({ baseURL: server.url });
    const page = await ownerContext.newPage();
    const owner = newUser("Deleter");
    await signUp(page, owner);
    const api = ownerContext.request;
    const name = `Doomed team ${randomBytes(3).toString("hex")}`;
    const created = await api.post("/api/v1/workspaces", { data: { name } });
    expect(created.status()).toBe(201);
    const doomed = (await created.json()).workspace.id as string;

    // A member, a key, an open invite, a voice call and its ticket.
    const memberContext = await browser.newContext({ baseURL: server.url });
    const memberPage = await memberContext.newPage();
    const member = newUser("Bystander");
    await signUp(memberPage, member);
    const invite = await api.post("/api/v1/workspace/invites", { data: { workspaceId: doomed, email: member.email, role: "member" } });
    expect(invite.status()).toBe(201);
    const token = new URL((await invite.json()).inviteUrl).pathname.split("/").pop();
    expect((await memberContext.request.post("/api/v1/invites/accept", { data: { token } })).status()).toBe(200);
    expect((await memberContext.request.post("/api/v1/workspaces/switch", { data: { workspaceId: doomed } })).status()).toBe(200);
    const pending = await api.post("/api/v1/workspace/invites", { data: { workspaceId: doomed, email: "later@example.com" } });
    expect(pending.status()).toBe(201);
    const apiKey = testKey("standard", "doomed");
    expect((await api.put("/api/v1/llm/keys/openai", { data: { workspaceId: doomed, apiKey, verify: false } })).status()).toBe(200);
    const offer = await sdpOffer(); // before the ticket, which lives seconds in e2e
    const ticket = (await (await api.post("/api/v1/realtime/tickets", { data: { workspaceId: doomed } })).json()).ticket as string;
    const call = await api.post(`/api/v1/realtime/calls?workspaceId=${doomed}`, {
      headers: { "content-type": "application/sdp", authorization: `Bearer ${ticket}`, origin: server.url },
      data: offer,
    });
    expect(call.status()).toBe(201);
    for (const table of TABLES) expect(await count(db.url, table, doomed), table).toBeGreaterThan(0);

    // A member is not offered the deletion, and the API refuses them.
    await memberPage.goto("/settings");
    await expect(memberPage.getByLabel("Workspace name")).toHaveValue(name);
    await expect(memberPage.getByRole("heading", { name: "Delete workspace" })).toHaveCount(0);
    const refused = await memberContext.request.delete("/api/v1/workspace", { data: { workspaceId: doomed, confirmName: name } });
    expect(refused.status()).toBe(403);
    // A wrong name changes nothing.
    const mistyped = await api.delete("/api/v1/workspace", { data: { workspaceId: doomed, confirmName: name.toUpperCase() } });
    expect(mistyped.status()).toBe(400);
    expect((await mistyped.json()).error).toBe(`Type the workspace's name, "${name}", exactly to delete it.`);
    expect(await count(db.url, "memberships", doomed)).toBe(2);

    // The owner, in the page: the button waits for the exact name; Esc backs out.
    await page.goto("/settings");
    await expect(page.getByLabel("Workspace name")).toHaveValue(name);
    const start = page.getByRole("button", { name: "Delete workspace…" });
    await start.click();
    const dialog = page.getByRole("dialog");
    const confirm = dialog.getByRole("button", { name: "Delete workspace" });
    const typed = dialog.getByLabel(`Type ${name} to confirm`);
    await expect(typed).toBeFocused();
    await expect(confirm).toBeDisabled();
    await typed.fill(name.slice(0, -1));
    await expect(confirm).toBeDisabled();
    await typed.press("Enter");
    await expect(dialog).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/delete-workspace-dialog-desktop-light.png` });
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(start).toBeFocused();
    expect(await count(db.url, "memberships", doomed)).toBe(2);

    await start.click();
    await typed.fill(name);
    await expect(confirm).toBeEnabled();
    await typed.press("Enter");
    await expect(page).toHaveURL(`${server.url}/`);
    const switcher = page.getByLabel("Workspace", { exact: true });
    await expect(switcher.locator("option")).toHaveCount(1);
    await expect(switcher.locator("option", { hasText: name })).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${owner.name.split(" ")[0]}'s workspace`);

    for (const table of TABLES) expect(await count(db.url, table, doomed), table).toBe(0);
    // Its Ops history went too; only the deletion's own request is counted after it (metrics are written after the answer).
    await expect
      .poll(
        async () => (await query(db.url, "select route, status_class, count from route_metrics where workspace_id = $1", [doomed])).rows,
      )
      .toEqual([{ route: "workspace", status_class: "2xx", count: 1 }]);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      expect((await client.query("select id from workspaces where id = $1", [doomed])).rowCount).toBe(0);
      const users = (
        await client.query("select email, current_workspace_id from users where email = any($1)", [[owner.email, member.email]])
      ).rows;
      expect(users).toHaveLength(2);
      for (const u of users) expect(u.current_workspace_id).not.toBe(doomed);
    } finally {
      await client.end();
    }
    // The member lands in their own workspace on their next page.
    await memberPage.goto("/settings");
    await expect(memberPage.getByLabel("Workspace name")).toHaveValue(`${member.name.split(" ")[0]}'s workspace`);
    // Logged at info level, without the key.
    await expect.poll(() => server!.output()).toContain('"event":"workspace_deleted"');
    const line =
      server
        .output()
        .split("\n")
        .find((l) => l.includes('"event":"workspace_deleted"')) ?? "";
    expect(JSON.parse(line)).toMatchObject({ level: "info", workspaceId: doomed, members: 2, personalWorkspacesCreated: 0 });
    expect(server.output()).not.toContain(apiKey);
    await ownerContext.close();
    await memberContext.close();
  } finally {
    await server?.stop();
    await db.drop();
  }
});
