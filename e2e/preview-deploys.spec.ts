import { randomBytes } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import pg from "pg";
import { createScratchDatabase } from "../test-support/postgres";
import { type AppServer, startAppServer } from "./support/app-server";
import { FAKE_OPENAI_URL, OIDC_PORT, PREVIEW_PORT, PREVIEW_URL, STABLE_PORT, STABLE_URL } from "./support/env";
import { testKey } from "./support/keys";
import { newUser, signIn, signUp } from "./support/users";

// Two deployments of the built app side by side, as Vercel runs production and a pull request's
// preview. Both tests start their own servers on the same two ports, so they run one after the other.
test.describe.configure({ mode: "serial" });

const keyring = () => `v1:${randomBytes(32).toString("base64")}`;
const secret = () => randomBytes(32).toString("base64");

/** `npm start` against a Postgres database: migrates it, then serves. */
const startOnPostgres = (port: number, env: Record<string, string>) =>
  startAppServer({
    port,
    env: { PORT: String(port), OPENAI_BASE_URL: `${FAKE_OPENAI_URL}/v1`, ...env },
    command: [process.execPath, "scripts/start.mjs"],
  });

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

test("a preview on a copy of production's data says its keys cannot be decrypted, and an admin re-keys it", async ({ browser }) => {
  test.setTimeout(240_000);
  // One database plays production's and, later, the preview branch copied from it.
  const db = await createScratchDatabase();
  const servers: AppServer[] = [];
  try {
    const production = await startOnPostgres(STABLE_PORT, { DATABASE_URL: db.url, AUTH_SECRET: secret(), ENCRYPTION_KEYS: keyring() });
    servers.push(production);
    const admin = newUser("Admin");
    const prod = await browser.newContext({ baseURL: production.url });
    await signUp(await prod.newPage(), admin);
    const productionKeys = [
      ["openai", testKey("standard", "prodws"), "workspace"],
      ["openai-admin", testKey("admin", "prodadm"), "workspace"],
      ["openai", testKey("standard", "prodpers"), "personal"],
    ] as const;
    for (const [provider, apiKey, scope] of productionKeys)
      expect((await prod.request.put(`/api/v1/llm/keys/${provider}`, { data: { apiKey, scope, verify: false } })).status()).toBe(200);
    expect((await prod.request.get("/api/v1/cto/openai/models")).status()).toBe(200);
    await prod.close();
    await production.stop();

    // The preview: its own AUTH_SECRET and keyring, whose key is also named "v1", as the README's recipe gives.
    const preview = await startOnPostgres(PREVIEW_PORT, { DATABASE_URL: db.url, AUTH_SECRET: secret(), ENCRYPTION_KEYS: keyring() });
    servers.push(preview);
    const context = await browser.newContext({ baseURL: preview.url });
    const page = await context.newPage();
    await signIn(page, admin);
    await expect(page).toHaveURL(/\/$/);

    const listed = await (await context.request.get("/api/v1/llm/keys")).json();
    expect(
      listed.keys.map((k: { provider: string; scope: string; decryptable: boolean; keyVersion: string }) => [
        k.provider,
        k.scope,
        k.decryptable,
        k.keyVersion,
      ]),
    ).toEqual([
      ["openai", "personal", false, "v1"],
      ["openai", "workspace", false, "v1"],
      ["openai-admin", "workspace", false, "v1"],
    ]);
    const rows = await query<{ ciphertext: string }>(db.url, "select ciphertext from llm_keys");
    for (const secretText of [...productionKeys.map(([, apiKey]) => apiKey), ...rows.map((r) => r.ciphertext)])
      expect(JSON.stringify(listed)).not.toContain(secretText);

    const models = await context.request.get("/api/v1/cto/openai/models");
    expect(models.status()).toBe(500);
    const failure = await models.json();
    expect(failure.code).toBe("key_decrypt_failed");
    expect(failure.error).toMatch(/Your personal OpenAI API key \(.+\) cannot be decrypted here: .*"v1".*save the key again/);

    await page.goto("/settings/keys");
    const banner = page.getByTestId("undecryptable-keys");
    await expect(banner).toContainText(
      "These keys were saved under a different encryption keyring (version v1) and cannot be used here; save them again.",
    );
    await expect(banner.getByRole("listitem")).toHaveCount(3);
    await expect(page.getByTestId("slot-openai-workspace").getByTestId("key-status")).toHaveText("Cannot decrypt here");
    await expect(page.getByTestId("slot-openai-admin-workspace").getByTestId("key-status")).toHaveText("Cannot decrypt here");
    await page.screenshot({ path: "test-results/preview-undecryptable-keys.png", fullPage: true });

    // Per-key replace: the admin saves their personal key again; the other two stay flagged.
    const slot = page.getByTestId("slot-openai-personal");
    await slot.getByLabel("Replace your personal key").fill(testKey("standard", "previewpers"));
    await slot.getByRole("checkbox").uncheck();
    await slot.getByRole("button", { name: "Save" }).click();
    await expect(slot.getByTestId("key-status")).toHaveText("Configured");
    await expect(banner.getByRole("listitem")).toHaveCount(2);

    await banner.getByRole("button", { name: "Remove undecryptable keys" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove keys" }).click();
    await expect(page.getByText("Removed 2 undecryptable keys. Save new keys below.")).toBeVisible();
    await expect(banner).toHaveCount(0);
    await expect(page.getByTestId("slot-openai-workspace").getByTestId("key-status")).toHaveText("Not configured");
    await expect(slot.getByTestId("key-status")).toHaveText("Configured");
    await page.screenshot({ path: "test-results/preview-keys-removed.png", fullPage: true });

    const events = await query<{ action: string; detail: string | null; provider: string; scope: string }>(
      db.url,
      "select action, detail, provider, scope from audit_events where action = 'key.deleted' order by provider",
    );
    expect(events).toEqual([
      { action: "key.deleted", detail: "undecryptable", provider: "openai", scope: "workspace" },
      { action: "key.deleted", detail: "undecryptable", provider: "openai-admin", scope: "workspace" },
    ]);
    expect((await context.request.get("/api/v1/cto/openai/models")).status()).toBe(200);
    await context.close();
  } finally {
    for (const server of servers) await server.stop();
    await db.drop();
  }
});

async function signInWithSso(page: Page, login: string) {
  await page.getByRole("button", { name: "Continue with Company SSO" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: /sign-in/i }).click();
  await page.getByRole("button", { name: /continue/i }).click();
}

test("OAuth on a preview URL goes through the stable deployment's callback and lands back on the preview, signed in", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const previewDb = await createScratchDatabase();
  const stableDb = await createScratchDatabase();
  const servers: AppServer[] = [];
  // Shared by the previews and the stable proxy (never production's): it seals the OAuth state.
  const authSecret = secret();
  const sso = {
    AUTH_OIDC_ISSUER: `http://127.0.0.1:${OIDC_PORT}`,
    AUTH_OIDC_ID: "opencto-e2e",
    AUTH_OIDC_SECRET: "opencto-e2e-secret",
    AUTH_OIDC_NAME: "Company SSO",
    AUTH_SECRET: authSecret,
    AUTH_REDIRECT_PROXY_URL: `${STABLE_URL}/api/auth`,
  };
  try {
    // `next start` builds request URLs from its own host name (localhost), not the Host header, so
    // each instance is told its public URL, as Vercel's runtime tells a deployment.
    servers.push(
      await startOnPostgres(STABLE_PORT, { ...sso, AUTH_URL: STABLE_URL, DATABASE_URL: stableDb.url, ENCRYPTION_KEYS: keyring() }),
    );
    servers.push(
      await startOnPostgres(PREVIEW_PORT, { ...sso, AUTH_URL: PREVIEW_URL, DATABASE_URL: previewDb.url, ENCRYPTION_KEYS: keyring() }),
    );
    const context = await browser.newContext();
    const page = await context.newPage();
    const authorizeRequests: URL[] = [];
    const stableCallbacks: URL[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.port === String(OIDC_PORT) && url.pathname === "/auth") authorizeRequests.push(url);
      if (url.origin === STABLE_URL && url.pathname === "/api/auth/callback/oidc") stableCallbacks.push(url);
    });

    await page.goto(`${PREVIEW_URL}/login`);
    const login = `preview${Date.now().toString(36)}`;
    await signInWithSso(page, login);
    await expect(page).toHaveURL(`${PREVIEW_URL}/`);
    await expect(page.getByText(`Signed in as ${login}@sso.example.com`)).toBeVisible();

    // The provider was given the stable callback, and the stable instance received it.
    expect(authorizeRequests.map((u) => u.searchParams.get("redirect_uri"))).toEqual([`${STABLE_URL}/api/auth/callback/oidc`]);
    expect(stableCallbacks).toHaveLength(1);
    expect(stableCallbacks[0]?.searchParams.get("code")).toBeTruthy();

    // The preview's own API knows the session; the stable host holds no session cookie.
    const workspace = await page.evaluate(async () => (await fetch("/api/v1/workspace")).status);
    expect(workspace).toBe(200);
    const cookies = await context.cookies();
    expect(cookies.filter((c) => c.name.includes("session-token")).map((c) => c.domain)).toEqual(["preview.localhost"]);

    // The user and their SSO account were created by the preview, in the preview's database only.
    const email = `${login}@sso.example.com`;
    expect(
      await query(previewDb.url, "select u.email, a.provider from users u join accounts a on a.user_id = u.id where u.email = $1", [email]),
    ).toEqual([{ email, provider: "oidc" }]);
    expect(await query(stableDb.url, "select email from users")).toEqual([]);
    await page.screenshot({ path: "test-results/preview-oauth-signed-in.png" });
    await context.close();
  } finally {
    for (const server of servers) await server.stop();
    await previewDb.drop();
    await stableDb.drop();
  }
});
