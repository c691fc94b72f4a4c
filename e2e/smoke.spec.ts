import { execFile } from "node:child_process";
import { expect, test } from "@playwright/test";
import { APP_URL } from "./support/env";
import { testKey } from "./support/keys";
import { allowClientSecrets, userWithKey } from "./support/realtime";

// `npm run smoke` against this production server, as an admin would run it against a deployment.
function smoke(email: string, password: string): Promise<{ code: number; lines: string[] }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["scripts/smoke.mjs", APP_URL, "--email", email, "--password", password],
      { timeout: 60_000 },
      (error, stdout) => resolve({ code: error ? Number(error.code ?? 1) : 0, lines: stdout.trim().split("\n") }),
    );
  });
}

test("smoke check: every line PASS for a member whose workspace has keys; FAIL lines and exit 1 otherwise", async ({ browser }) => {
  const admin = await userWithKey(browser, "Smoke");
  const adminKey = await admin.api.put("/api/v1/llm/keys/openai-admin", {
    data: { workspaceId: admin.workspaceId, apiKey: testKey("admin", "smoke") },
  });
  expect(adminKey.status()).toBe(200);
  // The smoke check mints a client secret, which a workspace hands out only once an admin allows it.
  await allowClientSecrets(admin.api);

  const passed = await smoke(admin.user.email, admin.user.password);
  expect(passed.lines.map((line) => line.split(":")[0])).toEqual([
    "PASS  health",
    "PASS  sign in",
    "PASS  realtime token",
    "PASS  models proxy",
    "PASS  usage proxy",
    "smoke",
  ]);
  expect(passed.lines[0]).toMatch(/database ok .*, schema \d{4}_\w+, no pending migrations$/);
  expect(passed.code).toBe(0);
  expect(passed.lines.join("\n")).not.toContain(admin.apiKey);
  expect(passed.lines.join("\n")).not.toMatch(/ek_/); // the client secret itself is never printed

  const wrongPassword = await smoke(admin.user.email, "not the password");
  expect(wrongPassword.code).toBe(1);
  expect(wrongPassword.lines.slice(0, 5).map((line) => line.split(":")[0])).toEqual([
    "PASS  health",
    "FAIL  sign in",
    "FAIL  realtime token",
    "FAIL  models proxy",
    "FAIL  usage proxy",
  ]);
  expect(wrongPassword.lines.at(-1)).toBe("smoke: 4 check(s) failed");
});
