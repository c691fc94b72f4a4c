// `npm test`: lint, typecheck, unit + integration (Vitest), production build, e2e (Playwright).
// Every suite runs even if an earlier one failed; the last line sums them all.
import fs from "node:fs";
import { bin, run } from "./run.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
fs.rmSync("reports", { recursive: true, force: true });
fs.mkdirSync("reports", { recursive: true });

const results = [];
const POSTGRES_SPECS = ["e2e/api-guard.spec.ts", "e2e/smoke.spec.ts", "e2e/keys-api.spec.ts", "e2e/realtime-api.spec.ts"];

/** E2E_DATABASE_URL, else a database of its own next to TEST_POSTGRES_URL's (one per e2e port, so checkouts do not share it). */
function e2eDatabaseUrl() {
  if (process.env.E2E_DATABASE_URL) return process.env.E2E_DATABASE_URL;
  const url = new URL(process.env.TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/test");
  url.pathname = `/opencto_e2e_${process.env.E2E_APP_PORT || 3210}`;
  return url.toString();
}
const readJson = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : null);

async function check(name, command, args) {
  const started = Date.now();
  console.log(`\n━━ ${name}`);
  const code = await run(command, args);
  results.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, seconds: (Date.now() - started) / 1000 });
  return code;
}

async function suite(name, command, args, count, options) {
  const started = Date.now();
  console.log(`\n━━ ${name}`);
  const code = await run(command, args, options);
  const counted = count();
  // A runner that crashed before reporting counts as one failure.
  const failed = counted ? counted.failed + (code !== 0 && counted.failed === 0 ? 1 : 0) : 1;
  results.push({ name, passed: counted?.passed ?? 0, failed, seconds: (Date.now() - started) / 1000 });
}

await check("lint (biome)", bin("biome"), ["check", "."]);
await check("typecheck (tsc)", "sh", ["-c", `${bin("next")} typegen >/dev/null && ${bin("tsc")} --noEmit`]);
await suite(
  "unit + integration (vitest)",
  bin("vitest"),
  ["run", "--reporter=default", "--reporter=json", "--outputFile.json=reports/vitest.json"],
  () => {
    const r = readJson("reports/vitest.json");
    return r && { passed: r.numPassedTests, failed: r.numFailedTests };
  },
);
const built = await check("production build", process.execPath, ["scripts/build.mjs"]);
if (built === 0) {
  await suite("e2e (playwright, chromium)", bin("playwright"), ["test"], () => {
    const r = readJson("reports/e2e.json");
    return r && { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected };
  });
  // The same dashboard on PostgreSQL: a few specs that cover health, sign-in, the key vault and
  // realtime tokens, so a driver difference shows without running the whole suite twice.
  await suite(
    "e2e on PostgreSQL (subset)",
    bin("playwright"),
    ["test", "--project=chromium", ...POSTGRES_SPECS],
    () => {
      const r = readJson("reports/e2e-postgres.json");
      return r && { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected };
    },
    { env: { ...process.env, E2E_DATABASE_URL: e2eDatabaseUrl() } },
  );
}

console.log("\n━━ summary");
for (const r of results)
  console.log(
    `${r.name.padEnd(32)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  ${r.seconds.toFixed(0)}s`,
  );
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
