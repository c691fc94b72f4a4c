import fs from "node:fs";
import { gzipSync } from "node:zlib";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { newUser, signUp } from "./support/users";

// First-load JavaScript per page of the production build, gzip-compressed as a browser would
// receive it. Budgets fail the suite; the table goes to reports/page-weight.json.
const BUDGETS_KB: Record<string, number> = {
  // Target 130: Next.js 16 + React 19's own client runtime is ~132 KB of it on a page with no
  // component JavaScript (the login form is server-rendered). Held at today's 136 so it cannot grow.
  "/login": 137,
  // 152 with transcription mode, approval cards and the leave guard (lazy-loading the event log
  // and the transcription console saved 0.1 KB: the weight is the shared voice engine).
  "/voice": 155,
  "/chat": 150,
  // No chart library in the first load: static SVG charts first, recharts on the first move.
  "/usage": 160,
  "/": 170,
  "/ops": 170,
  "/calls": 170,
  "/settings": 170,
  "/settings/keys": 170,
  "/settings/assistant": 170,
};

/**
 * First-load JS as Next.js defines it: the scripts the server-rendered HTML references. Chunks
 * imported later on demand (the charts, the Agents SDK on Start) are not part of it.
 */
async function firstLoadJsKb(request: APIRequestContext, path: string): Promise<number> {
  const res = await request.get(path);
  expect(res.status(), path).toBe(200);
  const html = await res.text();
  // `nomodule` scripts are polyfills that modern browsers never download.
  const tags = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!).filter((attrs) => !/\bnomodule\b/i.test(attrs));
  const sources = [...new Set(tags.flatMap((attrs) => attrs.match(/\bsrc="([^"]+)"/)?.[1] ?? []))];
  expect(sources.length, `${path} references scripts`).toBeGreaterThan(0);
  const sizes = await Promise.all(sources.map(async (src) => gzipSync(await (await request.get(src)).body(), { level: 9 }).length));
  return Math.round(sizes.reduce((a, b) => a + b, 0) / 102.4) / 10;
}

test("first-load JS of every page stays within its budget", async ({ browser }) => {
  const results: Record<string, { kb: number; budgetKb: number }> = {};
  const anonymous = await browser.newContext();
  results["/login"] = { kb: await firstLoadJsKb(anonymous.request, "/login"), budgetKb: BUDGETS_KB["/login"]! };
  const context = await browser.newContext();
  await signUp(await context.newPage(), newUser("Weight"));
  for (const path of Object.keys(BUDGETS_KB).filter((p) => p !== "/login"))
    results[path] = { kb: await firstLoadJsKb(context.request, path), budgetKb: BUDGETS_KB[path]! };
  fs.mkdirSync("reports", { recursive: true });
  fs.writeFileSync("reports/page-weight.json", `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    Object.entries(results)
      .map(([p, r]) => `${p.padEnd(16)} ${String(r.kb).padStart(6)} KB gzip (budget ${r.budgetKb})`)
      .join("\n"),
  );
  for (const [path, r] of Object.entries(results)) expect(r.kb, `${path} first-load JS (KB gzip)`).toBeLessThanOrEqual(r.budgetKb);
});
