// `npm run demo`: the offline OpenAI double plus the dashboard wired to it, with a demo user.
// Nothing leaves this machine; the server's fallback keys are fake ones the double accepts.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { bin, runOrExit } from "./run.mjs";

const fakePort = process.env.FAKE_OPENAI_PORT || "4010";
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  DATA_DIR: process.env.DATA_DIR || ".data-demo",
  OPENAI_BASE_URL: `http://127.0.0.1:${fakePort}/v1`,
  OPENAI_API_KEY: "sk-fake-demo-standard-key-00000000000",
  OPENAI_ADMIN_KEY: "sk-admin-fake-demo-admin-key-0000000",
};
delete env.DATABASE_URL;

if (!fs.existsSync(".next/BUILD_ID")) await runOrExit(process.execPath, ["scripts/build.mjs"], { env });
await runOrExit(bin("tsx"), ["scripts/seed-demo.ts"], { env });

const children = [
  spawn(bin("tsx"), ["e2e/fake-openai/cli.ts", "--port", fakePort, "--quiet"], { stdio: "inherit", env }),
  spawn(bin("next"), ["start", "-p", process.env.PORT || "3000"], { stdio: "inherit", env }),
];
console.log(
  `\n[demo] dashboard: http://localhost:${process.env.PORT || "3000"}  ·  sign in as demo@opencto.local / demo-password-2026\n`,
);
const stop = () => {
  for (const child of children) child.kill("SIGTERM");
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const child of children) child.on("exit", stop);
