import { expect, test } from "@playwright/test";
import { PROJECTS, USAGE_API_KEYS, USAGE_USERS } from "../fake-openai/usage-data";
import { fakeMicLaunchOptions } from "./support/fake-mic";
import { joinAsMember, testKey } from "./support/keys";
import { userWithKey } from "./support/realtime";
import { interactiveCharts, interactiveLegend } from "./support/charts";
import { startSession, voiceStatus } from "./support/voice";

// Attribution: a member's voice call and the requests proxied for them show up under that member
// in Usage with the token counts the sideband recorded; OpenAI's usage groups by project (by
// name), API key and user.

const SHOTS = "test-results/screenshots";
const USAGE = "/api/v1/cto/openai/usage";
const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

test.use({ launchOptions: fakeMicLaunchOptions("usage-attribution") });

interface CallRow {
  id: string;
  userId: string;
  startedAt: string;
  endedAt: string | null;
  responses: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  inputAudioTokens: number;
  outputAudioTokens: number;
}

const whole = (n: number) => new Intl.NumberFormat("en").format(n);

test("a member's voice call and proxied requests appear under that member; OpenAI usage by project name, key and user", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const owner = await userWithKey(browser, "Attribution");
  expect((await owner.api.put("/api/v1/llm/keys/openai-admin", { data: { apiKey: testKey("admin", "attr") } })).status()).toBe(200);
  const member = await joinAsMember(browser, owner.api, owner.workspaceId);
  await member.context.grantPermissions(["microphone"]);

  // Two requests proxied for the member: the models list (200) and organisation usage, which an
  // unmapped workspace refuses to members (403): both are in the ledger, one as failed.
  expect((await member.api.get("/api/v1/cto/openai/models")).status()).toBe(200);
  expect((await member.api.get(`${USAGE}?start=${day(6)}&end=${day(0)}`)).status()).toBe(403);

  // The member's voice call: the fake mic asks which models there are; the assistant calls the
  // models tool (another proxied request) and answers.
  await member.page.goto("/voice");
  await startSession(member.page);
  const toolCard = member.page.getByRole("article", { name: "Tool call list_openai_models" }).first();
  await expect(toolCard).toContainText("done", { timeout: 30_000 });
  await expect(member.page.locator('[data-role="assistant"]').last()).toContainText(/Here is what I found/, { timeout: 20_000 });
  const toolCalls = await member.page.getByRole("article", { name: /^Tool call list_openai_models/ }).count();
  await member.page.getByRole("button", { name: "Stop" }).click();
  await expect(voiceStatus(member.page)).toHaveAttribute("data-status", "idle");

  // The call as the sideband recorded it (the DB, through the calls API), once it has ended.
  let call: CallRow | undefined;
  await expect
    .poll(
      async () => {
        const { calls } = (await (await owner.api.get("/api/v1/realtime/calls")).json()) as { calls: CallRow[] };
        // Only the member called in this workspace.
        call = calls.find((c) => c.endedAt && c.responses >= 2 && c.inputTokens > 0);
        return Boolean(call);
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  const c = call!;
  const minutes = (Date.parse(c.endedAt!) - Date.parse(c.startedAt)) / 60_000;

  // The ledger per member, through the API: the call's tokens and the requests, with statuses.
  const ledger = await (await owner.api.get(`/api/v1/usage/members?start=${day(0)}&end=${day(0)}`)).json();
  expect(ledger.scope).toBe("workspace");
  const mine = ledger.members.find((m: { email: string }) => m.email === member.user.email);
  expect(mine).toMatchObject({
    name: member.user.name,
    calls: {
      count: 1,
      inputTokens: c.inputTokens,
      outputTokens: c.outputTokens,
      cachedInputTokens: c.cachedInputTokens,
      inputAudioTokens: c.inputAudioTokens,
      outputAudioTokens: c.outputAudioTokens,
    },
    proxied: { count: 2 + toolCalls, failed: 1 },
  });
  expect(Math.abs(mine.calls.minutes - minutes)).toBeLessThanOrEqual(0.1);
  expect(mine.calls.costMicros).toBeGreaterThan(0);
  // A member sees only their own row.
  const own = await (await member.api.get(`/api/v1/usage/members?start=${day(0)}&end=${day(0)}`)).json();
  expect(own.scope).toBe("self");
  expect(own.members.map((m: { email: string }) => m.email)).toEqual([member.user.email]);

  // The member, whose workspace maps no projects yet, still sees their own calls on Usage.
  await member.page.goto("/usage");
  await expect(member.page.getByTestId("member-row")).toHaveCount(1);
  await expect(member.page.getByTestId("member-row").locator('[data-col="call-input"]')).toHaveText(whole(c.inputTokens));
  await member.page.screenshot({ path: `${SHOTS}/usage-member-own-ledger.png`, fullPage: true });

  // …and on the admin's Usage page, under the member's name.
  const page = owner.page;
  await page.goto("/usage");
  const row = page.getByTestId("member-row").filter({ hasText: member.user.name });
  await expect(row).toBeVisible();
  await expect(row.locator('[data-col="calls"]')).toHaveText("1");
  await expect(row.locator('[data-col="call-input"]')).toHaveText(whole(c.inputTokens));
  await expect(row.locator('[data-col="call-output"]')).toHaveText(whole(c.outputTokens));
  await expect(row.locator('[data-col="call-audio"]')).toHaveText(`${whole(c.inputAudioTokens)} / ${whole(c.outputAudioTokens)}`);
  await expect(row.locator('[data-col="requests"]')).toHaveText(`${2 + toolCalls} (1 failed)`);
  await expect(page.getByTestId("members-cost-source")).toContainText(/Estimate — per call, live \(list prices of \d{4}-\d{2}-\d{2}\)/);
  await expect(page.getByText("OpenAI cost API — authoritative, daily")).toBeVisible();

  // OpenAI's usage in each grouping: projects by name, keys and users by id.
  await interactiveCharts(page);
  const table = page.getByTestId("usage-table");
  const expectations = {
    model: ["gpt-realtime"],
    project: PROJECTS.filter((p) => p.archived_at === null).map((p) => p.name),
    apiKey: USAGE_API_KEYS.map((k) => k.id),
    user: USAGE_USERS.map((u) => u.id),
  };
  for (const [grouping, texts] of Object.entries(expectations)) {
    await page.getByLabel("Group by").selectOption(grouping);
    for (const text of texts) await expect(table).toContainText(text);
    if (grouping === "project") await expect(interactiveLegend(page).getByText("Voice assistant", { exact: true })).toBeVisible();
    if (grouping === "user") await expect(page.getByText("OpenAI's cost API has no breakdown per user").first()).toBeVisible();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SHOTS}/usage-by-${grouping}-desktop.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/usage-by-${grouping}-phone.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  }
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${SHOTS}/usage-members-dark.png`, fullPage: true });

  // Settings: the admin picks projects by name; the mapping then names them on Usage.
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/settings");
  await page.getByRole("checkbox", { name: /Support bot/ }).check();
  await page.getByRole("button", { name: "Save projects" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Usage now covers 1 project(s)" })).toBeVisible();
  await page.getByRole("heading", { name: "OpenAI projects" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/settings-openai-projects.png` });
  await expect
    .poll(async () => (await (await member.api.get(`${USAGE}?start=${day(2)}&end=${day(0)}&groupBy=project`)).json()).names, {
      timeout: 10_000,
    })
    .toEqual({ proj_fake_beta: "Support bot" });
  await member.page.goto("/usage");
  await expect(member.page.getByTestId("usage-scope")).toContainText("Support bot (proj_fake_beta)");
});

test("a shared Usage link opens the same view; a model keeps its colour at 7 and 90 days; the form refuses what the API would", async ({
  browser,
}) => {
  const { page, api } = await userWithKey(browser, "UsageLink");
  expect((await api.put("/api/v1/llm/keys/openai-admin", { data: { apiKey: testKey("admin", "link") } })).status()).toBe(200);

  // Every choice lands in the URL; opening that URL elsewhere shows the same view.
  await page.goto("/usage");
  await page.getByLabel("Group by").selectOption("apiKey");
  await page.getByLabel("From").fill(day(3));
  await expect(page).toHaveURL(new RegExp(`start=${day(3)}.*groupBy=apiKey`));
  const shared = page.url();
  const other = await browser.newContext({ storageState: await page.context().storageState() });
  const second = await other.newPage();
  await second.goto(shared);
  await expect(second.getByLabel("Group by")).toHaveValue("apiKey");
  await expect(second.getByLabel("From")).toHaveValue(day(3));
  await expect(second.getByTestId("usage-table").locator("tbody tr")).toHaveCount(4 * USAGE_API_KEYS.length);
  await other.close();

  await interactiveCharts(page);
  // gpt-4.1's legend swatch is the same colour at 7 and at 90 days.
  await page.getByLabel("Group by").selectOption("model");
  const swatch = async () =>
    interactiveLegend(page)
      .getByRole("listitem")
      .filter({ hasText: /^gpt-4\.1$/ })
      .locator("span")
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundColor);
  await page.getByRole("button", { name: "7 days" }).click();
  await expect(page.getByTestId("usage-table").locator("tbody tr")).toHaveCount(7 * 4);
  const week = await swatch();
  await page.getByRole("button", { name: "90 days" }).click();
  // 360 rows: the table shows them 200 at a time.
  await expect(page.getByTestId("usage-table-rows")).toHaveText("1–200 of 360 rows", { timeout: 15_000 });
  await expect(page.getByTestId("usage-table").locator("tbody tr")).toHaveCount(200);
  expect(week).toBeTruthy();
  expect(await swatch()).toBe(week);

  // Hourly cannot be picked over 90 days; an end before the start is refused in a sentence, and nothing is asked.
  await expect(page.getByLabel("Buckets").locator('option[value="1h"]')).toBeDisabled();
  const asked: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/v1/cto/openai/usage")) asked.push(r.url());
  });
  await page.getByLabel("To", { exact: true }).fill(day(100));
  await expect(page.locator("#usage-problem")).toHaveText("The end date is before the start date: pick an end on or after the start.");
  await expect(page.getByTestId("usage-table")).toHaveCount(0);
  expect(asked).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/usage-form-refused.png` });
});
