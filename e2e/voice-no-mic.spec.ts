import { expect, test } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "./support/env";
import { userWithKey } from "./support/realtime";
import { voiceStatus } from "./support/voice";

// A microphone exists (Chromium's fake device), but the permission prompt is denied, as a person
// clicking Block would; the context is not granted the microphone.
test.use({
  launchOptions: { ...CHROMIUM_LAUNCH, args: [...CHROMIUM_LAUNCH.args, "--use-fake-device-for-media-stream", "--deny-permission-prompts"] },
});

test("a denied microphone shows the page's explanation and offers to try again; no call is placed", async ({ browser }) => {
  const { page, api } = await userWithKey(browser, "NoMic");
  await page.goto("/voice");
  await page.getByRole("button", { name: "Start" }).click();
  const alert = page.getByRole("region", { name: "Session" }).getByRole("alert");
  await expect(alert).toContainText("Microphone unavailable");
  await expect(alert).toContainText("Microphone access was blocked. Allow it in the browser's address bar, then press Start again.");
  await expect(alert.getByRole("button", { name: "Try again" })).toBeVisible();
  await expect(voiceStatus(page)).not.toHaveAttribute("data-status", "connected");
  expect((await (await api.get("/api/v1/realtime/calls")).json()).calls).toEqual([]);
  await page.screenshot({ path: "test-results/screenshots/voice-mic-denied.png", fullPage: true });
});
