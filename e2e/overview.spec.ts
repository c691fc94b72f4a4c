import { expect, type Page, test } from "@playwright/test";
import { fakeMicLaunchOptions } from "./support/fake-mic";
import { currentWorkspaceId, joinAsMember, testKey } from "./support/keys";
import { signedUpContext } from "./support/users";
import { startSession, voiceStatus } from "./support/voice";

const SHOTS = "test-results/screenshots";

test.use({ launchOptions: fakeMicLaunchOptions("overview") });

const STEPS = ["key", "assistant", "team", "budget"] as const;

async function expectSteps(page: Page, done: Record<(typeof STEPS)[number], boolean>) {
  const total = Object.values(done).filter(Boolean).length;
  await expect(page.getByTestId("setup-progress")).toHaveText(`${total} of 4 done`);
  for (const step of STEPS) await expect(page.getByTestId(`setup-step-${step}`)).toHaveAttribute("data-done", String(done[step]));
}

const figure = (page: Page, testId: string) => page.getByTestId(testId);
const numberIn = async (page: Page, testId: string) => Number(await figure(page, testId).getAttribute("data-value"));

test("a new workspace's checklist ticks itself off from a saved key and a voice call; the figures follow the workspace switcher", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { context, page, api, user } = await signedUpContext(browser, "Overview");
  await context.grantPermissions(["microphone"]);
  const workspaceName = `${user.name.split(" ")[0]}'s workspace`;

  // Brand new: nothing ticked, zeros everywhere, and every figure links to its page.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(workspaceName);
  await expectSteps(page, { key: false, assistant: false, team: false, budget: false });
  await expect(figure(page, "overview-calls-today")).toHaveAttribute("data-value", "0");
  await expect(figure(page, "figure-calls")).toContainText("No voice calls yet today.");
  await expect(figure(page, "overview-spend")).toHaveText("$0.00");
  await expect(figure(page, "overview-no-budget")).toContainText("No budget set. Set a budget");
  await expect(figure(page, "overview-key-openai")).toHaveText("none");
  const links = {
    "Spend this month": "/usage",
    "Voice calls today": "/calls",
    "Errors, last hour": "/ops",
    "OpenAI key in use": "/settings/keys",
  };
  for (const [name, href] of Object.entries(links)) await expect(page.getByRole("link", { name })).toHaveAttribute("href", href);
  await expect(page.getByTestId("setup-step-budget").getByRole("link", { name: "Set a budget" })).toHaveAttribute(
    "href",
    "/settings/budgets",
  );
  await page.screenshot({ path: `${SHOTS}/overview-new.png`, fullPage: true });

  // Step 1 from its own link: save the workspace key.
  await page.getByTestId("setup-step-key").getByRole("link", { name: "Add a key" }).click();
  await expect(page).toHaveURL(/\/settings\/keys$/);
  const slot = page.getByTestId("slot-openai-workspace");
  await slot.getByLabel("Add workspace key").fill(testKey("standard", "overview"));
  await slot.getByRole("button", { name: "Save" }).click();
  await expect(slot.getByTestId("key-status")).toHaveText("Configured");
  await page.getByRole("link", { name: "Overview" }).first().click();
  await expectSteps(page, { key: true, assistant: false, team: false, budget: false });
  await expect(figure(page, "overview-key-openai")).toHaveText("its own key");
  await expect(figure(page, "overview-key-last-used")).toHaveText("not yet");

  // Step 2 from its own link: a voice call through the relay; the fake mic asks a question and the fake answers.
  await page.getByTestId("setup-step-assistant").getByRole("link", { name: "Open Voice" }).click();
  await expect(page).toHaveURL(/\/voice$/);
  await startSession(page);
  await expect(page.locator('[data-role="assistant"]').last()).toContainText(/Here is what I found|You said/, { timeout: 20_000 });
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(voiceStatus(page)).toHaveAttribute("data-status", "idle");
  // The sideband records each response.done's usage and cost; wait until the call has its cost.
  await expect
    .poll(async () => (await (await api.get("/api/v1/realtime/calls")).json()).calls[0]?.costMicros ?? 0, { timeout: 10_000 })
    .toBeGreaterThan(0);

  await page.getByRole("link", { name: "Overview" }).first().click();
  await expectSteps(page, { key: true, assistant: true, team: false, budget: false });
  await expect(figure(page, "overview-calls-today")).toHaveAttribute("data-value", "1");
  await expect(figure(page, "overview-active-members")).toHaveText("1 active member");
  expect(await numberIn(page, "overview-spend")).toBeGreaterThan(0);
  await expect(figure(page, "overview-spend")).not.toHaveText("$0.00");
  await expect(figure(page, "overview-key-last-used")).not.toHaveText(/not yet|—/);
  await expect(figure(page, "overview-requests")).not.toHaveAttribute("data-value", "0"); // the ticket and relay requests
  await page.screenshot({ path: `${SHOTS}/overview-busy.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${SHOTS}/overview-busy-dark.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "light" });
  await page.screenshot({ path: `${SHOTS}/overview-busy-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // A second workspace (creating one selects it; go back to the busy one), then switch on the page.
  const busyId = await currentWorkspaceId(api);
  expect((await api.post("/api/v1/workspaces", { data: { name: "Quiet team" } })).status()).toBe(201);
  expect((await api.post("/api/v1/workspaces/switch", { data: { workspaceId: busyId } })).status()).toBe(200);
  await page.goto("/");
  await expect(figure(page, "overview-calls-today")).toHaveAttribute("data-value", "1");
  await page.evaluate(() => {
    (window as unknown as { overviewMarker: number }).overviewMarker = 42;
  });
  const switcher = page.getByLabel("Workspace", { exact: true });
  await switcher.selectOption({ label: "Quiet team (owner)" });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quiet team");
  await expect(figure(page, "overview-calls-today")).toHaveAttribute("data-value", "0");
  await expect(figure(page, "overview-spend")).toHaveAttribute("data-value", "0");
  await expect(figure(page, "overview-key-openai")).toHaveText("none");
  await expectSteps(page, { key: false, assistant: false, team: false, budget: false });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${SHOTS}/overview-new-dark.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "light" });
  await page.screenshot({ path: `${SHOTS}/overview-new-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  await switcher.selectOption({ label: `${workspaceName} (owner)` });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(workspaceName);
  await expect(figure(page, "overview-calls-today")).toHaveAttribute("data-value", "1");
  await expectSteps(page, { key: true, assistant: true, team: false, budget: false });
  // Same document all along: the figures changed without a reload.
  expect(await page.evaluate(() => (window as unknown as { overviewMarker?: number }).overviewMarker)).toBe(42);
});

test("the team step ticks once someone joins; members see the admin steps as 'ask an admin'", async ({ browser }) => {
  const admin = await signedUpContext(browser, "Lead");
  const workspaceId = await currentWorkspaceId(admin.api);
  const invite = await admin.api.post("/api/v1/workspace/invites", { data: { workspaceId, email: "later@example.com", role: "member" } });
  expect(invite.status()).toBe(201);
  await admin.page.goto("/");
  await expectSteps(admin.page, { key: false, assistant: false, team: true, budget: false }); // an open invite counts

  const member = await joinAsMember(browser, admin.api, workspaceId);
  await member.page.goto("/");
  await expect(member.page.getByRole("heading", { level: 1 })).toHaveText(`${admin.user.name.split(" ")[0]}'s workspace`);
  await expectSteps(member.page, { key: false, assistant: false, team: true, budget: false });
  const budget = member.page.getByTestId("setup-step-budget");
  await expect(budget).toContainText("Ask an admin");
  await expect(budget.getByRole("link")).toHaveCount(0);
  // A member can still save a personal key, so that step stays theirs to do.
  await expect(member.page.getByTestId("setup-step-key").getByRole("link", { name: "Add a key" })).toBeVisible();
  await expect(figure(member.page, "overview-no-budget")).toContainText("An admin can set one.");
  await member.page.screenshot({ path: `${SHOTS}/overview-member.png`, fullPage: true });
});
