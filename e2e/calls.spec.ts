import fs from "node:fs";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import WebSocket from "ws";
import { FAKE_OPENAI_URL } from "./support/env";
import { joinAsMember } from "./support/keys";
import { fake, postOffer, sdpOffer, userWithKey } from "./support/realtime";
import { newUser, signUp } from "./support/users";

// The Calls page: every voice call and proxied API request of the workspace for admins, a
// member's own for a member; live calls first with an admin's hang-up; filters; CSV export.

const SHOTS = "test-results/screenshots";

interface CallRow {
  id: string;
  userId: string;
  userEmail: string;
  endedAt: string | null;
  endReason: string | null;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  costMicros: number;
}

async function memberIdOf(api: APIRequestContext, email: string): Promise<string> {
  const members = (await (await api.get("/api/v1/workspace/members")).json()).members as Array<{ userId: string; email: string }>;
  const found = members.find((m) => m.email === email);
  expect(found, email).toBeTruthy();
  return found!.userId;
}

/** A call through the dashboard's relay, as the voice page places it; returns the call id. */
async function placeCall(api: APIRequestContext): Promise<string> {
  const offer = await sdpOffer(); // before the ticket, which lives seconds in e2e
  const ticket = await api.post("/api/v1/realtime/tickets", { data: {} });
  expect(ticket.status()).toBe(201);
  const res = await postOffer(api, (await ticket.json()).ticket, offer);
  expect(res.status(), await res.text()).toBe(201);
  return res.headers().location?.split("/").pop() ?? "";
}

/** One spoken-to reply on a live call, sent over the call's own events channel at the fake: its usage reaches the sideband. */
async function askOnce(callId: string, apiKey: string) {
  const socket = new WebSocket(`${FAKE_OPENAI_URL.replace("http", "ws")}/v1/realtime?call_id=${callId}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  const done = new Promise<void>((resolve) =>
    socket.on("message", (data) => {
      if (JSON.parse(String(data)).type === "response.done") resolve();
    }),
  );
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  socket.send(
    JSON.stringify({
      type: "conversation.item.create",
      item: { type: "message", role: "user", content: [{ type: "input_text", text: "which models do we have?" }] },
    }),
  );
  socket.send(JSON.stringify({ type: "response.create" }));
  await done;
  socket.close();
}

async function calls(api: APIRequestContext, query = ""): Promise<CallRow[]> {
  const res = await api.get(`/api/v1/realtime/calls${query}`);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).calls;
}

const whole = (n: number) => new Intl.NumberFormat("en").format(n);
const historyRow = (page: Page, callId: string) => page.getByTestId("calls-table").getByTestId(`call-${callId}`);

test("a member's calls are on the Calls page with the fake's token counts; the admin sees everyone's and hangs up a live call; the member only their own; CSV holds the rows", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const admin = await userWithKey(browser, "CallsAdmin");
  const member = await joinAsMember(browser, admin.api, admin.workspaceId);
  const memberId = await memberIdOf(admin.api, member.user.email);
  const adminId = await memberIdOf(admin.api, admin.user.email);

  // The member talks once and hangs up; the admin places a call of their own.
  const memberCall = await placeCall(member.api);
  // The server's sideband joins the call a moment after the relay answers; a reply before that goes unseen, so ask again.
  await expect(async () => {
    await askOnce(memberCall, admin.apiKey);
    await expect
      .poll(async () => (await calls(member.api)).find((c) => c.id === memberCall)?.totalTokens ?? 0, { timeout: 4_000 })
      .toBeGreaterThan(0);
  }).toPass({ timeout: 40_000 });
  expect((await member.api.post(`/api/v1/realtime/calls/${memberCall}/hangup`, { data: {} })).status()).toBe(200);
  const adminCall = await placeCall(admin.api);
  expect((await admin.api.post(`/api/v1/realtime/calls/${adminCall}/hangup`, { data: {} })).status()).toBe(200);
  // A second call of the member's, still live.
  const liveCall = await placeCall(member.api);

  // What the sideband recorded (the fake's deterministic usage), read back rather than assumed.
  const recorded = (await calls(admin.api)).find((c) => c.id === memberCall)!;
  expect(recorded).toMatchObject({ userId: memberId, userEmail: member.user.email, endReason: "user" });
  expect(recorded.inputTokens).toBeGreaterThan(0);
  expect(recorded.outputTokens).toBeGreaterThan(0);
  expect(recorded.costMicros).toBeGreaterThan(0);

  // The admin's page: the live call first, then the ended calls of everyone.
  const page = admin.page;
  await page.goto("/calls");
  await expect(page.getByRole("heading", { level: 1, name: "Calls" })).toBeVisible();
  const live = page.getByTestId(`live-call-${liveCall}`);
  await expect(live).toContainText(member.user.name);
  await expect(live).toContainText(/Running \d+:\d\d/);
  const row = historyRow(page, memberCall);
  await expect(row).toContainText(member.user.name);
  await expect(row.getByTestId("outcome")).toHaveText("Ended by caller");
  await expect(row.getByTestId("input-tokens")).toHaveText(whole(recorded.inputTokens));
  await expect(row.getByTestId("output-tokens")).toHaveText(whole(recorded.outputTokens));
  await expect(row.getByTestId("cost")).toHaveText(/^\$\d+\.\d{2,4}$/);
  await expect(historyRow(page, adminCall)).toContainText(admin.user.name);
  await page.screenshot({ path: `${SHOTS}/calls-admin-desktop-light.png`, fullPage: true });

  // Filter by member: the admin's own call leaves the list.
  await page.getByLabel("Member").selectOption(memberId);
  await expect(historyRow(page, adminCall)).toHaveCount(0);
  await expect(historyRow(page, memberCall)).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect(historyRow(page, adminCall)).toBeVisible();

  // CSV of the list as shown: every row, the member's call with its tokens.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  const csv = fs.readFileSync((await download.path()) as string, "utf8");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toMatch(/^call_id,member_name,member_email,model,started_at,ended_at,duration_seconds,outcome,/);
  expect(lines).toHaveLength(4);
  const memberLine = lines.find((l) => l.startsWith(memberCall)) ?? "";
  expect(memberLine).toContain(`,${member.user.email},`);
  expect(memberLine).toContain(",Ended by caller,");
  expect(memberLine).toContain(`,${recorded.inputTokens},`);
  expect(lines.some((l) => l.startsWith(adminCall))).toBe(true);
  expect(lines.some((l) => l.startsWith(liveCall) && l.includes(",Live,"))).toBe(true);

  // The member: only their own calls, on the page and from the API; naming the admin is refused.
  await member.page.goto("/calls");
  await expect(historyRow(member.page, memberCall)).toBeVisible();
  await expect(member.page.getByTestId(`live-call-${liveCall}`)).toBeVisible();
  await expect(historyRow(member.page, adminCall)).toHaveCount(0);
  await expect(member.page.getByLabel("Member")).toHaveCount(0);
  expect((await calls(member.api)).map((c) => c.userId)).toEqual([memberId, memberId]);
  const refused = await member.api.get(`/api/v1/realtime/calls?member=${adminId}`);
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error).toMatch(/only their own/);
  const memberCsv = await (await member.api.get("/api/v1/realtime/calls?format=csv")).text();
  expect(memberCsv).toContain(memberCall);
  expect(memberCsv).not.toContain(adminCall);

  // Bad filters: a 400 that says what is wrong.
  const bad = await admin.api.get("/api/v1/realtime/calls?from=yesterday");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatch(/from must be a date like 2026-01-31/);

  // The admin hangs the member's live call up from the page, after confirming in the dialog.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/calls-admin-phone-light.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await live.getByRole("button", { name: "Hang up" }).click();
  const dialog = page.getByRole("dialog", { name: "Hang up this call?" });
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/calls-hangup-dialog.png` });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect(await fake.calls()).toContain(liveCall);
  await live.getByRole("button", { name: "Hang up" }).click();
  await dialog.getByRole("button", { name: "Hang up" }).click();
  await expect(page.getByRole("status").filter({ hasText: "call was hung up" })).toBeVisible();
  await expect(live).toHaveCount(0);
  await expect(historyRow(page, liveCall).getByTestId("outcome")).toHaveText("Hung up by admin");
  await expect.poll(fake.calls).not.toContain(liveCall);
  expect((await calls(member.api)).find((c) => c.id === liveCall)).toMatchObject({ endReason: "admin", endedAt: expect.any(String) });

  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${SHOTS}/calls-admin-desktop-dark.png`, fullPage: true });
});

test("a member's proxied API request is listed under API requests, for them and for the admin", async ({ browser }) => {
  const admin = await userWithKey(browser, "LedgerAdmin");
  const member = await joinAsMember(browser, admin.api, admin.workspaceId);
  const memberId = await memberIdOf(admin.api, member.user.email);
  expect((await member.api.get("/api/v1/cto/openai/models")).status()).toBe(200);

  // The proxy routes write the ledger (lib/spend/record.ts recordProxyRequest).
  const ledger = async (api: APIRequestContext, query = "") => {
    const res = await api.get(`/api/v1/proxy-requests${query}`);
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()).requests as Array<{ id: string; userId: string; route: string; status: number }>;
  };
  await expect.poll(async () => (await ledger(member.api)).length).toBeGreaterThan(0);
  const [request] = await ledger(admin.api, `?member=${memberId}`);
  expect(request).toMatchObject({ userId: memberId, status: 200 });
  expect((await member.api.get(`/api/v1/proxy-requests?member=${await memberIdOf(admin.api, admin.user.email)}`)).status()).toBe(403);

  await admin.page.goto("/calls");
  await admin.page.getByRole("tab", { name: "API requests" }).click();
  const row = admin.page.getByTestId(`request-${request!.id}`);
  await expect(row).toContainText(member.user.name);
  await expect(row).toContainText(request!.route);
  const csv = await (await admin.api.get("/api/v1/proxy-requests?format=csv")).text();
  expect(csv.split("\r\n")[0]).toMatch(/^request_id,member_name,member_email,route,model,status,/);
  expect(csv).toContain(request!.id);
  await admin.page.screenshot({ path: `${SHOTS}/calls-api-requests-desktop-light.png`, fullPage: true });
});

test("a new workspace's Calls page says there are no calls yet and points at the assistant", async ({ browser }) => {
  for (const variant of [
    { name: "desktop-light", viewport: { width: 1280, height: 800 } },
    { name: "phone-light", viewport: { width: 390, height: 844 } },
  ]) {
    const context = await browser.newContext({ viewport: variant.viewport });
    const page = await context.newPage();
    await signUp(page, newUser("CallsEmpty"));
    await page.goto("/calls");
    await expect(page.getByRole("heading", { name: "No calls yet" })).toBeVisible();
    await expect(page.getByRole("link", { name: "try the assistant" })).toHaveAttribute("href", "/voice");
    await page.screenshot({ path: `${SHOTS}/calls-empty-${variant.name}.png`, fullPage: true });
    await page.getByRole("tab", { name: "API requests" }).click();
    await expect(page.getByRole("heading", { name: "No API requests yet" })).toBeVisible();
    await context.close();
  }
});
