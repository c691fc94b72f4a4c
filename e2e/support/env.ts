// Ports are overridable so that two checkouts can run their e2e suites side by side.
export const APP_PORT = Number(process.env.E2E_APP_PORT || 3210);
export const OIDC_PORT = Number(process.env.E2E_OIDC_PORT || 4020);
export const FAKE_OPENAI_PORT = Number(process.env.E2E_FAKE_OPENAI_PORT || 4010);
// `localhost`, not 127.0.0.1: Next.js rewrites loopback addresses to localhost in request URLs,
// and OAuth redirect URIs must match exactly.
export const APP_URL = `http://localhost:${APP_PORT}`;
export const FAKE_OPENAI_URL = `http://127.0.0.1:${FAKE_OPENAI_PORT}`;
// Set: the suite's main dashboard runs on this PostgreSQL database (emptied when the suite starts)
// instead of PGlite in its DATA_DIR. `npm test` runs a few specs this way (scripts/test.mjs).
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL || undefined;
/** The driver the main dashboard's health reports. */
export const E2E_DATABASE_DRIVER = E2E_DATABASE_URL ? "pg" : "pglite";
// e2e/signup-policy.spec.ts starts a second, invite-only dashboard here with its own DATA_DIR.
export const POLICY_APP_PORT = APP_PORT + 1;
export const POLICY_APP_URL = `http://localhost:${POLICY_APP_PORT}`;
// The e2e app's DATA_DIR (PGlite files, generated secrets, server.log); wiped when the suite starts.
export const E2E_DATA_DIR = `.data-e2e-${APP_PORT}`;
// keys-canary.spec.ts writes its markers here; keys-leak.after-all.spec.ts scans for them.
export const CANARY_FILE = `${E2E_DATA_DIR}/canary-markers.jsonl`;

/** The environment of an e2e dashboard (`next start`): offline OpenAI double, the e2e OIDC provider, short tickets. */
export function appServerEnv(dataDir: string): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    OPENAI_BASE_URL: `${FAKE_OPENAI_URL}/v1`,
    OPENAI_TIMEOUT_MS: "1500",
    METRICS_TOKEN: "e2e-metrics-token",
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_OIDC_ISSUER: `http://127.0.0.1:${OIDC_PORT}`,
    AUTH_OIDC_ID: "opencto-e2e",
    AUTH_OIDC_SECRET: "opencto-e2e-secret",
    AUTH_OIDC_NAME: "Company SSO",
    INVITE_TTL_HOURS: "72",
    // Short enough that e2e can watch a relay ticket expire, long enough that a spec on a busy
    // machine spends it in time (3 s was not: two specs saw their fresh ticket expire). The browser spends it within ms.
    REALTIME_TICKET_TTL_SECONDS: "6",
  };
}

/** What a dashboard on PostgreSQL needs besides its URL: the secrets embedded mode would generate (fixed, test-only). */
export function postgresServerEnv(databaseUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    PORT: String(APP_PORT),
    AUTH_SECRET: Buffer.alloc(32, 7).toString("base64"),
    ENCRYPTION_KEYS: `v1:${Buffer.alloc(32, 9).toString("base64")}`,
  };
}

// sessions-throttle.spec.ts starts a second dashboard here, with SMTP_URL pointing at its own SMTP server.
export const MAIL_APP_PORT = APP_PORT + 2;
// preview-deploys.spec.ts: a "preview" and a "stable" instance, each on its own host name (Chromium
// resolves *.localhost to loopback), so that their cookies stay apart as on two real domains.
export const PREVIEW_PORT = APP_PORT + 3;
export const STABLE_PORT = APP_PORT + 4;
export const PREVIEW_URL = `http://preview.localhost:${PREVIEW_PORT}`;
export const STABLE_URL = `http://stable.localhost:${STABLE_PORT}`;
// database-away.spec.ts and env-local-start.spec.ts: one extra server each (ports of their own, as
// specs run on two workers at once).
export const DATABASE_AWAY_PORT = APP_PORT + 5;
export const ENV_LOCAL_PORT = APP_PORT + 6;
// workspace-delete.spec.ts: a server on Postgres, so that the test can count the deleted workspace's rows.
export const WORKSPACE_DELETE_PORT = APP_PORT + 7;
// alerts.spec.ts: a dashboard with a real SMTP server, its own OpenAI double and private webhooks allowed.
export const ALERTS_APP_PORT = APP_PORT + 8;

/** Debian's Chromium as every spec launches it: no sandbox (root in CI), nothing that calls the network. */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};
