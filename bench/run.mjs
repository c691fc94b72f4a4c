// `npm run bench`: what the dashboard adds on top of OpenAI, measured side by side in one run.
// Starts the fake upstream (no injected latency), a production bench build and a peer gateway
// (Portkey's open-source gateway) on loopback, then loads each target with autocannon at
// concurrency 1, 16 and 64 (warm-up, then a fixed window); streams are timed to their first byte.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import autocannon from "autocannon";
import { serverScript, waitFor } from "../scripts/run.mjs";
import { signIn } from "../scripts/sign-in.mjs";
import { chatTargets, memoryOverRequests, summariseChat, timeToFirstByte } from "./chat.mjs";

const FAKE_PORT = Number(process.env.BENCH_FAKE_PORT || 4710);
const APP_PORT = Number(process.env.BENCH_APP_PORT || 3710);
const PEER_PORT = Number(process.env.BENCH_PEER_PORT || 4711);
const FAKE = `http://127.0.0.1:${FAKE_PORT}`;
const APP = `http://127.0.0.1:${APP_PORT}`;
const PEER = `http://127.0.0.1:${PEER_PORT}`;
// `realtime` (the token route and the models proxy), `chat` (the OpenAI-compatible chat endpoint
// against the peer gateway), or both.
const SUITES = (process.env.BENCH_SUITES || "realtime,chat").split(",");
const DATA_DIR = ".data-bench";
const WARMUP_S = Number(process.env.BENCH_WARMUP_S || 2);
const DURATION_S = Number(process.env.BENCH_DURATION_S || 5);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY || "1,16,64").split(",").map(Number);
const UPSTREAM_KEY = "sk-bench-upstream-key-000000000000";
const USER = { email: "bench@opencto.local", password: "bench-password-123" };
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  OPENCTO_BENCH_BUILD: "1",
  DATA_DIR,
  OPENAI_BASE_URL: `${FAKE}/v1`,
  OPENAI_API_KEY: UPSTREAM_KEY,
  RATE_LIMIT_REALTIME_PER_MINUTE: "100000000",
  RATE_LIMIT_CTO_OPENAI_PER_MINUTE: "100000000",
  RATE_LIMIT_GATEWAY_PER_MINUTE: "100000000",
};
// Embedded PGlite by default (what `npm start` runs); BENCH_DATABASE_URL measures against a
// PostgreSQL server instead (its database is emptied first), as a deployment would run.
delete env.DATABASE_URL;
if (process.env.BENCH_DATABASE_URL) {
  env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
  env.AUTH_SECRET = randomBytes(32).toString("base64url");
  env.ENCRYPTION_KEYS = `v1:${randomBytes(32).toString("base64")}`;
}

const children = [];
const stopAll = () => {
  for (const child of [...children].reverse()) child.kill("SIGTERM"); // the app first, then its upstream
};
process.on("exit", stopAll);
process.on("SIGINT", () => process.exit(130));

function start(command, args) {
  const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "inherit"] });
  children.push(child);
  return child;
}

/** Resident memory of a process and its children, in MiB. */
function rssMiB(pid) {
  const pids = [
    pid,
    ...execFileSync("sh", ["-c", `pgrep -P ${pid} || true`])
      .toString()
      .split("\n")
      .filter(Boolean)
      .map(Number),
  ];
  const kb = pids.reduce((sum, p) => {
    try {
      return sum + Number(fs.readFileSync(`/proc/${p}/status`, "utf8").match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
    } catch {
      return sum;
    }
  }, 0);
  return Math.round(kb / 102.4) / 10;
}

const percentile = (sorted, q) => {
  const value = sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return value === undefined ? null : Math.round(value * 100) / 100;
};

function load(target, connections, duration) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const statuses = {};
    const instance = autocannon({ ...target, connections, duration, pipelining: 1 }, (error, result) =>
      error ? reject(error) : resolve({ result, latencies, statuses }),
    );
    instance.on("response", (_client, status, _bytes, ms) => {
      latencies.push(ms);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
}

async function measure(name, target, pid) {
  const rows = [];
  for (const c of CONCURRENCY) {
    await load(target, c, WARMUP_S);
    const rssBefore = pid ? rssMiB(pid) : null;
    const { result, latencies, statuses } = await load(target, c, DURATION_S);
    const sorted = latencies.sort((a, b) => a - b);
    const ok = Object.entries(statuses)
      .filter(([s]) => Number(s) < 400)
      .reduce((n, [, v]) => n + v, 0);
    rows.push({
      target: name,
      concurrency: c,
      rps: Math.round(result.requests.average * 10) / 10,
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      p99: percentile(sorted, 0.99),
      errors: result.errors + result.timeouts + (latencies.length - ok),
      rssBeforeMiB: rssBefore,
      rssAfterMiB: pid ? rssMiB(pid) : null,
    });
    console.log(`  ${name} c=${c}: ${rows.at(-1).rps} req/s, p50 ${rows.at(-1).p50} ms, errors ${rows.at(-1).errors}`);
  }
  return rows;
}

if (!fs.existsSync(".next-bench/BUILD_ID")) {
  console.log("building the bench build (once)…");
  execFileSync("node_modules/.bin/next", ["build"], { env, stdio: "inherit" });
}
fs.rmSync(DATA_DIR, { recursive: true, force: true });
const fake = start("node_modules/.bin/tsx", ["fake-openai/cli.ts", "--port", String(FAKE_PORT), "--quiet"]);
await waitFor(`${FAKE}/_fake/requests`);
if (env.DATABASE_URL) {
  execFileSync("psql", [
    env.DATABASE_URL,
    "-q",
    "-c",
    "drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;",
  ]);
  execFileSync(...serverScript("lib/database/migrate-cli.ts"), { env, stdio: "inherit" });
}
const seeded = execFileSync(...serverScript("bench/seed.ts", USER.email, USER.password, UPSTREAM_KEY), {
  env,
  stdio: ["ignore", "pipe", "inherit"],
});
const { token } = JSON.parse(seeded.toString().trim().split("\n").at(-1));
const app = start("node_modules/.bin/next", ["start", "-p", String(APP_PORT), "-H", "127.0.0.1"]);
const peer = SUITES.includes("chat")
  ? start(process.execPath, ["node_modules/@portkey-ai/gateway/build/start-server.js", `--port=${PEER_PORT}`, "--headless"])
  : null;
await waitFor(`${APP}/api/health`);
if (peer) await waitFor(`${PEER}/`);
const cookie = await signIn(APP, USER);
// The floor and the minimal route send the very request body the token route sends upstream (the
// workspace policy: model, voice, instructions, tools), so the comparison isolates what we add.
const minted = await fetch(`${APP}/api/v1/realtime/token`, {
  method: "POST",
  headers: { cookie, "content-type": "application/json" },
  body: "{}",
});
if (!minted.ok) throw new Error(`token route answered ${minted.status}: ${await minted.text()}`);
const logged = await (await fetch(`${FAKE}/_fake/requests?path=/v1/realtime/client_secrets`)).json();
const upstreamBody = JSON.stringify(logged.data.at(-1).body);
await fetch(`${FAKE}/_fake/reset`, { method: "POST" });

const post = { method: "POST", headers: { "content-type": "application/json" } };
const targets = SUITES.includes("realtime")
  ? [
      [
        "floor: fake client_secrets",
        fake.pid,
        {
          url: `${FAKE}/v1/realtime/client_secrets`,
          ...post,
          headers: { ...post.headers, authorization: `Bearer ${UPSTREAM_KEY}` },
          body: upstreamBody,
        },
      ],
      ["minimal route", app.pid, { url: `${APP}/api/bench/minimal`, ...post, body: upstreamBody }],
      [
        "POST /api/v1/realtime/token",
        app.pid,
        { url: `${APP}/api/v1/realtime/token`, ...post, headers: { ...post.headers, cookie }, body: "{}" },
      ],
      ["models (cached)", app.pid, { url: `${APP}/api/v1/cto/openai/models`, headers: { cookie } }],
      ["models (uncached)", app.pid, { url: `${APP}/api/v1/cto/openai/models?refresh=1`, headers: { cookie } }],
    ]
  : [];
const chat = chatTargets({
  fake: FAKE,
  app: APP,
  peer: PEER,
  upstreamKey: UPSTREAM_KEY,
  token,
  pids: { fake: fake.pid, app: app.pid, peer: peer?.pid },
});
if (SUITES.includes("chat")) targets.push(...chat.load);

console.log(`\nmeasuring: ${WARMUP_S}s warm-up + ${DURATION_S}s per point, concurrency ${CONCURRENCY.join("/")}`);
const rows = [];
for (const [name, pid, target] of targets) rows.push(...(await measure(name, target, pid)));

const streaming = [];
let memory = null;
if (SUITES.includes("chat")) {
  console.log("\nstreaming chat: time to first byte, one request at a time");
  for (const [name, target] of chat.streams) streaming.push({ target: name, ...(await timeToFirstByte(target)) });
  console.log("memory of the dashboard over 20k chat completions (concurrency 16)");
  memory = await memoryOverRequests(chat.ours, app.pid, rssMiB);
}

const at = (name, c) => rows.find((r) => r.target === name && r.concurrency === c);
const headline = CONCURRENCY.filter(() => SUITES.includes("realtime")).map((c) => {
  const floor = at("floor: fake client_secrets", c);
  const minimal = at("minimal route", c);
  const ours = at("POST /api/v1/realtime/token", c);
  return {
    concurrency: c,
    addedP50OverFloorMs: ours && floor ? Math.round((ours.p50 - floor.p50) * 100) / 100 : null,
    throughputVsMinimal: ours && minimal ? Math.round((ours.rps / minimal.rps) * 100) / 100 : null,
  };
});

console.log("\n| target | c | req/s | p50 ms | p95 ms | p99 ms | errors | RSS before→after MiB |");
console.log("|---|---:|---:|---:|---:|---:|---:|---|");
for (const r of rows)
  console.log(
    `| ${r.target} | ${r.concurrency} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} | ${r.rssBeforeMiB ?? "-"} → ${r.rssAfterMiB ?? "-"} |`,
  );
console.log("\nheadline: token route vs floor (p50 added) and vs the minimal route (throughput ratio)");
for (const h of headline)
  console.log(`  c=${h.concurrency}: +${h.addedP50OverFloorMs} ms p50 over the floor; ${h.throughputVsMinimal}× the minimal route's req/s`);
const chatSummary = SUITES.includes("chat") ? summariseChat({ rows, streaming, memory }) : null;

fs.mkdirSync("bench/results", { recursive: true });
const file = `bench/results/${new Date().toISOString().slice(0, 19).replace(/:/g, "-")}.json`;
fs.writeFileSync(
  file,
  `${JSON.stringify({ date: new Date().toISOString(), database: env.DATABASE_URL ? "postgres" : "pglite", upstreamBodyBytes: upstreamBody.length, warmupS: WARMUP_S, durationS: DURATION_S, rows, headline, streaming, memory, chat: chatSummary }, null, 2)}\n`,
);
console.log(`\nwritten: ${file}`);
process.exit(0);
