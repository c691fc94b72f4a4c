import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { freshDataDir } from "@/test-support/embedded-db";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("secrets", () => {
  it("embedded mode generates AUTH_SECRET and the keyring once, mode 0600, and reuses them", async () => {
    const dir = freshDataDir();
    vi.stubEnv("AUTH_SECRET", "");
    vi.stubEnv("ENCRYPTION_KEYS", "");
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const first = await import("./secrets");
    const secret = first.authSecret();
    const keys = first.encryptionKeysSpec();
    expect(secret.length).toBeGreaterThanOrEqual(40);
    expect(keys).toMatch(/^v1:[A-Za-z0-9+/]{43}=$/);
    const file = path.join(dir, "secrets.json");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(log).toHaveBeenCalledTimes(1);
    vi.resetModules();
    const second = await import("./secrets");
    expect(second.authSecret()).toBe(secret);
    expect(log).toHaveBeenCalledTimes(1);
  });

  it("with DATABASE_URL set, a missing secret is an error naming the variable", async () => {
    freshDataDir();
    vi.stubEnv("DATABASE_URL", "postgres://x@127.0.0.1/db");
    vi.stubEnv("AUTH_SECRET", "");
    const { authSecret } = await import("./secrets");
    expect(() => authSecret()).toThrow(/AUTH_SECRET: expected at least 32 characters/);
  });
});
