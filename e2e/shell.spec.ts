import { expect, type Page, test } from "@playwright/test";
import { APP_URL } from "./support/env";
import { currentWorkspaceId, testKey } from "./support/keys";
import { signedUpContext } from "./support/users";

// Conventions of the dashboard's frame: the theme switch, in-app confirmation dialogs, copy
// buttons that tell the truth, and paged long lists.

const SHOTS = "test-results/screenshots";
/** The page's background as light or dark (Tailwind's colours compute to lab(): its first number is the lightness). */
const background = (page: Page) =>
  page.evaluate(() => {
    const color = getComputedStyle(document.body).backgroundColor;
    const lightness = Number(/^lab\(([\d.]+)/.exec(color)?.[1] ?? Number.NaN);
    return lightness > 90 ? "light" : lightness < 10 ? "dark" : color;
  });
const LIGHT_BG = "light"; // zinc-50
const DARK_BG = "dark"; // zinc-950

test("the theme switch applies at once, survives a reload in the server's HTML, and runs under the CSP", async ({ browser }) => {
  const { context, page } = await signedUpContext(browser, "Theme");
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/settings");
  const html = page.locator("html");
  await expect(html).toHaveAttribute("data-theme", "system");
  expect(await background(page)).toBe(LIGHT_BG);

  await page.getByRole("radio", { name: "Dark" }).check();
  await expect(html).toHaveAttribute("data-theme", "dark");
  expect(await background(page)).toBe(DARK_BG);
  // Persisted: the server renders the next page dark before any script runs (no flash of light).
  const response = await page.reload();
  expect(await response?.text()).toMatch(/<html[^>]*data-theme="dark"/);
  expect(await background(page)).toBe(DARK_BG);
  await expect(page.getByRole("radio", { name: "Dark" })).toBeChecked();
  await page.screenshot({ path: `${SHOTS}/theme-dark-forced-desktop.png`, fullPage: true });
  // Scripts off: still dark, since nothing but the cookie and the CSS decide it.
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await context.storageState() });
  const bare = await noScript.newPage();
  await bare.goto(`${APP_URL}/settings`);
  expect(await bare.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
  await noScript.close();

  // Light wins over a dark system; "System" follows it again.
  await page.emulateMedia({ colorScheme: "dark" });
  await page.getByRole("radio", { name: "Light" }).check();
  expect(await background(page)).toBe(LIGHT_BG);
  await page.reload();
  expect(await background(page)).toBe(LIGHT_BG);
  await page.getByRole("radio", { name: "System" }).check();
  expect(await background(page)).toBe(DARK_BG);
  await page.reload();
  await expect(html).toHaveAttribute("data-theme", "system");
  expect(await background(page)).toBe(DARK_BG);
  expect(violations).toEqual([]);
  await context.close();
});

test("removing a key asks in an in-app dialog: Esc cancels, Enter confirms, and no native confirm() appears", async ({ browser }) => {
  const { context, page, api } = await signedUpContext(browser, "Dialog");
  const native: string[] = [];
  page.on("dialog", async (d) => {
    native.push(d.message());
    await d.dismiss();
  });
  const saved = await api.put("/api/v1/llm/keys/openai", {
    data: { apiKey: testKey("standard", "dialog"), scope: "personal", verify: false },
  });
  expect(saved.status()).toBe(200);
  await page.goto("/settings/keys");
  const slot = page.getByTestId("slot-openai-personal");
  const remove = slot.getByRole("button", { name: "Remove" });
  const dialog = page.getByRole("dialog");

  await remove.click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("heading")).toHaveText(/^Remove your personal key sk-…\w{4}\?$/);
  await expect(dialog.getByRole("button", { name: "Remove key" })).toBeFocused();
  // The page behind is inert: Tab stays within the dialog.
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((d) => d.contains(document.activeElement) || document.activeElement === document.body)).toBe(true);
  }
  await page.screenshot({ path: `${SHOTS}/confirm-dialog-desktop-light.png` });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${SHOTS}/confirm-dialog-desktop-dark.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/confirm-dialog-phone-dark.png` });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: "light" });
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(remove).toBeFocused();
  await expect(slot.getByTestId("key-status")).toHaveText("Configured");

  await remove.click();
  await expect(dialog.getByRole("button", { name: "Remove key" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(slot.getByRole("status")).toHaveText("Key removed.");
  await expect(slot.getByTestId("key-status")).not.toHaveText("Configured");
  expect(native).toEqual([]);
  await context.close();
});

test("a copy button says Copied only when the copy worked, and asks to copy by hand when the clipboard is denied", async ({ browser }) => {
  const { context, page } = await signedUpContext(browser, "Copy");
  const origin = new URL(APP_URL).origin;
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  await page.goto("/settings");
  const createInvite = async (email: string) => {
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Create invite" }).click();
    await expect(page.getByTestId("invite-link")).toHaveValue(/\/invite\//);
  };
  await createInvite(`copy-ok-${Date.now()}@example.com`);
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await page.getByTestId("invite-link").inputValue());

  // Clipboard refused: headless Chromium grants writes after a click, so the refusal is made here the way
  // a browser reports it (NotAllowedError); then no clipboard at all, as on plain http.
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException("Write permission denied.", "NotAllowedError"));
  });
  await createInvite(`copy-denied-${Date.now()}@example.com`);
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.getByRole("button", { name: "Copy failed — select and copy" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Copied" })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/copy-failed-desktop-light.png` });
  await page.evaluate(() => Object.defineProperty(navigator, "clipboard", { value: undefined }));
  await createInvite(`copy-none-${Date.now()}@example.com`);
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.getByRole("button", { name: "Copy failed — select and copy" })).toBeVisible();
  await context.close();
});

test("members and key activity come a page at a time", async ({ browser }) => {
  test.setTimeout(120_000);
  const { context, page, api } = await signedUpContext(browser, "Pages");
  const workspaceId = await currentWorkspaceId(api);
  // 30 key events: a personal key saved and removed 15 times (key checks are throttled; these are not checks).
  for (let i = 0; i < 15; i++) {
    const saved = await api.put("/api/v1/llm/keys/openai", {
      data: { apiKey: testKey("standard", `pg${i}`), scope: "personal", verify: false },
    });
    expect(saved.status()).toBe(200);
    expect((await api.delete("/api/v1/llm/keys/openai?scope=personal")).status()).toBe(200);
  }
  const first = await (await api.get(`/api/v1/llm/keys/audit?workspaceId=${workspaceId}&limit=10`)).json();
  expect(first).toMatchObject({ page: 1, limit: 10, total: 30 });
  expect(first.events).toHaveLength(10);
  const last = await (await api.get(`/api/v1/llm/keys/audit?workspaceId=${workspaceId}&limit=10&page=3`)).json();
  expect(last.events).toHaveLength(10);
  expect(new Set([...first.events, ...last.events].map((e: { id: string }) => e.id)).size).toBe(20);
  expect((await api.get(`/api/v1/llm/keys/audit?limit=1000`)).status()).toBe(400);
  expect((await api.get(`/api/v1/workspace/members?page=0`)).status()).toBe(400);
  expect(await (await api.get(`/api/v1/workspace/members`)).json()).toMatchObject({ page: 1, limit: 25, total: 1 });

  await page.goto("/settings/keys");
  const rows = page.getByTestId("key-audit").locator("tbody tr");
  await expect(rows).toHaveCount(20);
  await expect(page.getByTestId("activity-range")).toHaveText("1–20 of 30 · page 1 of 2");
  await page.getByRole("navigation", { name: "Key activity pages" }).getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/[?&]activity=2/);
  await expect(rows).toHaveCount(10);
  await expect(page.getByTestId("activity-range")).toHaveText("21–30 of 30 · page 2 of 2");
  await page.goto("/settings/keys?activity=99");
  await expect(rows).toHaveCount(10);
  await context.close();
});

test("a long workspace name wraps or is cut with the full name on hover, on a desktop and a phone", async ({ browser }) => {
  const { context, page, api } = await signedUpContext(browser, "Long");
  const name = `Platform${"-and-infrastructure".repeat(3)}-${"x".repeat(20)}`.slice(0, 80);
  expect((await api.post("/api/v1/workspaces", { data: { name } })).status()).toBe(201);
  for (const viewport of [
    { width: 1280, height: 800, label: "desktop" },
    { width: 390, height: 844, label: "phone" },
  ]) {
    await page.setViewportSize(viewport);
    for (const path of ["/", "/settings"]) {
      await page.goto(path);
      if (viewport.label === "phone") await page.getByRole("button", { name: "Menu" }).click();
      const switcher = page.getByLabel("Workspace", { exact: true });
      await expect(switcher).toHaveAttribute("title", name);
      // Nothing pushes the page sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      const box = await switcher.boundingBox();
      expect(box && box.x + box.width <= viewport.width).toBe(true);
    }
    await page.screenshot({ path: `${SHOTS}/long-name-settings-${viewport.label}-light.png`, fullPage: true });
  }
  await context.close();
});

test("a message from an earlier action goes when the next one starts, in any form on the page", async ({ browser }) => {
  const { context, page } = await signedUpContext(browser, "Messages");
  await page.goto("/settings");
  await page.getByLabel("Workspace name").fill("Renamed once");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Workspace renamed.")).toBeVisible();
  // Editing the field again: the old outcome no longer describes it.
  await page.getByLabel("Workspace name").fill("Renamed twice");
  await expect(page.getByText("Workspace renamed.")).toHaveCount(0);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Workspace renamed.")).toBeVisible();
  // Another form's action: only its outcome is on screen.
  await page.getByLabel("Email", { exact: true }).fill(`messages-${Date.now()}@example.com`);
  await page.getByRole("button", { name: "Create invite" }).click();
  await expect(page.getByTestId("invite-link")).toBeVisible();
  await expect(page.getByText("Workspace renamed.")).toHaveCount(0);
  // Revoking drops the link the previous action showed.
  await page.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText(/^Invite for .* revoked\.$/)).toBeVisible();
  await expect(page.getByTestId("invite-link")).toHaveCount(0);
  await context.close();
});
