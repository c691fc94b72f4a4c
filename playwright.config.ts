import { defineConfig, devices } from "@playwright/test";
import { APP_PORT, APP_URL, E2E_DATA_DIR, FAKE_OPENAI_PORT, FAKE_OPENAI_URL, OIDC_PORT, STABLE_URL } from "./e2e/support/env";


export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  reporter: [["list"], ["json", { outputFile: "reports/e2e.json" }]],
  use: {
    baseURL: APP_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined }, testIgnore: ["**/*.after-all.spec.ts", "**/*.timing.spec.ts"] },
    // Timings run alone once the functional specs are done, so other specs do not share the cores.
    { name: "timing", use: { ...devices["Desktop Chrome"], channel: undefined }, testMatch: "**/*.timing.spec.ts", dependencies: ["chromium"] },
    // Runs once everything else has: scans the server's whole log and its stored bytes for leaked secrets.
    { name: "after-all", testMatch: "**/*.after-all.spec.ts", dependencies: ["chromium", "timing"] },
  ],
  webServer: [
    {
      command: `node_modules/.bin/tsx e2e/oidc/server.ts`,
      url: `http://127.0.0.1:${OIDC_PORT}/.well-known/openid-configuration`,
      env: { OIDC_PORT: String(OIDC_PORT), APP_URL, OIDC_EXTRA_REDIRECT_URIS: `${STABLE_URL}/api/auth/callback/oidc` },
      reuseExistingServer: false,
    },
    {
      command: `node_modules/.bin/tsx fake-openai/cli.ts --port ${FAKE_OPENAI_PORT} --quiet`,
      url: `${FAKE_OPENAI_URL}/_fake/requests`,
      reuseExistingServer: false,
    },
    {
      // The server's output also goes to server.log, which the secret-leak check reads.
      command: `rm -rf ${E2E_DATA_DIR} && mkdir -p ${E2E_DATA_DIR} && node_modules/.bin/next start -p ${APP_PORT} 2>&1 | tee ${E2E_DATA_DIR}/server.log`,
      url: `${APP_URL}/api/health`,
      timeout: 60_000,
      stdout: "pipe",
      env: {
        DATA_DIR: E2E_DATA_DIR,
        OPENAI_BASE_URL: `${FAKE_OPENAI_URL}/v1`,
        OPENAI_TIMEOUT_MS: "1500",
        METRICS_TOKEN: "e2e-metrics-token",
        NEXT_TELEMETRY_DISABLED: "1",
        AUTH_OIDC_ISSUER: `http://127.0.0.1:${OIDC_PORT}`,
        AUTH_OIDC_ID: "opencto-e2e",
        AUTH_OIDC_SECRET: "opencto-e2e-secret",
        AUTH_OIDC_NAME: "Company SSO",
        INVITE_TTL_HOURS: "72",
        // Short enough that e2e can watch a relay ticket expire; the browser spends it within ms.
        REALTIME_TICKET_TTL_SECONDS: "3",
      },
      reuseExistingServer: false,
    },
  ],
});
