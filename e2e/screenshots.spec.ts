import { expect, test } from "@playwright/test";
import { newUser, signUp } from "./support/users";

// Screenshots of each page in light, dark and phone layouts, for people to look at
// (test-results/screenshots/). Each also asserts the page rendered its main heading.
const VARIANTS = [
  { name: "desktop-light", viewport: { width: 1280, height: 800 }, colorScheme: "light" as const },
  { name: "desktop-dark", viewport: { width: 1280, height: 800 }, colorScheme: "dark" as const },
  { name: "phone-light", viewport: { width: 390, height: 844 }, colorScheme: "light" as const },
];

for (const variant of VARIANTS) {
  test(`pages render (${variant.name})`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: variant.viewport, colorScheme: variant.colorScheme });
    const page = await context.newPage();
    const shot = (name: string) => page.screenshot({ path: `test-results/screenshots/${name}-${variant.name}.png`, fullPage: true });

    await page.goto("/login");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await shot("login");
    await page.getByLabel("Email").fill("nobody@example.com");
    await page.getByLabel("Password").fill("wrong password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator(".alert-error")).toHaveText("Email or password is incorrect.");
    await expect(page.getByLabel("Email")).toHaveValue("nobody@example.com");
    await shot("login-error");
    await signUp(page, newUser("Shot"));
    await expect(page.getByRole("heading", { level: 1 })).toContainText("workspace");
    await expect(page.getByRole("status")).toHaveCount(0); // the Overview's figures are in
    await shot("overview");
    for (const path of [
      "/settings",
      "/settings/keys",
      "/settings/assistant",
      "/settings/budgets",
      "/settings/telephony",
      "/settings/alerts",
      "/settings/connectors",
      "/settings/privacy",
      "/voice",
      "/chat",
      "/calls",
      "/usage",
      "/ops",
    ]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      // Skeletons gone: data and charts are in (charts load on the reader's first move: move the mouse until they are).
      await expect(async () => {
        await page.mouse.move(5 + Math.random() * 40, 5 + Math.random() * 40);
        await expect(page.getByRole("status", { name: /^Loading/ })).toHaveCount(0, { timeout: 2_000 });
      }).toPass({ timeout: 20_000 });
      await shot(path.slice(1).replace("/", "-"));
    }
    await context.close();
  });
}
