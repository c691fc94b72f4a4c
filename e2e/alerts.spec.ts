import { rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type APIRequestContext, type BrowserContext, expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { type FakeOpenAI, startFakeOpenAI } from "@/fake-openai";
import { type AppServer, startAppServer } from "./support/app-server";
import { ALERTS_APP_PORT, appServerEnv } from "./support/env";
import { testKey } from "./support/keys";
import { startMailbox } from "./support/mailbox";
import { joinCall, relayCall, sdpOffer } from "./support/realtime";
import { newUser, signUp } from "./support/users";
import { moveUntilVisible } from "./support/charts";

// Alerts reach someone: an admin sets an alert email and a webhook in Settings → Alerts, a test
// alert arrives at a real SMTP server and at a receiver that verifies its Standard Webhooks
// signature, and 5xx on the voice relay send one ops alert. A dashboard of its own: its mail
// server, its own OpenAI double (faults injected there touch no other spec), and private webhook
// addresses allowed (the receiver is on 127.0.0.1).

test.describe.configure({ mode: "serial" });

interface Delivery {
  headers: Record<string, string>;
  body: string;
}

const dataDir = `.data-e2e-${ALERTS_APP_PORT}`;
const deliveries: Delivery[] = [];
const receiver = http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => {
    body += chunk;
  });
  req.on("end", () => {
    deliveries.push({ headers: req.headers as Record<string, string>, body });
    res.writeHead(204).end();
  });
});
let receiverUrl = "";
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let fake: FakeOpenAI;
let app: AppServer;
let context: BrowserContext;
let api: APIRequestContext;
let secret = "";
const admin = newUser("Alerts");
const alertEmail = `oncall-${Date.now().toString(36)}@example.com`;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(150_000);
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/opencto`;
  mailbox = await startMailbox();
  fake = await startFakeOpenAI({ port: 0, log: false });
  rmSync(dataDir, { recursive: true, force: true });
  app = await startAppServer({
    port: ALERTS_APP_PORT,
    env: {
      ...appServerEnv(dataDir),
      OPENAI_BASE_URL: fake.baseURL,
      SMTP_URL: mailbox.url,
      AUTH_URL: `http://localhost:${ALERTS_APP_PORT}`,
      SIGNUP_MODE: "open",
      ALERT_WEBHOOK_ALLOW_PRIVATE: "true",
    },
  });
  context = await browser.newContext({ baseURL: app.url, viewport: { width: 1280, height: 900 } });
  api = context.request;
});

test.afterAll(async () => {
  await context?.close();
  await app?.stop();
  await fake?.close();
  await mailbox?.close();
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  rmSync(dataDir, { recursive: true, force: true });
});

const typed = (type: string) => deliveries.filter((d) => JSON.parse(d.body).type === type);

test("an admin sets an alert email and a signed webhook; a test alert arrives at both", async () => {
  test.setTimeout(90_000);
  const page = await context.newPage();
  await signUp(page, admin);
  await page.goto("/settings/alerts");
  await expect(page.getByRole("link", { name: "Alerts" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("button", { name: "Send test alert" })).toBeDisabled();

  // A plain-http webhook to another host is refused with a sentence, and nothing is saved.
  await page.getByLabel("Webhook URL").fill("http://hooks.example.com/in");
  await page.getByRole("button", { name: "Save alert settings" }).click();
  await expect(page.locator(".alert-error")).toContainText("must start with https://");
  expect((await (await api.get("/api/v1/workspace/notifications")).json()).webhookUrl).toBeNull();

  await page.getByLabel("Alert emails, one per line").fill(`${alertEmail}\n${alertEmail.toUpperCase()}`);
  await page.getByLabel("Webhook URL").fill(receiverUrl);
  await page.getByRole("button", { name: "Save alert settings" }).click();
  await expect(page.locator(".alert-success")).toContainText("shown only now");
  secret = await page.getByLabel("Webhook signing secret").inputValue();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  await page.screenshot({ path: "test-results/screenshots/settings-alerts-secret-desktop-light.png", fullPage: true });

  // The secret is never read back: settings say only that one is set.
  const stored = await (await api.get("/api/v1/workspace/notifications")).json();
  expect(stored).toMatchObject({ emails: [alertEmail], webhookUrl: receiverUrl, hasWebhookSecret: true, mailConfigured: true });
  expect(JSON.stringify(stored)).not.toContain(secret.slice(6));

  await page.getByRole("button", { name: "Send test alert" }).click();
  await expect(page.getByTestId("test-alert-report")).toContainText(`✓ ${alertEmail}`);
  await expect(page.getByTestId("test-alert-report")).toContainText("✓ Webhook: answered 204");

  await expect.poll(() => mailbox.mails.filter((m) => m.to.includes(alertEmail)).length, { timeout: 15_000 }).toBe(1);
  const mail = mailbox.mails.find((m) => m.to.includes(alertEmail));
  expect(mail?.subject).toMatch(/Test alert/);
  expect(mail?.text).toContain(admin.email);
  await expect.poll(() => typed("test").length, { timeout: 15_000 }).toBe(1);
  const [delivery] = typed("test");
  const payload = new Webhook(secret).verify(delivery?.body ?? "", delivery?.headers ?? {}) as {
    type: string;
    timestamp: string;
    data: Record<string, unknown>;
  };
  expect(payload).toMatchObject({ type: "test", data: { test: true, sentBy: admin.email } });
  expect(Date.parse(payload.timestamp)).toBeGreaterThan(Date.now() - 60_000);
  // A receiver holding another secret rejects it.
  expect(() =>
    new Webhook(`whsec_${Buffer.from("fake-other-secret-fake-other-sec").toString("base64")}`).verify(
      delivery?.body ?? "",
      delivery?.headers ?? {},
    ),
  ).toThrow();

  await page.screenshot({ path: "test-results/screenshots/settings-alerts-desktop-light.png", fullPage: true });

  // A new secret replaces the old one after an in-page confirmation; it too is shown once.
  await page.getByRole("button", { name: "Generate new secret" }).click();
  await page.getByRole("button", { name: "Replace secret" }).click();
  await expect(page.locator(".alert-success")).toContainText("New signing secret generated");
  const replaced = await page.getByLabel("Webhook signing secret").inputValue();
  expect(replaced).toMatch(/^whsec_/);
  expect(replaced).not.toBe(secret);
  secret = replaced; // the ops alert below must verify with the new one
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/screenshots/settings-alerts-phone-light.png", fullPage: true });

  // The Ops page with traffic and no errors: readable names, an error axis that ends at 100%.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/ops");
  await expect(page.getByTestId("ops-route-workspace_notifications").getByRole("rowheader")).toHaveText("Alert settings");
  await expect(page.getByTestId("ops-route-ops_metrics")).toHaveCount(0);
  const rateFigure = page.getByRole("figure", { name: /Error rate/ });
  await moveUntilVisible(page, rateFigure);
  const rateTicks = async () => (await rateFigure.locator("svg text").allTextContents()).filter((t) => t.endsWith("%"));
  await expect.poll(rateTicks, { timeout: 20_000 }).toEqual(["0%", "25%", "50%", "75%", "100%"]);
  await page.screenshot({ path: "test-results/screenshots/ops-no-errors-desktop-light.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await moveUntilVisible(page, rateFigure);
  await expect.poll(rateTicks, { timeout: 20_000 }).toEqual(["0%", "25%", "50%", "75%", "100%"]);
  // The table scrolls inside its card, not the page; the route column stays in view.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "test-results/screenshots/ops-no-errors-phone-light.png", fullPage: true });
  await page.close();
});

test("5xx on the voice relay send one ops alert, by mail and signed webhook, without anyone opening the Ops page", async () => {
  test.setTimeout(90_000);
  const saved = await api.put("/api/v1/llm/keys/openai", { data: { apiKey: testKey("standard", "alerts") } });
  expect(saved.status()).toBe(200);
  const fault = await fetch(`${fake.url}/_fake/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ fault: "500", path: "/v1/realtime/calls", count: 20 }),
  });
  expect(fault.status).toBe(201);
  const offer = await sdpOffer();
  const failingCall = async () => {
    const ticket = await api.post("/api/v1/realtime/tickets", { data: {} });
    expect(ticket.status()).toBe(201);
    const call = await api.post("/api/v1/realtime/calls", {
      headers: { "content-type": "application/sdp", authorization: `Bearer ${(await ticket.json()).ticket}` },
      data: offer,
    });
    expect(call.status()).toBe(502);
  };
  for (let i = 0; i < 6; i++) await failingCall();

  await expect.poll(() => typed("ops.error_rate_exceeded").length, { timeout: 20_000 }).toBe(1);
  const [delivery] = typed("ops.error_rate_exceeded");
  const payload = new Webhook(secret).verify(delivery?.body ?? "", delivery?.headers ?? {}) as { data: Record<string, unknown> };
  expect(payload.data).toMatchObject({ route: "realtime_calls", routeLabel: "Voice relay: calls", kind: "5xx", rate: 1 });
  await expect
    .poll(() => mailbox.mails.filter((m) => m.to.includes(alertEmail) && /Voice relay: calls/.test(m.subject)).length, { timeout: 15_000 })
    .toBe(1);

  // More failures in the same hour, past the 5-second re-check: still one alert.
  await new Promise((resolve) => setTimeout(resolve, 5_500));
  for (let i = 0; i < 2; i++) await failingCall();
  await new Promise((resolve) => setTimeout(resolve, 6_000));
  expect(typed("ops.error_rate_exceeded")).toHaveLength(1);
  expect(mailbox.mails.filter((m) => m.to.includes(alertEmail) && /Voice relay: calls/.test(m.subject))).toHaveLength(1);

  // The Ops page shows the same alert by the route's name.
  const page = await context.newPage();
  await page.goto("/ops");
  await expect(page.getByTestId("ops-alert").first()).toContainText("Voice relay: calls");
  await page.close();
});

test("a voice call that crosses a $0.01 budget sends the 80 % and 100 % alerts once each, by mail and signed webhook", async () => {
  test.setTimeout(120_000);
  // The relay answers again: the previous test's injected faults are cleared.
  expect((await fetch(`${fake.url}/_fake/faults`, { method: "DELETE" })).ok).toBe(true);
  const apiKey = testKey("standard", "alertsbudget");
  expect((await api.put("/api/v1/llm/keys/openai", { data: { apiKey } })).status()).toBe(200);
  expect((await api.put("/api/v1/workspace/budgets", { data: { limitUsd: 0.01 } })).status()).toBe(200);

  // Talk in the call (as the browser's data channel would) until the server ends it at the budget.
  const callId = await relayCall(api);
  const party = await joinCall(callId, apiKey, fake.url);
  for (let i = 0; i < 30 && party.isOpen() && !party.events.some((e) => e.item?.role === "system"); i++) {
    party.say(`how much have we spent, part ${i}`);
    await expect
      .poll(() => !party.isOpen() || party.events.filter((e) => e.type === "response.done").length > i, { timeout: 10_000 })
      .toBe(true);
  }
  await party.closed;

  await expect.poll(() => typed("budget.threshold_crossed").length, { timeout: 20_000 }).toBe(2);
  const payloads = typed("budget.threshold_crossed").map(
    (d) =>
      new Webhook(secret).verify(d.body, d.headers) as { data: { scope: string; threshold: number; budgetUsd: number; spentUsd: number } },
  );
  expect(payloads.map((p) => p.data.threshold).sort((a, b) => a - b)).toEqual([80, 100]);
  for (const { data } of payloads) expect(data).toMatchObject({ scope: "workspace", budgetUsd: 0.01 });
  expect(Math.max(...payloads.map((p) => p.data.spentUsd))).toBeGreaterThanOrEqual(0.01);
  const budgetMails = () => mailbox.mails.filter((m) => m.to.includes(alertEmail) && /budget spent/.test(m.subject));
  await expect.poll(() => budgetMails().length, { timeout: 15_000 }).toBe(2);
  expect(
    budgetMails()
      .map((m) => m.subject.match(/\] (\d+)%/)?.[1])
      .sort(),
  ).toEqual(["100", "80"]);
  expect(budgetMails().find((m) => m.subject.includes("100%"))?.text).toContain("refused (402)");

  // Blocked now, and a second spend attempt in the same month sends nothing new.
  expect((await api.post("/api/v1/realtime/tickets", { data: {} })).status()).toBe(402);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  expect(typed("budget.threshold_crossed")).toHaveLength(2);
});
