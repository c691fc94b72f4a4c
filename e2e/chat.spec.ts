import { readFile } from "node:fs/promises";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { fakeMicLaunchOptions } from "./support/fake-mic";
import { FAKE_OPENAI_URL } from "./support/env";
import { testKey } from "./support/keys";
import { fake, userWithKey } from "./support/realtime";
import { startSession, voiceStatus } from "./support/voice";

// The Chat page (item 3 of issue 18) and the Voice page's readable transcript, leave guard and
// event log (items 6 and 7). Screenshots at desktop and phone widths go to test-results/screenshots/.

const SHOTS = "test-results/screenshots";
const PHONE = { width: 390, height: 844 };

test.use({ launchOptions: fakeMicLaunchOptions("chat-voice") });

/** An admin of their own workspace with both OpenAI keys saved (the costs tool reads the Admin key). */
async function assistantUser(browser: Browser, label: string) {
  const user = await userWithKey(browser, label);
  const saved = await user.api.put("/api/v1/llm/keys/openai-admin", {
    data: { workspaceId: user.workspaceId, apiKey: testKey("admin", "chat") },
  });
  expect(saved.status()).toBe(200);
  return user;
}

/** Nothing on the page is wider than the viewport (no sideways scrolling on a phone). */
async function expectNoOverflow(page: Page) {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(widths.page).toBeLessThanOrEqual(widths.viewport);
}

test("chat: a question streams in word by word, runs the costs tool on the server, and the conversation is there after a reload", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { page, apiKey } = await assistantUser(browser, "Chat");
  // This key's two model calls stream their words 120 ms apart, so the page's renders can be counted.
  const drip = await fetch(`${FAKE_OPENAI_URL}/_fake/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ fault: "drip:120", path: "/v1/responses", key: apiKey, count: 2 }),
  });
  expect(drip.status).toBe(201);
  await page.goto("/chat");
  await expect(page.getByRole("heading", { level: 1, name: "Chat" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" }).getByRole("link");
  const labels = await nav.allTextContents();
  expect(labels.indexOf("Chat")).toBe(labels.indexOf("Voice") + 1);
  await expect(page.getByText("No conversations yet.").first()).toBeAttached();

  // Every text the streaming bubble shows, as the page renders it.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __streamed: string[] }).__streamed = seen;
    new MutationObserver(() => {
      const bubble = document.querySelector('[data-role="assistant-streaming"]');
      const text = bubble?.textContent ?? "";
      if (text && text !== "Thinking…" && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByLabel("Message").fill("how much did we spend this week?");
  await page.getByLabel("Message").press("Enter");

  const card = page.getByRole("article", { name: "Tool call get_openai_costs" });
  await expect(card).toContainText("done", { timeout: 20_000 });
  await expect(card.getByTestId("tool-table")).toBeVisible();
  await expect(card).toContainText(/\$[\d,]+\.\d{2} in total/);
  const answer = page.locator('[data-role="assistant"]').last();
  await expect(answer).toHaveText(/^Assistant: You spent \$[\d,]+\.\d{2} between \d{4}-\d{2}-\d{2} and \d{4}-\d{2}-\d{2}\.$/);
  const finalText = ((await answer.textContent()) ?? "").replace(/^Assistant: /, "");
  const streamed = await page.evaluate(() => (window as unknown as { __streamed: string[] }).__streamed);
  console.log(`chat answer rendered in ${streamed.length} growing steps`);
  expect(streamed.length).toBeGreaterThanOrEqual(3);
  for (const step of streamed) expect(finalText.startsWith(step)).toBe(true);

  // The workspace's policy and tools reached the Responses API, streamed.
  const sent = (await fake.lastRequestBody("/v1/responses")) as {
    stream: boolean;
    model: string;
    tools: { name: string }[];
    input: unknown[];
  };
  expect(sent).toMatchObject({ stream: true, model: "gpt-4.1" });
  expect(sent.tools.map((t) => t.name)).toContain("get_openai_costs");
  expect(JSON.stringify(sent.input)).toContain("function_call_output");

  await expect(page).toHaveURL(/\/chat\?c=/);
  await card.getByText("Result as JSON").click();
  await expect(card.getByTestId("tool-result")).toContainText('"totalUsd"');
  await page.screenshot({ path: `${SHOTS}/chat-answer-desktop.png`, fullPage: true });

  await page.reload();
  await expect(page.locator('[data-role="user"]')).toHaveText("You: how much did we spend this week?");
  await expect(page.getByRole("article", { name: "Tool call get_openai_costs" }).getByTestId("tool-table")).toBeVisible();
  await expect(page.locator('[data-role="assistant"]')).toHaveText(`Assistant: ${finalText}`);
  await expect(page.getByRole("navigation", { name: "Previous conversations" }).last()).toContainText("how much did we spend this week?");

  // A follow-up in the same conversation; the list still holds one conversation.
  await page.getByLabel("Message").fill("any 429s?");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("article", { name: "Tool call get_proxy_health" })).toContainText("done", { timeout: 20_000 });
  await expect(page.locator('[data-role="assistant"]').last()).toContainText(/requests in the last hour|No requests reached/);
  await expect(page.getByRole("navigation", { name: "Previous conversations" }).last().getByRole("listitem")).toHaveCount(1);

  await page.setViewportSize(PHONE);
  await expectNoOverflow(page);
  await page.screenshot({ path: `${SHOTS}/chat-answer-phone.png`, fullPage: true });
});

test("voice: tool results read as tables, leaving during a call asks first, the last transcript stays; the event log exports and sends a raw event", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { page, context } = await assistantUser(browser, "Transcript");
  await context.grantPermissions(["microphone"]);
  await page.goto("/voice");
  await startSession(page);

  // The fake microphone asks for the models; then a typed question about costs.
  await expect(page.getByRole("article", { name: "Tool call list_openai_models" })).toContainText("done", { timeout: 20_000 });
  await expect(page.getByRole("list", { name: /\d+ models/ })).toBeVisible();
  await expect(page.locator('[data-role="assistant"]').last()).toContainText(/That is one of \d+ models/, { timeout: 15_000 });
  await page.getByLabel("Message").fill("how much did we spend this week?");
  await page.getByRole("button", { name: "Send" }).click();
  const costs = page.getByRole("article", { name: "Tool call get_openai_costs" });
  await expect(costs.getByTestId("tool-table")).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('[data-role="assistant"]').last()).toContainText(/You spent \$[\d,]+\.\d{2} between/, { timeout: 15_000 });
  await page.screenshot({ path: `${SHOTS}/voice-transcript-desktop.png`, fullPage: true });
  await page.setViewportSize(PHONE);
  await expectNoOverflow(page);
  await page.screenshot({ path: `${SHOTS}/voice-transcript-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Event log: export as JSON, and (admins) send a raw client event.
  await page.getByRole("button", { name: "Show event log" }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export JSON" }).click();
  const exported = JSON.parse(await readFile((await (await download).path()) ?? "", "utf8")) as Array<{ type: string; direction: string }>;
  expect(exported.map((e) => e.type)).toContain("session.created");
  expect(exported.every((e) => e.direction === "received")).toBe(true);
  await page.getByLabel("Send a client event").fill('{"type":"input_audio_buffer.clear"}');
  await page.getByRole("button", { name: "Send event" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Sent input_audio_buffer.clear." })).toBeVisible();
  await page.getByLabel("Filter events by type").fill("input_audio_buffer.clear");
  await expect(page.getByText(/sent\s+input_audio_buffer\.clear$/).first()).toBeVisible();
  await expect(page.getByText(/input_audio_buffer\.cleared$/).first()).toBeVisible({ timeout: 10_000 });
  await page.getByLabel("Send a client event").fill("{not json");
  await page.getByRole("button", { name: "Send event" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "This is not JSON" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/voice-event-log-desktop.png`, fullPage: true });

  // Leaving asks first: Stay keeps the call, yes ends it and goes.
  const usageLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Usage" });
  await usageLink.click();
  const dialog = page.getByRole("dialog", { name: "Leave the call?" });
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/voice-leave-confirm-desktop.png` });
  await dialog.getByRole("button", { name: "Stay" }).click();
  await expect(page).toHaveURL(/\/voice$/);
  await expect(voiceStatus(page)).toHaveAttribute("data-status", "connected");
  await usageLink.click();
  await page.getByRole("dialog", { name: "Leave the call?" }).getByRole("button", { name: "End call and leave" }).click();
  await expect(page).toHaveURL(/\/usage/);

  // Back on Voice, the last call's transcript is still there.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Voice" }).click();
  await expect(page.getByTestId("last-call")).toContainText("Transcript of the last call");
  await expect(page.getByRole("article", { name: "Tool call get_openai_costs" }).getByTestId("tool-table")).toBeVisible();
  await expect(voiceStatus(page)).toHaveAttribute("data-status", "idle");

  // The browser's Back button asks too: Stay keeps the call on this page, Leave ends it and goes back.
  await startSession(page);
  await page.goBack();
  const backDialog = page.getByRole("dialog", { name: "Leave the call?" });
  await expect(backDialog).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/voice-leave-back-desktop.png` });
  await backDialog.getByRole("button", { name: "Stay" }).click();
  await expect(backDialog).toBeHidden();
  await expect(page).toHaveURL(/\/voice$/);
  await expect(voiceStatus(page)).toHaveAttribute("data-status", "connected");
  await page.goBack();
  await page.getByRole("dialog", { name: "Leave the call?" }).getByRole("button", { name: "End call and leave" }).click();
  await expect(page).toHaveURL(/\/usage/);
});
