import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DecryptError, decryptSecret, encryptSecret, type SecretBinding } from "./cipher";
import { keyHint, keyShapeProblem } from "@/lib/openai/key-format";
import { parseKeyring } from "./keyring";

const k = () => randomBytes(32).toString("base64");
const v1 = k();
const v2 = k();
const keyring = parseKeyring(`v1:${v1}`);
const binding: SecretBinding = { workspaceId: "ws_a", scope: "workspace", ownerUserId: null, provider: "openai" };
const plaintext = "sk-proj-abcdefghijklmnopqrstuvwxyz0123";

// Flips one bit in the base64 field `index` of the envelope.
function tamper(envelope: string, index: number): string {
  const parts = envelope.split(":");
  const bytes = Buffer.from(parts[index] as string, "base64");
  bytes[0] = (bytes[0] as number) ^ 1;
  parts[index] = bytes.toString("base64");
  return parts.join(":");
}

describe("encryptSecret / decryptSecret", () => {
  it("round-trips, names its key version and uses a fresh IV each time", () => {
    const a = encryptSecret({ plaintext, binding, keyring });
    const b = encryptSecret({ plaintext, binding, keyring });
    expect(a.startsWith("v1:")).toBe(true);
    expect(a).not.toBe(b);
    expect(a.split(":")[1]).not.toBe(b.split(":")[1]);
    expect(a).not.toContain(plaintext.slice(3));
    expect(decryptSecret({ envelope: a, binding, keyring })).toBe(plaintext);
  });

  it.each([
    ["IV", 1],
    ["ciphertext", 2],
    ["tag", 3],
  ])("refuses a tampered %s", (_what, index) => {
    const envelope = encryptSecret({ plaintext, binding, keyring });
    expect(() => decryptSecret({ envelope: tamper(envelope, index), binding, keyring })).toThrow(DecryptError);
  });

  it("refuses a malformed envelope and an unknown key version", () => {
    const envelope = encryptSecret({ plaintext, binding, keyring });
    expect(() => decryptSecret({ envelope: "garbage", binding, keyring })).toThrow(DecryptError);
    expect(() => decryptSecret({ envelope: `${envelope}:extra`, binding, keyring })).toThrow(DecryptError);
    expect(() => decryptSecret({ envelope: envelope.replace(/^v1:/, "v9:"), binding, keyring })).toThrow(/v9/);
  });

  it.each<[string, Partial<SecretBinding>]>([
    ["another workspace", { workspaceId: "ws_b" }],
    ["another scope", { scope: "personal" }],
    ["another owner", { scope: "personal", ownerUserId: "user_b" }],
    ["another provider", { provider: "openai-admin" }],
  ])("refuses a row moved to %s", (_what, change) => {
    const personal: SecretBinding = { ...binding, scope: "personal", ownerUserId: "user_a" };
    for (const original of [binding, personal]) {
      const envelope = encryptSecret({ plaintext, binding: original, keyring });
      const moved = { ...original, ...change };
      if (JSON.stringify(moved) === JSON.stringify(original)) continue;
      expect(() => decryptSecret({ envelope, binding: moved, keyring })).toThrow(DecryptError);
    }
  });

  it("decrypts old versions after a new key is added, and writes with the newest", () => {
    const old = encryptSecret({ plaintext, binding, keyring });
    const both = parseKeyring(`v2:${v2},v1:${v1}`);
    expect(decryptSecret({ envelope: old, binding, keyring: both })).toBe(plaintext);
    expect(encryptSecret({ plaintext, binding, keyring: both }).startsWith("v2:")).toBe(true);
  });
});

describe("parseKeyring", () => {
  it("accepts newest-first lists with spaces", () => {
    const ring = parseKeyring(` v2:${v2} , v1:${v1} `);
    expect(ring.current.version).toBe("v2");
    expect([...ring.byVersion.keys()]).toEqual(["v2", "v1"]);
  });

  it.each([
    ["", /empty/],
    [`${v1}`, /version/],
    [`v1:${randomBytes(16).toString("base64")}`, /32 bytes/],
    ["v1:not*base64", /32 bytes/],
    [`v1:${v1},v1:${v2}`, /twice/],
  ])("rejects %j with a message naming ENCRYPTION_KEYS", (spec, why) => {
    expect(() => parseKeyring(spec)).toThrow(/ENCRYPTION_KEYS/);
    expect(() => parseKeyring(spec)).toThrow(why);
  });

  it("never echoes key material in its errors", () => {
    const short = randomBytes(16).toString("base64");
    expect(() => parseKeyring(`v1:${short}`)).toThrow(expect.objectContaining({ message: expect.not.stringContaining(short) }));
  });
});

describe("key shape and hint", () => {
  it.each([
    ["openai", "sk-proj-abcdefghijklmnopqrstuv", null],
    ["openai", "sk-admin-abcdefghijklmnopqrstuv", /Admin key/],
    ["openai-admin", "sk-proj-abcdefghijklmnopqrstuv", /sk-admin-/],
    ["openai-admin", "sk-admin-abcdefghijklmnopqrstuv", null],
    ["openai", "sk-short", /too short/],
    ["openai", `sk-${"a".repeat(600)}`, /too long/],
    ["openai", "sk-proj-abc defghijklmnopqrstuv", /spaces/],
    ["openai", "pk-proj-abcdefghijklmnopqrstuv", /start with "sk-"/],
    ["openai", "sk-proj-abcdefghijklmnopqrst$uv", /characters/],
  ] as const)("%s %s", (provider, key, problem) => {
    const found = keyShapeProblem(provider, key);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });

  it("hints show only the prefix and last four", () => {
    expect(keyHint("sk-proj-abcdefghijklmnopqrstuvwxyz")).toBe("sk-…wxyz");
    expect(keyHint("sk-admin-abcdefghijklmnopqrstuvwxyz")).toBe("sk-admin-…wxyz");
  });
});

describe("workspace secrets (e.g. the telephony webhook's whsec_)", () => {
  const secret = "whsec_ZmFrZS13ZWJob29rLXNpZ25pbmctc2VjcmV0";
  const own = { workspaceId: "ws_a", purpose: "telephony_webhook" } as const;

  it("round-trips under their own binding, which neither another workspace nor a key slot can open", () => {
    const envelope = encryptSecret({ plaintext: secret, binding: own, keyring });
    expect(decryptSecret({ envelope, binding: own, keyring })).toBe(secret);
    expect(() => decryptSecret({ envelope, binding: { ...own, workspaceId: "ws_b" }, keyring })).toThrow(DecryptError);
    expect(() => decryptSecret({ envelope, binding, keyring })).toThrow(DecryptError);
    const keyEnvelope = encryptSecret({ plaintext, binding, keyring });
    expect(() => decryptSecret({ envelope: keyEnvelope, binding: own, keyring })).toThrow(DecryptError);
  });
});
