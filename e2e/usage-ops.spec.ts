import fs from "node:fs";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { FAKE_OPENAI_URL } from "./support/env";
import { testKey } from "./support/keys";
import { interactiveCharts, interactiveLegend, moveUntilVisible, tokenBars, tokensTooltipAtLastBucket } from "./support/charts";
import { signedUpContext } from "./support/users";

const USAGE = "/api/v1/cto/openai/usage";
const SEEDED_MODELS = ["gpt-realtime", "gpt-realtime-mini", "gpt-4o-mini", "gpt-4.1"];

// Faults hit only this spec's Admin keys (tag "usageops"), not other specs' usage reads running alongside.
const KEY_TAG = "sk-admin-usageops";

async function saveAdminKey(api: APIRequestContext) {
  const res = await api.put("/api/v1/llm/keys/openai-admin", { data: { apiKey: testKey("admin", "usageops") } });
  expect(res.status()).toBe(200);
}

async function injectFault(fault: string, path: string, count: number) {
  const res = await fetch(`${FAKE_OPENAI_URL}/_fake/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ fault, path, count, key: KEY_TAG }),
  });
  expect(res.ok).toBe(true);
}

const dayOffset = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

test("usage page: bars for the seeded models, range and group-by change the chart, CSV has the table's rows", async ({ browser }) => {
  const { page, api } = await signedUpContext(browser, "Usage");
  await saveAdminKey(api);
  await page.goto("/usage");
  const table = page.getByTestId("usage-table");
  await expect(table.locator("tbody tr")).toHaveCount(7 * SEEDED_MODELS.length);
  // The first view's charts are static SVG, a stacked bar per model and day, with the same legend.
  await expect(
    page
      .getByTestId("static-charts")
      .getByRole("img", { name: /Tokens per bucket/ })
      .locator("rect"),
  ).toHaveCount(7 * SEEDED_MODELS.length);
  for (const model of SEEDED_MODELS) await expect(page.getByTestId("usage-legend").getByText(model, { exact: true })).toBeVisible();
  await interactiveCharts(page);
  for (const model of SEEDED_MODELS) await expect(interactiveLegend(page).getByText(model, { exact: true })).toBeVisible();
  expect(await tokenBars(page)).toBe(7 * SEEDED_MODELS.length);
  // Pointing at a bar: a tooltip with the day and each model's tokens.
  const tooltip = await tokensTooltipAtLastBucket(page);
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText(dayOffset(0));
  for (const model of SEEDED_MODELS) await expect(tooltip).toContainText(`${model} : `);
  await page.mouse.move(0, 0);
  await expect(tooltip).toBeHidden();
  // The keyboard reaches the same tooltip, and Escape hides it.
  await page.getByTestId("tokens-chart").locator("svg.recharts-surface").focus();
  await page.keyboard.press("ArrowRight");
  await expect(tooltip).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(tooltip).toBeHidden();
  await page.screenshot({ path: "test-results/screenshots/usage-data-desktop-light.png", fullPage: true });

  await page.getByRole("button", { name: "30 days" }).click();
  await expect(table.locator("tbody tr")).toHaveCount(30 * SEEDED_MODELS.length);
  await expect.poll(() => tokenBars(page)).toBe(30 * SEEDED_MODELS.length);

  await page.getByLabel("Group by").selectOption("project");
  await expect(table.locator("tbody tr")).toHaveCount(30 * 2);
  // Projects by name (OpenAI's projects list), the id beside it in the table.
  await expect(table).toContainText("Voice assistant proj_fake_alpha");
  await expect(interactiveLegend(page).getByText("Support bot", { exact: true })).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
  const csv = fs
    .readFileSync((await download.path())!, "utf8")
    .trim()
    .split("\n");
  expect(csv[0]).toBe("date,project,input_tokens,output_tokens,cached_tokens,audio_tokens,requests,cost_usd,project_name");
  expect(csv).toHaveLength(30 * 2 + 1);
  const api30 = await (await api.get(`${USAGE}?start=${dayOffset(29)}&end=${dayOffset(0)}&groupBy=project`)).json();
  const csvRequests = csv.slice(1).reduce((n, line) => n + Number(line.split(",")[6]), 0);
  expect(csvRequests).toBe(api30.totals.requests);

  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "test-results/screenshots/usage-data-desktop-dark.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/screenshots/usage-data-phone-dark.png", fullPage: true });
});

test("Data as of · Refresh: a reload is answered from the server's cache, Refresh reads OpenAI again", async ({ browser }) => {
  const { page, api } = await signedUpContext(browser, "Refresh");
  // The double logs the key's last four characters: this test's own tail picks out its upstream reads.
  const tail = Math.random().toString(36).slice(2, 6).padEnd(4, "x");
  const saved = await api.put("/api/v1/llm/keys/openai-admin", {
    data: { apiKey: `sk-admin-fake-refresh${Date.now().toString(36)}${tail}`, verify: false },
  });
  expect(saved.status()).toBe(200);
  const lastRead = async () => {
    const res = await fetch(`${FAKE_OPENAI_URL}/_fake/requests?path=/v1/organization/usage/completions`);
    const mine = ((await res.json()).data as { id: number; headers: Record<string, string> }[]).filter((r) =>
      r.headers.authorization?.endsWith(tail),
    );
    return Math.max(0, ...mine.map((r) => r.id));
  };

  // The first view arrives with the page, its charts static SVG; the phone layout in both themes.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/usage");
  const at = page.getByTestId("usage-fetched-at");
  await expect(at).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}T/);
  await expect(page.getByTestId("static-charts")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/usage-first-view-phone-light.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "test-results/screenshots/usage-first-view-phone-dark.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });
  const first = (await at.getAttribute("datetime"))!;
  const readBefore = await lastRead();
  expect(readBefore).toBeGreaterThan(0);

  await page.reload();
  await expect(at).toHaveAttribute("datetime", first);
  expect(await lastRead()).toBe(readBefore);

  await page.getByTestId("usage-as-of").getByRole("button", { name: "Refresh" }).click();
  await expect(at).not.toHaveAttribute("datetime", first);
  expect(Date.parse((await at.getAttribute("datetime"))!)).toBeGreaterThan(Date.parse(first));
  expect(await lastRead()).toBeGreaterThan(readBefore);
  // The refreshed answer is what the cache now holds.
  const refreshed = (await at.getAttribute("datetime"))!;
  await page.reload();
  await expect(at).toHaveAttribute("datetime", refreshed);
});

test("usage without an admin key: a 424 that says where to add one, and the page links there", async ({ browser }) => {
  const { page, api } = await signedUpContext(browser, "NoKey");
  const res = await api.get(`${USAGE}?start=${dayOffset(6)}&end=${dayOffset(0)}`);
  expect(res.status()).toBe(424);
  expect(await res.json()).toMatchObject({ code: "no_key_configured", error: expect.stringContaining("Settings → API keys") });
  await page.goto("/usage");
  await expect(page.getByRole("heading", { name: "Could not load usage" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Add an OpenAI Admin key" })).toHaveAttribute("href", "/settings/keys");
  await page.screenshot({ path: "test-results/screenshots/usage-nokey-desktop-light.png" });
});

test("bad dates and ranges are clear 400s", async ({ browser }) => {
  const { api } = await signedUpContext(browser, "Dates");
  const cases: [string, RegExp][] = [
    ["start=2026-02-30&end=2026-03-01", /not a real calendar date/],
    ["start=2026-03-05&end=2026-03-01", /end must be on or after start/],
    ["start=2025-01-01&end=2026-01-01", /90 at most/],
    ["start=yesterday&end=2026-03-01", /start must be a date like/],
    ["end=2026-03-01", /start is required/],
  ];
  for (const [query, message] of cases) {
    const res = await api.get(`${USAGE}?${query}`);
    expect(res.status(), query).toBe(400);
    expect((await res.json()).error, query).toMatch(message);
  }
});

test("upstream faults map to 429/502/504 and show up in the ops metrics by status class", async ({ browser }) => {
  const { api } = await signedUpContext(browser, "Faults");
  await saveAdminKey(api);
  const path = "^/v1/organization/usage/completions";
  // Each case uses its own range so no cached report answers for it.
  const cases: [string, number, number, string][] = [
    ["429", 1, 429, "upstream_rate_limited"],
    ["500", 2, 502, "upstream_error"],
    ["timeout", 2, 504, "upstream_timeout"],
    ["malformed", 1, 502, "upstream_malformed"],
  ];
  for (const [i, [fault, count, status, code]] of cases.entries()) {
    await injectFault(fault, path, count);
    const res = await api.get(`${USAGE}?start=2025-0${i + 1}-01&end=2025-0${i + 1}-03`);
    expect(res.status(), fault).toBe(status);
    const body = await res.json();
    expect(body.code, fault).toBe(code);
    if (status === 429) expect(Number(res.headers()["retry-after"])).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toContain("sk-admin-");
  }
  // A 5xx once is retried and succeeds.
  await injectFault("503", path, 1);
  expect((await api.get(`${USAGE}?start=2025-06-01&end=2025-06-02`)).status()).toBe(200);

  await expect
    .poll(async () => {
      const metrics = await (await api.get("/api/v1/ops/metrics?window=1h")).json();
      return metrics.routes.find((r: { route: string }) => r.route === "cto_openai_proxy");
    })
    .toMatchObject({ requests: 5, rate429: 0.2, rate5xx: 0.6 });
});

test("exceeding the proxy limit gives 429 with Retry-After, and the ops page shows it", async ({ browser }) => {
  const { page, api } = await signedUpContext(browser, "Limit");
  await api.put("/api/v1/llm/keys/openai", { data: { apiKey: testKey("standard", "limit") } });
  // The limiter counts per clock minute: start early in a minute so all 110 calls share one window.
  const second = new Date().getUTCSeconds();
  if (second > 40) await page.waitForTimeout((61 - second) * 1000);
  const statuses: number[] = [];
  let limited: Awaited<ReturnType<APIRequestContext["get"]>> | undefined;
  for (let i = 0; i < 110; i++) {
    const res = await api.get("/api/v1/cto/openai/models");
    statuses.push(res.status());
    if (res.status() === 429) limited ??= res;
  }
  expect(statuses.slice(0, 90).every((s) => s === 200)).toBe(true);
  expect(statuses.slice(90).every((s) => s === 429)).toBe(true);
  expect(Number(limited!.headers()["retry-after"])).toBeGreaterThan(0);
  expect(limited!.headers()["ratelimit-remaining"]).toBe("0");
  const models = await (await page.request.get("/api/v1/cto/openai/models")).status();
  expect(models).toBe(429);

  await page.goto("/ops");
  const row = page.getByTestId("ops-route-cto_openai_proxy");
  await expect(row).toBeVisible();
  // The route reads by its name, and the 429 rate (second number column) is not zero.
  await expect(row.getByRole("rowheader")).toHaveText("OpenAI proxy (models, usage)");
  await expect(row.locator("td").nth(1)).not.toHaveText("0.0%");
  await expect(page.getByTestId("ops-alert").first()).toContainText("OpenAI proxy (models, usage)");
  await moveUntilVisible(page, page.locator(".recharts-surface").first());
  await page.screenshot({ path: "test-results/screenshots/ops-data-desktop-light.png", fullPage: true });
});
