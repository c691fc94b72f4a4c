import { expect, request, test } from "@playwright/test";
import { APP_URL } from "./support/env";
import { userWithKey } from "./support/realtime";

// Settings → Tokens as a person uses it: create a token, copy it from the box that shows it
// once, see it listed (never its secret), revoke it through the in-app confirmation, and the
// token stops working from code at once.

test("a token made in Settings → Tokens is shown once, works from code, and stops working when revoked there", async ({ browser }) => {
  test.setTimeout(90_000);
  const owner = await userWithKey(browser, "TokensUi");
  await owner.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: APP_URL });
  const { page } = owner;
  const shot = async (name: string) => {
    for (const colorScheme of ["light", "dark"] as const)
      for (const [layout, viewport] of [
        ["desktop", { width: 1280, height: 800 }],
        ["phone", { width: 390, height: 844 }],
      ] as const) {
        await page.emulateMedia({ colorScheme });
        await page.setViewportSize(viewport);
        await page.screenshot({ path: `test-results/screenshots/settings-tokens-${name}-${layout}-${colorScheme}.png`, fullPage: true });
      }
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 1280, height: 800 });
  };

  await page.goto("/settings/tokens");
  await expect(page.getByRole("link", { name: "Tokens" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("tokens-empty")).toHaveText(/You have no tokens yet|Nobody in this workspace has a token yet/);
  await shot("empty");

  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.locator(".alert-error")).toHaveText("Give the token a name, so you can tell it apart later.");
  await page.getByLabel("Name").fill("Deploy bot");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.locator(".alert-error")).toHaveText("Choose at least one scope: what the token may do.");

  // Keyboard only: name, expiry, scopes, submit.
  await page.getByLabel("Name").fill("Deploy bot");
  await page.getByLabel("Expires after").selectOption("never");
  await expect(page.getByText("A token that never expires works until someone revokes it")).toBeVisible();
  await page.getByLabel("Expires after").selectOption("30");
  await expect(page.getByText("A token that never expires")).toHaveCount(0);
  await page.getByRole("checkbox", { name: /^Chat chat/ }).focus();
  await page.keyboard.press("Space");
  await page.getByRole("checkbox", { name: /^Usage usage:read/ }).check();
  await page.getByRole("button", { name: "Create token" }).press("Enter");

  const box = page.getByTestId("new-token");
  await expect(box).toContainText("you won't see it again");
  const secret = await page.getByLabel("Your new API token").inputValue();
  expect(secret).toMatch(/^oc_[A-Za-z0-9]{16}_[A-Za-z0-9_-]{32}$/);
  await expect(page.getByLabel("Your new API token")).toBeFocused();
  await box.getByRole("button", { name: "Copy token" }).click();
  await expect(box.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  const id = secret.slice(3, 19);
  const item = page.locator(`[data-token-id="${id}"]`);
  await expect(item).toContainText("Deploy bot");
  await expect(item).toContainText(`oc_${id}_…`);
  await expect(item).toContainText("active");
  await expect(item.getByRole("list", { name: "Scopes" })).toHaveText(/usage:read\s*chat|chat\s*usage:read/);
  await shot("created");

  // From code: the token works.
  const code = await request.newContext({ baseURL: APP_URL });
  const models = () => code.get("/api/v1/cto/openai/models", { headers: { authorization: `Bearer ${secret}` } });
  expect((await models()).status()).toBe(200);

  // Shown once: after a reload the box and the secret are gone; the list says when it was last used.
  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret.slice(-32));
  const lastUsed = item.locator("dt", { hasText: "Last used" }).locator("xpath=following-sibling::dd");
  await expect(lastUsed).not.toHaveText("never");
  await expect(lastUsed.locator("time")).toBeVisible();

  // Revoke: Esc says no; the dialog's button says yes.
  await item.getByRole("button", { name: "Revoke Deploy bot" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke “Deploy bot”?" });
  await expect(dialog).toContainText(`oc_${id}_…`);
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(item).toContainText("active");
  await item.getByRole("button", { name: "Revoke Deploy bot" }).click();
  await dialog.getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Token “Deploy bot” revoked." })).toBeVisible();
  await expect(item).toContainText("revoked");
  await expect(item.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  await shot("revoked");

  const refused = await models();
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error).toContain("revoked");
  await code.dispose();
});
