// The demo stack: the offline OpenAI double, the production build wired to it with fake fallback
// keys the double accepts, and the demo user. `npm run demo` and `npm run lighthouse` start it.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { bin, runOrExit, serverScript, waitFor } from "./run.mjs";

export const DEMO_USER = { email: "demo@opencto.local", password: "demo-password-2026" };

/**
 * Builds once if needed, seeds the demo user, starts both servers; resolves when the app is healthy.
 * `fakeArgs`: extra options for the OpenAI double (e.g. a larger usage dataset).
 */
export async function startDemoStack({ appPort, fakePort, dataDir, stdio = "inherit", fakeArgs = [] }) {
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    DATA_DIR: dataDir,
    // The demo user is the first account, so it owns the instance; others join through its invites.
    SIGNUP_MODE: "invite",
    OPENAI_BASE_URL: `http://127.0.0.1:${fakePort}/v1`,
    OPENAI_API_KEY: "sk-fake-demo-standard-key-00000000000",
    OPENAI_ADMIN_KEY: "sk-admin-fake-demo-admin-key-0000000",
  };
  delete env.DATABASE_URL;
  if (!fs.existsSync(".next/BUILD_ID")) await runOrExit(process.execPath, ["scripts/build.mjs"], { env });
  await runOrExit(...serverScript("scripts/seed-demo.ts"), { env });
  const children = [
    spawn(bin("tsx"), ["fake-openai/cli.ts", "--port", String(fakePort), "--quiet", ...fakeArgs], { stdio, env }),
    spawn(bin("next"), ["start", "-p", String(appPort)], { stdio, env }),
  ];
  const stop = () => {
    for (const child of [...children].reverse()) child.kill("SIGTERM");
  };
  await waitFor(`http://localhost:${appPort}/api/health`).catch((error) => {
    stop();
    throw error;
  });
  return { children, stop };
}
