import { expect, test } from "@playwright/test";
import { joinAsMember } from "./support/keys";
import { allowClientSecrets, joinCall, relayCall, userWithKey } from "./support/realtime";

// Budgets: a member's voice call spends; a $0.01 workspace budget ends that call and then refuses
// the next token with 402 and the details; raising it (in Settings → Budgets) lifts it at once.

const SHOTS = "test-results/screenshots";
const TOKEN = "/api/v1/realtime/token";

interface CallRow {
  id: string;
  endedAt: string | null;
  endReason: string | null;
  responses: number;
  costMicros: number;
}

test("a $0.01 budget ends the member's live call, then refuses with 402; raising it lifts the block at once", async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await userWithKey(browser, "Budget");
  await allowClientSecrets(admin.api);
  const member = await joinAsMember(browser, admin.api, admin.workspaceId);
  expect((await member.api.post(TOKEN, { data: {} })).status()).toBe(200);

  // Members cannot set budgets; bad amounts are refused and change nothing.
  expect((await member.api.put("/api/v1/workspace/budgets", { data: { limitUsd: 1000 } })).status()).toBe(403);
  expect((await admin.api.put("/api/v1/workspace/budgets", { data: { limitUsd: -1 } })).status()).toBe(400);
  expect((await admin.api.put("/api/v1/workspace/budgets", { data: { limitUsd: "ten" } })).status()).toBe(400);
  const set = await admin.api.put("/api/v1/workspace/budgets", { data: { limitUsd: 0.01 } });
  expect(set.status()).toBe(200);
  expect((await set.json()).workspace).toMatchObject({ userId: "", limitUsd: 0.01, spentUsd: 0 });

  // The member talks until the call's estimated spend crosses $0.01: the server warns and hangs up.
  const callId = await relayCall(member.api);
  const party = await joinCall(callId, admin.apiKey);
  for (let i = 0; i < 30 && party.isOpen() && !party.events.some((e) => e.item?.role === "system"); i++) {
    party.say(`tell me about our spend, part ${i}`);
    await expect
      .poll(() => !party.isOpen() || party.events.filter((e) => e.type === "response.done").length > i, { timeout: 10_000 })
      .toBe(true);
  }
  await party.closed;
  await expect
    .poll(async () => ((await (await admin.api.get("/api/v1/realtime/calls")).json()).calls as CallRow[]).find((c) => c.id === callId), {
      timeout: 15_000,
    })
    .toMatchObject({ endReason: "budget", endedAt: expect.any(String) });

  const budgets = await (await admin.api.get("/api/v1/workspace/budgets")).json();
  expect(budgets.workspace.spentUsd).toBeGreaterThanOrEqual(0.01);
  const nextMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 1)).toISOString();
  expect(budgets.resetsAt).toBe(nextMonth);

  // The next token request: 402 with whose budget, how much, and when it resets.
  const refused = await member.api.post(TOKEN, { data: {} });
  expect(refused.status()).toBe(402);
  const body = await refused.json();
  expect(body).toMatchObject({
    code: "budget_exceeded",
    details: { scope: "workspace", budgetUsd: 0.01, spentUsd: budgets.workspace.spentUsd, resetsAt: nextMonth },
  });
  expect(body.error).toMatch(
    /^This workspace has spent \$0\.0\d+ of its \$0\.01 budget for \w+; it resets on 1 \w+\. An admin can raise it in Settings → Budgets\.$/,
  );
  // Every route that spends says the same; the admin is held to the workspace's budget too.
  expect((await member.api.post("/api/v1/realtime/tickets", { data: {} })).status()).toBe(402);
  expect((await admin.api.get("/api/v1/cto/openai/models")).status()).toBe(402);
  expect((await admin.api.post(TOKEN, { data: {} })).status()).toBe(402);
  // Routes that do not spend still answer.
  expect((await member.api.get("/api/v1/workspace/budgets")).status()).toBe(200);

  // The member sees the block in Settings → Budgets, read-only.
  await member.page.goto("/settings/budgets");
  await expect(member.page.getByTestId("workspace-budget")).toContainText("Reached: blocked");
  await expect(member.page.getByTestId("own-budget")).toBeVisible();
  await expect(member.page.getByLabel("Monthly budget (USD)")).toHaveCount(0);

  // The admin raises it in Settings → Budgets: the very next request is admitted.
  const page = admin.page;
  await page.goto("/settings/budgets");
  const workspaceCard = page.getByTestId("workspace-budget");
  await expect(workspaceCard).toContainText("of $0.01");
  await expect(workspaceCard.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  await page.screenshot({ path: `${SHOTS}/budgets-workspace-blocked-desktop-light.png`, fullPage: true });
  await workspaceCard.getByLabel("Monthly budget (USD)").fill("25");
  await workspaceCard.getByRole("button", { name: "Save" }).click();
  await expect(workspaceCard.getByRole("status")).toHaveText("Workspace budget: $25.00 a month.");
  await expect(workspaceCard).toContainText("of $25.00");
  expect((await member.api.post(TOKEN, { data: {} })).status()).toBe(200);
  await expect(page.getByTestId("budget-audit")).toContainText("The workspace's budget: $25.00 a month (was $0.01)");

  // A member's own budget blocks that member only.
  const memberRow = page.getByTestId(`budget-${member.user.email}`);
  await memberRow.getByLabel("Monthly budget (USD)").fill("0.001");
  await memberRow.getByRole("button", { name: "Save" }).click();
  await expect(memberRow.getByRole("status")).toContainText("$0.001 a month");
  const own = await member.api.post(TOKEN, { data: {} });
  expect(own.status()).toBe(402);
  expect((await own.json()).details).toMatchObject({ scope: "member", budgetUsd: 0.001 });
  expect((await own.json()).error).toMatch(/^You have spent/);
  expect((await admin.api.post(TOKEN, { data: {} })).status()).toBe(200);
  await expect(memberRow).toContainText("of $0.001");
  await expect(memberRow.getByRole("button", { name: "Save" })).toBeEnabled();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/budgets-member-budget-phone-light.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await memberRow.getByRole("button", { name: "Remove" }).click();
  await expect(memberRow.getByRole("status")).toContainText("removed");
  expect((await member.api.post(TOKEN, { data: {} })).status()).toBe(200);
  expect((await admin.api.delete("/api/v1/workspace/budgets?userId=nobody")).status()).toBe(404);
  await page.screenshot({ path: `${SHOTS}/budgets-after-changes-desktop-light.png`, fullPage: true });
});
