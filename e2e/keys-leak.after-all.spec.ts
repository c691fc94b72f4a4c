import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { CANARY_FILE, E2E_DATA_DIR } from "./support/env";

function* filesUnder(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

// Runs after every other spec (the "after-all" project depends on "chromium").
test("no canary key appears in the server's log or in the stored database bytes", () => {
  test.skip(!fs.existsSync(CANARY_FILE), "keys-canary.spec.ts did not run");
  const canaries = fs
    .readFileSync(CANARY_FILE, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { marker: string; email: string; hint: string });

  const log = fs.readFileSync(path.join(E2E_DATA_DIR, "server.log"), "utf8");
  expect(log, "the server log was captured").toContain("Ready");
  for (const { marker } of canaries) expect(log.includes(marker), `server.log contains ${marker}`).toBe(false);

  // The PGlite files (heap and write-ahead log) as they are on disk.
  const files = [...filesUnder(path.join(E2E_DATA_DIR, "pglite"))].map((file) => ({ file, bytes: fs.readFileSync(file) }));
  for (const { marker, email, hint } of canaries) {
    // Positive controls: the same rows' plaintext columns are found, so the scan does see stored data.
    expect(
      files.some((f) => f.bytes.includes(email)),
      `stored bytes contain ${email}`,
    ).toBe(true);
    expect(
      files.some((f) => f.bytes.includes(hint)),
      `stored bytes contain ${hint}`,
    ).toBe(true);
    const holders = files.filter((f) => f.bytes.includes(marker)).map((f) => f.file);
    expect(holders, `files containing ${marker}`).toEqual([]);
  }
});
