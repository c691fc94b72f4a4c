import fs from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { E2E_DATA_DIR } from "./support/env";
import { fakeMicLaunchOptions } from "./support/fake-mic";
import { startSession, voiceStatus, voiceUser } from "./support/voice";

// Trace and privacy mode. A traced call's events can be downloaded as JSON by an admin; in
// privacy mode, what was said in a call is nowhere in the server's log or the database's files.

const SHOTS = "test-results/screenshots";

test.use({ launchOptions: fakeMicLaunchOptions("privacy") });

function* filesUnder(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

/** A call in which the user types `phrase` and the assistant says it back; then Stop, and the call's record is closed. */
async function callSaying(page: Page, phrase: string) {
  await page.goto("/voice");
  await startSession(page);
  await expect(page.locator('[data-role="assistant"]').last()).toContainText("Here is what I found", { timeout: 20_000 });
  await page.getByLabel("Message").fill(phrase);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.locator('[data-role="assistant"]').last()).toContainText(`You said: ${phrase}`, { timeout: 15_000 });
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(voiceStatus(page)).toHaveAttribute("data-status", "idle");
  await expect
    .poll(async () => (await (await page.request.get("/api/v1/realtime/calls")).json()).calls[0]?.endedAt ?? null, { timeout: 10_000 })
    .not.toBeNull();
}

test("a traced call can be downloaded as JSON by an admin, with its words and without keys", async ({ browser }) => {
  test.setTimeout(90_000);
  const { page, apiKey } = await voiceUser(browser);
  await page.goto("/settings/privacy");
  await page.getByLabel("Trace calls").check();
  await page.getByLabel("Keep traces for (days)").fill("3");
  await page.getByRole("button", { name: "Save privacy settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Privacy settings saved." })).toBeVisible();

  const phrase = `the traced word is periwinkle ${Date.now().toString(36)}`;
  await callSaying(page, phrase);
  await page.goto("/settings/privacy");
  const traces = page.getByTestId("traces");
  await expect(traces.getByRole("row")).toHaveCount(2);
  await page.screenshot({ path: `${SHOTS}/settings-privacy-trace.png`, fullPage: true });
  const [download] = await Promise.all([page.waitForEvent("download"), traces.getByRole("link", { name: "Download JSON" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^trace-.+\.json$/);
  const trace = JSON.parse(fs.readFileSync(await download.path(), "utf8"));
  expect(trace.eventCount).toBe(trace.events.length);
  const text = JSON.stringify(trace.events);
  expect(text).toContain(phrase);
  expect(text).not.toContain(apiKey);
  expect(text).not.toMatch(/\bsk-[A-Za-z0-9_-]{8,}/);
});

test("with privacy on, no transcript text of a call is in the server log or the database files", async ({ browser }) => {
  test.setTimeout(90_000);
  const { page, user } = await voiceUser(browser);
  await page.goto("/settings/privacy");
  await page.getByLabel("Privacy mode").check();
  await expect(page.getByLabel("Trace calls")).toBeDisabled();
  await page.getByRole("button", { name: "Save privacy settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Privacy settings saved." })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/settings-privacy.png`, fullPage: true });

  const phrase = `my private note is aubergine ${Date.now().toString(36)}`;
  await callSaying(page, phrase);
  await page.goto("/settings/privacy");
  await expect(page.getByText("No traces kept.")).toBeVisible();

  const log = fs.readFileSync(path.join(E2E_DATA_DIR, "server.log"), "utf8");
  expect(log, "the server log was captured").toContain("Ready");
  expect(log.includes(phrase), "server.log holds the call's words").toBe(false);
  const files = [...filesUnder(path.join(E2E_DATA_DIR, "pglite"))].map((file) => ({ file, bytes: fs.readFileSync(file) }));
  // Positive control: this member's email, written moments before, is found, so the scan sees recent writes.
  expect(files.some((f) => f.bytes.includes(user.email))).toBe(true);
  expect(files.filter((f) => f.bytes.includes(phrase)).map((f) => f.file)).toEqual([]);
  expect(files.filter((f) => f.bytes.includes("aubergine")).map((f) => f.file)).toEqual([]);
});
