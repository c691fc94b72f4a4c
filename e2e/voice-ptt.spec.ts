import { expect, test } from "@playwright/test";
import { FAKE_OPENAI_URL } from "./support/env";
import { fakeMicLaunchOptions } from "./support/fake-mic";
import { startSession, voiceStatus, voiceUser } from "./support/voice";

// Push-to-talk: a policy with no turn detection, Space held and let go on the Voice page.

/** The client event types the double's call received on its data channel, oldest first. */
async function callEvents(callId: string): Promise<string[]> {
  const res = await fetch(`${FAKE_OPENAI_URL}/_fake/events?call=${encodeURIComponent(callId)}`);
  return ((await res.json()) as { data: Array<{ type: string }> }).data.map((e) => e.type);
}

test.use({ launchOptions: fakeMicLaunchOptions("ptt", "how much did we spend") });

test("holding Space opens the turn; letting go sends input_audio_buffer.commit and response.create", async ({ browser }) => {
  test.setTimeout(90_000);
  const { page, api } = await voiceUser(browser);
  const current = (await (await api.get("/api/v1/realtime/settings")).json()).settings;
  const { updatedAt: _u, ...settings } = current;
  expect((await api.put("/api/v1/realtime/settings", { data: { ...settings, turnDetection: "none" } })).status()).toBe(200);

  await page.goto("/voice");
  await startSession(page);
  const talk = page.getByRole("button", { name: /Hold to talk/ });
  await expect(talk).toBeVisible();
  const [call] = (await (await api.get("/api/v1/realtime/calls")).json()).calls;
  expect(call?.id).toMatch(/^rtc_/);
  const before = (await callEvents(call.id)).length;

  // Space counts outside buttons and fields: Start leaves the focus on a button.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.down("Space");
  await expect(page.getByRole("button", { name: "Listening…" })).toBeVisible();
  await page.waitForTimeout(1500);
  await page.keyboard.up("Space");
  await expect(talk).toBeVisible();

  await expect
    .poll(async () => (await callEvents(call.id)).slice(before), { timeout: 10_000 })
    .toEqual(expect.arrayContaining(["input_audio_buffer.clear", "input_audio_buffer.commit", "response.create"]));
  const after = (await callEvents(call.id)).slice(before);
  const commit = after.indexOf("input_audio_buffer.commit");
  expect(after.indexOf("input_audio_buffer.clear")).toBeLessThan(commit);
  expect(after.slice(commit + 1)).toContain("response.create");

  await page.getByRole("button", { name: "Stop" }).click();
  await expect(voiceStatus(page)).toHaveAttribute("data-status", "idle");
});
