// `npm run bench` (after the server figures) and `node bench/usage-render.mjs`: how long the Usage
// page takes, in the browser, from the arrival of a large answer to being interactive again.
// The OpenAI double describes 20 models in 10 projects; the page asks for 90 days, daily, grouped
// by model (1,800 rows) and by project (900). The page itself measures (performance.measure
// "usage:render", app/_components/usage/render-measure.ts): from the answer's arrival to the first
// task after its render is painted. Interactive charts (recharts) are loaded first, as for any
// reader who has moved the mouse. Target: 200 ms.
import fs from "node:fs";
import { chromium } from "@playwright/test";
import { DEMO_USER, startDemoStack } from "../scripts/demo-stack.mjs";
import { signIn } from "../scripts/sign-in.mjs";

const APP_PORT = Number(process.env.BENCH_RENDER_APP_PORT || 3720);
const FAKE_PORT = Number(process.env.BENCH_RENDER_FAKE_PORT || 4720);
const APP = `http://localhost:${APP_PORT}`;
const RUNS = Number(process.env.BENCH_RENDER_RUNS || 5);
const MODELS = 20;
const PROJECTS = 10;
const TARGET_MS = 200;
const DATA_DIR = ".data-bench-render";

fs.rmSync(DATA_DIR, { recursive: true, force: true });
const { stop } = await startDemoStack({
  appPort: APP_PORT,
  fakePort: FAKE_PORT,
  dataDir: DATA_DIR,
  stdio: ["ignore", "ignore", "inherit"],
  fakeArgs: ["--usage-models", String(MODELS), "--usage-projects", String(PROJECTS)],
});
process.on("exit", stop);
const cookie = await signIn(APP, DEMO_USER);
const [name, value] = cookie.split("=");

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium" });
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = {};
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name, value: value ?? "", url: APP }]);
  const page = await context.newPage();
  for (const groupBy of ["model", "project"]) {
    const day = (n) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    await page.goto(`${APP}/usage?start=${day(89)}&end=${day(0)}&groupBy=${groupBy}&bucket=1d`);
    await page.getByTestId("usage-as-of").waitFor();
    // The reader's first move loads the interactive charts; wait for them before measuring.
    for (let i = 0; !(await page.getByTestId("usage-charts").getAttribute("data-interactive")).includes("true") && i < 100; i++) {
      await page.mouse.move(10 + i, 10 + i);
      await page.waitForTimeout(100);
    }
    const runs = [];
    const rendered = () =>
      page.waitForFunction(() => performance.getEntriesByName("usage:render")[0]?.duration, undefined, { timeout: 60_000 });
    const clear = () => page.evaluate(() => performance.clearMeasures("usage:render"));
    for (let i = 0; i < RUNS; i++) {
      await clear();
      await page.getByRole("button", { name: "7 days" }).click();
      await rendered();
      await clear();
      await page.getByRole("button", { name: "90 days" }).click();
      const ms = await rendered();
      const rows = Number((await page.getByTestId("usage-table-rows").textContent())?.match(/of ([\d,]+) rows/)?.[1]?.replace(/,/g, ""));
      runs.push({ ms: Math.round(await ms.jsonValue()), rows });
    }
    results[groupBy] = { medianMs: median(runs.map((r) => r.ms)), rows: runs[0].rows, runs };
    console.log(
      `usage render, 90 days by ${groupBy} (${runs[0].rows} rows): median ${results[groupBy].medianMs} ms (runs ${runs.map((r) => r.ms).join(", ")})`,
    );
  }
} finally {
  await browser.close();
}

fs.mkdirSync("bench/results", { recursive: true });
const file = `bench/results/usage-render-${new Date().toISOString().slice(0, 19).replace(/:/g, "-")}.json`;
fs.writeFileSync(
  file,
  `${JSON.stringify({ date: new Date().toISOString(), models: MODELS, projects: PROJECTS, days: 90, targetMs: TARGET_MS, results }, null, 2)}\n`,
);
console.log(`written: ${file}`);
const slow = Object.entries(results).filter(([, r]) => r.medianMs > TARGET_MS);
console.log(slow.length ? `over ${TARGET_MS} ms: ${slow.map(([g]) => g).join(", ")}` : `within ${TARGET_MS} ms`);
process.exit(0);
