import { expect, type Page, type TestInfo, test } from "@playwright/test";
import { currentWorkspaceId, joinAsMember, testKey } from "./support/keys";
import { signedUpContext } from "./support/users";

// Desktop and phone, light and dark: the PNGs are attached to the report and kept in test-results.
async function screenshots(page: Page, info: TestInfo, name: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [label, width] of [
      ["desktop", 1280],
      ["phone", 390],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      const path = info.outputPath(`${name}-${label}-${scheme}.png`);
      await page.screenshot({ path, fullPage: true });
      await info.attach(`${name}-${label}-${scheme}`, { path, contentType: "image/png" });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: "light" });
}

test("an admin saves, tests and removes a key; a member sees the workspace key's status only", async ({ browser }, info) => {
  const admin = await signedUpContext(browser, "Keeper");
  const page = admin.page;
  await page.getByRole("link", { name: "Settings" }).first().click();
  await page.getByRole("link", { name: "API keys" }).click();
  await expect(page).toHaveURL(/\/settings\/keys$/);

  const slot = page.getByTestId("slot-openai-workspace");
  await expect(slot.getByTestId("key-status")).toHaveText("Not configured");
  const key = testKey("standard", "ui");
  const hint = `sk-…${key.slice(-4)}`;
  const field = slot.getByLabel("Add workspace key");
  await expect(field).toHaveAttribute("type", "password");
  await expect(field).toHaveAttribute("autocomplete", "off");
  await field.fill(key);
  await slot.getByRole("button", { name: "Save" }).click();
  await expect(slot.getByRole("status")).toHaveText(`Key saved (${hint}).`);
  await expect(slot.getByTestId("key-status")).toHaveText("Configured");
  await expect(slot.getByTestId("key-hint")).toHaveText(hint);
  await expect(slot.getByLabel("Replace workspace key")).toHaveValue("");

  await slot.getByRole("button", { name: "Test" }).click();
  await expect(slot.getByRole("status")).toHaveText("OpenAI accepted the key.");

  // A revoked key is refused with a clear message and the stored one stays.
  await slot.getByLabel("Replace workspace key").fill(testKey("standard", "revoked"));
  await slot.getByRole("button", { name: "Save" }).click();
  await expect(slot.getByRole("alert")).toContainText("OpenAI refused this key");
  await expect(slot.getByTestId("key-hint")).toHaveText(hint);

  const adminSlot = page.getByTestId("slot-openai-admin-workspace");
  await adminSlot.getByLabel("Add workspace key").fill(testKey("admin", "ui"));
  await adminSlot.getByRole("button", { name: "Save" }).click();
  await expect(adminSlot.getByTestId("key-status")).toHaveText("Configured");
  await expect(page.getByTestId("key-audit")).toContainText("Tested");
  expect(await page.content()).not.toContain(key.slice(8));
  await screenshots(page, info, "keys-admin");

  const workspaceId = await currentWorkspaceId(admin.api);
  const member = await joinAsMember(browser, admin.api, workspaceId);
  await member.page.goto("/settings/keys");
  const memberSlot = member.page.getByTestId("slot-openai-workspace");
  await expect(memberSlot.getByTestId("key-status")).toHaveText("Configured");
  await expect(memberSlot.getByTestId("key-hint")).toHaveText(hint);
  await expect(memberSlot.getByText("Only admins and owners can change the workspace key.")).toBeVisible();
  await expect(memberSlot.getByRole("textbox")).toHaveCount(0);
  await expect(memberSlot.getByRole("button", { name: "Remove" })).toBeDisabled();
  await expect(member.page.getByTestId("slot-openai-personal").getByLabel("Add your personal key")).toBeEnabled();
  await expect(member.page.getByText("Key activity")).toHaveCount(0);
  await screenshots(member.page, info, "keys-member");

  await slot.getByRole("button", { name: "Remove" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove key" }).click();
  await expect(slot.getByRole("status")).toHaveText("Key removed.");
  await expect(slot.getByTestId("key-status")).toHaveText("Not configured");
  await member.context.close();
  await admin.context.close();
});
