import { expect, test } from "@playwright/test";
import { fakeMicLaunchOptions } from "./support/fake-mic";
import { startSession, voiceStatus, voiceUser } from "./support/voice";

// The "timing" project runs this alone, after every other spec, so the number measures the
// product rather than whichever other specs share the two cores at that moment.
test.use({ launchOptions: fakeMicLaunchOptions("voice") });

test("Start → connected over the WebRTC relay: median of 5 under 1.5 s", async ({ browser }) => {
  test.setTimeout(90_000);
  const { page } = await voiceUser(browser);
  await page.goto("/voice");
  const runs: number[] = [];
  // One unmeasured run loads the Agents SDK chunk, as a returning visitor's cache would have it.
  for (let i = 0; i < 6; i++) {
    const ms = await startSession(page);
    if (i > 0) runs.push(ms);
    await page.getByRole("button", { name: "Stop" }).click();
    await expect(voiceStatus(page)).toHaveAttribute("data-status", "idle");
  }
  const median = [...runs].sort((a, b) => a - b)[2] ?? Number.POSITIVE_INFINITY;
  console.log(`Start → connected over WebRTC relay: runs ${runs.join(", ")} ms; median ${median} ms`);
  expect(median).toBeLessThan(1500);
});
