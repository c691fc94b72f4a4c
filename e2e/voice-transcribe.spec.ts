import { expect, test } from "@playwright/test";
import { FAKE_OPENAI_URL } from "./support/env";
import { fakeMicLaunchOptions } from "./support/fake-mic";
import { voiceUser } from "./support/voice";

// Transcription-only mode on the Voice page: a `transcription` session through the relay, a live
// transcript of what the microphone hears, and no replies.

test.use({ launchOptions: fakeMicLaunchOptions("voice") });

test("Transcribe only: the microphone's words appear as a live transcript; the session is a transcription one and nothing replies", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { page, api } = await voiceUser(browser);
  const current = (await (await api.get("/api/v1/realtime/settings")).json()).settings;
  const { updatedAt: _u, ...settings } = current;
  expect((await api.put("/api/v1/realtime/settings", { data: { ...settings, transcriptionLanguage: "en" } })).status()).toBe(200);

  await page.goto("/voice");
  await page.getByRole("button", { name: "Transcribe only" }).click();
  await page.getByRole("button", { name: "Start transcribing" }).click();
  await expect(page.getByTestId("transcribe-status")).toHaveAttribute("data-status", "connected", { timeout: 10_000 });
  // The fake mic speaks after 1.5 s of silence; server VAD ends the turn and the double transcribes it.
  const line = page.getByTestId("live-transcript").locator('li[data-final="true"]').first();
  await expect(line).toContainText("which models do we have?", { timeout: 20_000 });
  await page.screenshot({ path: "test-results/screenshots/voice-transcribe.png", fullPage: true });

  const [call] = (await (await api.get("/api/v1/realtime/calls")).json()).calls;
  expect(call).toMatchObject({ model: "gpt-4o-mini-transcribe" });
  const logged = (await (await fetch(`${FAKE_OPENAI_URL}/_fake/requests?path=/v1/realtime/calls`)).json()).data as Array<{
    body: { session?: Record<string, unknown> };
  }>;
  const session = logged
    .map((r) => r.body?.session)
    .find((s) => s?.type === "transcription" && JSON.stringify(s).includes('"language":"en"'));
  expect(session).toMatchObject({
    type: "transcription",
    audio: { input: { transcription: { model: "gpt-4o-mini-transcribe", language: "en" }, turn_detection: { type: "server_vad" } } },
  });
  expect(session).not.toHaveProperty("instructions");
  expect(session).not.toHaveProperty("tools");
  const events = (await (await fetch(`${FAKE_OPENAI_URL}/_fake/events?call=${call.id}`)).json()).data as Array<{ type: string }>;
  expect(events.map((e) => e.type)).not.toContain("response.create");

  await page.getByRole("button", { name: "Stop" }).click();
  await expect(page.getByTestId("transcribe-status")).toHaveAttribute("data-status", "idle");
  await expect
    .poll(async () => (await (await api.get("/api/v1/realtime/calls")).json()).calls[0].endedAt, { timeout: 10_000 })
    .toBeTruthy();
  // The transcript stays on the page after the call.
  await expect(line).toContainText("which models do we have?");
});
