import { defineConfig, devices } from "@playwright/test";
import {
  CHROMIUM_LAUNCH,
  APP_PORT,
  APP_URL,
  appServerEnv,
  postgresServerEnv,
  E2E_DATA_DIR,
  E2E_DATABASE_URL,
  FAKE_OPENAI_PORT,
  FAKE_OPENAI_URL,
  OIDC_PORT,
  POLICY_APP_URL,
  STABLE_URL,
} from "./e2e/support/env";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  globalSetup: "./e2e/global-setup.ts",
  reporter: [["list"], ["json", { outputFile: E2E_DATABASE_URL ? "reports/e2e-postgres.json" : "reports/e2e.json" }]],
  use: {
    baseURL: APP_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: CHROMIUM_LAUNCH,
  },
  projects: [
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      testIgnore: ["**/*.after-all.spec.ts", "**/*.timing.spec.ts"],
    },
    // Timings run alone once the functional specs are done, so other specs do not share the cores.
    {
      name: "timing",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      testMatch: "**/*.timing.spec.ts",
      dependencies: ["chromium"],
    },
    // Runs once everything else has: scans the server's whole log and its stored bytes for leaked secrets.
    { name: "after-all", testMatch: "**/*.after-all.spec.ts", dependencies: ["chromium", "timing"] },
  ],
  webServer: [
    {
      command: `node_modules/.bin/tsx e2e/oidc/server.ts`,
      url: `http://127.0.0.1:${OIDC_PORT}/.well-known/openid-configuration`,
      env: { OIDC_PORT: String(OIDC_PORT), APP_URLS: `${APP_URL},${POLICY_APP_URL},${STABLE_URL}` },
      reuseExistingServer: false,
    },
    {
      command: `node_modules/.bin/tsx fake-openai/cli.ts --port ${FAKE_OPENAI_PORT} --quiet`,
      url: `${FAKE_OPENAI_URL}/_fake/requests`,
      reuseExistingServer: false,
    },
    {
      // The server's output also goes to server.log, which the secret-leak check reads. With
      // E2E_DATABASE_URL its database is emptied and migrated first, as `npm start` does.
      command: E2E_DATABASE_URL
        ? `rm -rf ${E2E_DATA_DIR} && mkdir -p ${E2E_DATA_DIR} && node_modules/.bin/tsx e2e/support/reset-database.ts && node scripts/start.mjs 2>&1 | tee ${E2E_DATA_DIR}/server.log`
        : `rm -rf ${E2E_DATA_DIR} && mkdir -p ${E2E_DATA_DIR} && node_modules/.bin/next start -p ${APP_PORT} 2>&1 | tee ${E2E_DATA_DIR}/server.log`,
      url: `${APP_URL}/api/health`,
      timeout: 60_000,
      stdout: "pipe",
      env: {
        ...appServerEnv(E2E_DATA_DIR),
        // Most specs sign strangers up freely; e2e/signup-policy.spec.ts runs its own invite-only server.
        SIGNUP_MODE: "open",
        // Every spec signs up and in from this one machine: the per-address budget would be shared by
        // the whole suite. Per-email limits stay at their defaults (sessions-throttle.spec.ts).
        THROTTLE_ADDRESS_PER_MINUTE: "5000",
        ...(E2E_DATABASE_URL ? postgresServerEnv(E2E_DATABASE_URL) : {}),
      },
      reuseExistingServer: false,
    },
  ],
});
