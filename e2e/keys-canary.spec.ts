import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { CANARY_FILE } from "./support/env";
import { signedUpContext } from "./support/users";

// Saves keys carrying a unique marker through every path, then checks that no response the
// browser or API client received contains it. keys-leak.after-all.spec.ts later checks the
// server's whole log and the database files for the same marker.
test("a saved key never comes back in any response", async ({ browser }) => {
  const marker = `canary${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  const key = `sk-${marker}Zq7x`;
  const { page, api, user, context } = await signedUpContext(browser, "Canary");
  fs.appendFileSync(CANARY_FILE, `${JSON.stringify({ marker, email: user.email, hint: `sk-…${key.slice(-4)}` })}\n`);

  const bodies: Promise<string>[] = [];
  page.on("response", (res) =>
    bodies.push(
      res.body().then(
        (b) => b.toString("utf8"),
        () => "",
      ),
    ),
  );
  const record = async (res: { text(): Promise<string> }) => bodies.push(Promise.resolve(await res.text()));

  await page.goto("/settings/keys");
  const slot = page.getByTestId("slot-openai-workspace");
  await slot.getByLabel("Add workspace key").fill(key);
  await slot.getByRole("button", { name: "Save" }).click();
  await expect(slot.getByTestId("key-status")).toHaveText("Configured");
  await slot.getByRole("button", { name: "Test" }).click();
  await expect(slot.getByRole("status")).toHaveText("OpenAI accepted the key.");
  const personal = page.getByTestId("slot-openai-personal");
  await personal.getByLabel("Add your personal key").fill(`${key}P3rs`);
  await personal.getByRole("button", { name: "Save" }).click();
  await expect(personal.getByTestId("key-status")).toHaveText("Configured");
  await page.reload();
  await expect(page.getByTestId("key-audit")).toContainText("Saved");

  await record(await api.get("/api/v1/llm/keys"));
  await record(await api.get("/api/v1/llm/keys/audit"));
  await record(await api.post("/api/v1/llm/keys/openai/test", { data: { scope: "personal" } }));
  await record(await api.put("/api/v1/llm/keys/openai", { data: { apiKey: `${key}revoked` } }));
  await record(await api.put("/api/v1/llm/keys/openai", { data: { apiKey: `sk-${marker} with spaces` } }));
  await record(await api.put("/api/v1/llm/keys/openai-admin", { data: { apiKey: key } }));
  await record(await api.put("/api/v1/llm/keys/openai", { data: { apiKey: [key] } }));
  await page.waitForLoadState("networkidle");

  const seen = await Promise.all(bodies);
  expect(seen.length).toBeGreaterThan(10);
  expect(seen.some((b) => b.includes(`sk-…${key.slice(-4)}`))).toBe(true);
  const leaks = seen.filter((b) => b.includes(marker));
  expect(leaks, "responses containing the key").toEqual([]);
  await context.close();
});
