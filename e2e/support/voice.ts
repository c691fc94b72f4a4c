import { type Browser, expect, type Page } from "@playwright/test";
import { userWithKey } from "./realtime";

/** A signed-up admin with a workspace key and the microphone granted. */
export async function voiceUser(browser: Browser) {
  const user = await userWithKey(browser, "Voice");
  await user.context.grantPermissions(["microphone"]);
  return user;
}

export const voiceStatus = (page: Page) => page.getByTestId("voice-status");

/** Clicks Start on the voice page and returns the milliseconds until it shows connected. */
export async function startSession(page: Page): Promise<number> {
  const t0 = Date.now();
  await page.getByRole("button", { name: "Start" }).click();
  await expect(voiceStatus(page)).toHaveAttribute("data-status", "connected", { timeout: 10_000 });
  return Date.now() - t0;
}
