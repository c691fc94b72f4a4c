import { expect, type Page, test } from "@playwright/test";
import { MODELS } from "../fake-openai/models";
import { allowClientSecrets, fake } from "./support/realtime";
import { startSession, voiceStatus as status, voiceUser } from "./support/voice";
import { fakeMicLaunchOptions } from "./support/fake-mic";
import { signedUpContext } from "./support/users";

const SHOTS = "test-results/screenshots";

test.use({
  launchOptions: fakeMicLaunchOptions("voice"),
});

/** Everything the page receives: HTTP response bodies and WebSocket frames, as text. */
function captureTraffic(page: Page) {
  const seen: string[] = [];
  page.on("response", async (res) => {
    const body = await res.text().catch(() => "");
    seen.push(`${res.url()}\n${JSON.stringify(res.headers())}\n${body}`);
  });
  page.on("websocket", (ws) => {
    ws.on("framereceived", (f) => seen.push(String(f.payload)));
    ws.on("framesent", (f) => seen.push(String(f.payload)));
  });
  return seen;
}

async function chooseTransport(page: Page, transport: "webrtc" | "websocket") {
  await page.getByText("Advanced").click();
  await page.getByLabel("Transport").selectOption(transport);
}

async function askAboutModels(page: Page, how: "speak" | "type") {
  if (how === "type") {
    await page.getByLabel("Message").fill("which models do we have?");
    await page.getByRole("button", { name: "Send" }).click();
  }
  const card = page.getByRole("article", { name: "Tool call list_openai_models" }).first();
  await expect(card).toBeVisible({ timeout: 20_000 });
  await expect(card).toContainText("done");
  await card.getByText("Result").click();
  await expect(card.getByTestId("tool-result")).toContainText('"id": "gpt-realtime');
  const answer = page.locator('[data-role="assistant"]').last();
  await expect(answer).toContainText(/Here is what I found: \S+\./, { timeout: 15_000 });
  const quoted = /Here is what I found: (\S+)\./.exec((await answer.textContent()) ?? "")?.[1];
  expect(MODELS.map((m) => m.id)).toContain(quoted); // one of the fake's model ids, quoted from the tool output
}

test("WebRTC via the relay: spoken question, tool card, spoken answer, interrupt, mute, stop; no OpenAI secret reaches the browser", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { page, apiKey } = await voiceUser(browser);
  const traffic = captureTraffic(page);
  await page.goto("/voice");
  await page.screenshot({ path: `${SHOTS}/voice-idle.png`, fullPage: true });

  const ms = await startSession(page);
  console.log(`Start → connected (WebRTC, first run): ${ms} ms`);
  await expect(page.getByRole("button", { name: "Mute" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/voice-connected.png`, fullPage: true });

  // The fake mic says "which models do we have" after 1.5 s of silence; server VAD picks it up.
  await expect(page.locator('[data-role="user"]').first()).toContainText("which models do we have?", { timeout: 20_000 });
  await askAboutModels(page, "speak");
  await page.getByRole("button", { name: "Show event log" }).click();
  await expect(page.getByRole("heading", { name: /Event log/ })).toBeVisible();
  await page.getByLabel("Filter events by type").fill("response.done");
  await page.screenshot({ path: `${SHOTS}/voice-answer.png`, fullPage: true });

  await page.getByRole("button", { name: "Interrupt" }).click();
  await page.getByRole("button", { name: "Mute" }).click();
  await expect(page.getByRole("button", { name: "Unmute" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("meter", { name: "Microphone level" })).toHaveJSProperty("value", 0);
  await page.screenshot({ path: `${SHOTS}/voice-muted.png`, fullPage: true });

  const callsBefore = await fake.calls();
  expect(callsBefore.length).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(status(page)).toHaveAttribute("data-status", "idle");
  await page.screenshot({ path: `${SHOTS}/voice-stopped.png`, fullPage: true });

  // Usage came in over the sideband and the call was hung up upstream.
  await expect
    .poll(async () => (await (await page.request.get("/api/v1/realtime/calls")).json()).calls[0], { timeout: 10_000 })
    .toMatchObject({ endedAt: expect.any(String), totalTokens: expect.any(Number) });
  const [call] = (await (await page.request.get("/api/v1/realtime/calls")).json()).calls;
  expect(call.totalTokens).toBeGreaterThan(0);
  expect(await fake.calls()).not.toContain(call.id);

  const issued = await fake.issued();
  const everything = traffic.join("\n");
  for (const secret of issued) expect(everything.includes(secret), "an OpenAI-issued secret reached the browser").toBe(false);
  expect(everything.includes(apiKey), "the workspace key reached the browser").toBe(false);
  expect(everything).not.toMatch(/\bsk-[A-Za-z0-9_-]{8,}/);
  expect(everything).not.toMatch(/\bek_(?!oc_)[A-Za-z0-9]{8,}/);
});

test("WebSocket with an ephemeral secret: typed question, tool card, answer, interrupt, stop", async ({ browser }) => {
  test.setTimeout(90_000);
  const { page, api } = await voiceUser(browser);
  await allowClientSecrets(api);
  await page.goto("/voice");
  await chooseTransport(page, "websocket");
  const ms = await startSession(page);
  console.log(`Start → connected (WebSocket): ${ms} ms`);
  await askAboutModels(page, "type");
  await page.getByRole("button", { name: "Interrupt" }).click();
  await page.getByRole("button", { name: "Mute" }).click();
  await expect(page.getByRole("button", { name: "Unmute" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/voice-websocket.png`, fullPage: true });
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(status(page)).toHaveAttribute("data-status", "idle");
});

test("clear errors: no key configured; rate limited with the wait; upstream down", async ({ browser }) => {
  const nokey = await signedUpContext(browser, "VoiceNoKey");
  await nokey.context.grantPermissions(["microphone"]);
  await nokey.page.goto("/voice");
  await nokey.page.getByRole("button", { name: "Start" }).click();
  const alert = nokey.page.getByRole("region", { name: "Session" }).getByRole("alert");
  await expect(alert).toHaveAttribute("data-kind", "no_key");
  await expect(alert).toContainText("No OpenAI key configured");
  await expect(status(nokey.page)).toHaveAttribute("data-status", "idle");
  await nokey.page.screenshot({ path: `${SHOTS}/voice-error-no-key.png`, fullPage: true });

  const { page, api } = await voiceUser(browser);
  await page.goto("/voice");
  await fake.fault("503", "/v1/realtime/calls");
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByRole("region", { name: "Session" }).getByRole("alert")).toHaveAttribute("data-kind", "upstream");
  await page.screenshot({ path: `${SHOTS}/voice-error-upstream.png`, fullPage: true });

  // Spend the rest of the minute's budget, then Start says how long to wait.
  await Promise.all(Array.from({ length: 30 }, () => api.post("/api/v1/realtime/tickets", { data: {} })));
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("region", { name: "Session" }).getByRole("alert")).toHaveAttribute("data-kind", "rate_limited");
  await expect(page.getByRole("region", { name: "Session" }).getByRole("alert")).toContainText(/Wait \d+ s\./);
});

test("looks right in dark mode and at 390 px", async ({ browser }) => {
  const { context, page } = await voiceUser(browser);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/voice");
  await startSession(page);
  await askAboutModels(page, "type");
  await page.screenshot({ path: `${SHOTS}/voice-dark.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "light" });
  await page.screenshot({ path: `${SHOTS}/voice-phone.png`, fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.getByRole("button", { name: "Stop" }).click();
  await context.close();
});
