import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import autocannon from "autocannon";
import { serverScript, waitFor } from "../scripts/run.mjs";
import { signIn } from "../scripts/sign-in.mjs";
process.chdir("/work/main");
const FAKE_PORT = 4990, APP_PORT = 3990;
const FAKE = `http://127.0.0.1:${FAKE_PORT}`, APP = `http://127.0.0.1:${APP_PORT}`;
const USER = { email: "bench@opencto.local", password: "bench-password-123" };
const KEY = "sk-bench-upstream-key-000000000000";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", OPENCTO_BENCH_BUILD: "1", DATA_DIR: ".data-prof", OPENAI_BASE_URL: `${FAKE}/v1`, OPENAI_API_KEY: KEY, RATE_LIMIT_REALTIME_PER_MINUTE: "100000000", RATE_LIMIT_CTO_OPENAI_PER_MINUTE: "100000000" };
delete env.DATABASE_URL;
if (process.env.PROF_DATABASE_URL) { env.DATABASE_URL = process.env.PROF_DATABASE_URL; env.AUTH_SECRET = "x".repeat(43); env.ENCRYPTION_KEYS = `v1:${Buffer.alloc(32, 7).toString("base64")}`; }
const kids = [];
process.on("exit", () => kids.reverse().forEach((k) => k.kill("SIGTERM")));
const start = (cmd, args) => { const c = spawn(cmd, args, { env, stdio: ["ignore", "ignore", "inherit"] }); kids.push(c); return c; };
fs.rmSync(".data-prof", { recursive: true, force: true });
start("node_modules/.bin/tsx", ["fake-openai/cli.ts", "--port", String(FAKE_PORT), "--quiet"]);
await waitFor(`${FAKE}/_fake/requests`);
if (env.DATABASE_URL) { execFileSync("psql", [env.DATABASE_URL, "-q", "-c", "drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;"]); execFileSync(...serverScript("lib/database/migrate-cli.ts"), { env, stdio: "inherit" }); }
execFileSync(...serverScript("bench/seed.ts", USER.email, USER.password, KEY), { env, stdio: "inherit" });
const prof = process.env.PROF === "1" ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : [];
const app = start(process.execPath, [...prof, "node_modules/next/dist/bin/next", "start", "-p", String(APP_PORT), "-H", "127.0.0.1"]);
await waitFor(`${APP}/api/health`);
const cookie = await signIn(APP, USER);
const m = await fetch(`${APP}/api/v1/realtime/token`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: "{}" });
if (!m.ok) throw new Error(await m.text());
const logged = await (await fetch(`${FAKE}/_fake/requests?path=/v1/realtime/client_secrets`)).json();
const upstreamBody = JSON.stringify(logged.data.at(-1).body);
const run = (target, c, d) => new Promise((res, rej) => autocannon({ ...target, connections: c, duration: d }, (e, r) => (e ? rej(e) : res(r))));
const targets = { minimal: { url: `${APP}/api/bench/minimal`, method: "POST", headers: { "content-type": "application/json" }, body: upstreamBody }, token: { url: `${APP}/api/v1/realtime/token`, method: "POST", headers: { "content-type": "application/json", cookie }, body: "{}" } };
const which = (process.env.PROF_TARGETS || "minimal,token").split(",");
for (const c of (process.env.PROF_C || "1,16").split(",").map(Number)) for (const t of which) {
  await run(targets[t], c, 2);
  const r = await run(targets[t], c, Number(process.env.PROF_S || 5));
  console.log(`${t} c=${c}: ${r.requests.average} rps p50 ${r.latency.p50} non2xx ${r.non2xx}`);
}
app.kill("SIGINT");
await new Promise((r) => setTimeout(r, 1500));
process.exit(0);
