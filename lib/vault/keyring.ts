import "server-only";
import { encryptionKeysSpec } from "@/lib/config/secrets";

export interface VaultKey {
  version: string;
  key: Buffer;
}

export interface Keyring {
  /** The newest key: every write uses it. */
  current: VaultKey;
  byVersion: ReadonlyMap<string, Buffer>;
}

const VERSION = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const invalid = (why: string) =>
  new Error(`ENCRYPTION_KEYS is invalid: ${why}. Expected "v2:<base64 of 32 random bytes>,v1:<…>", newest first.`);

/** Parses `v2:<b64>,v1:<b64>` (newest first). Throws an error naming ENCRYPTION_KEYS; never echoes key material. */
export function parseKeyring(spec: string): Keyring {
  const entries = spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) throw invalid("it is empty");
  const byVersion = new Map<string, Buffer>();
  const ordered: VaultKey[] = [];
  entries.forEach((entry, i) => {
    const colon = entry.indexOf(":");
    const version = colon > 0 ? entry.slice(0, colon) : "";
    const material = entry.slice(colon + 1);
    if (!VERSION.test(version)) throw invalid(`entry ${i + 1} has no valid version name before ":"`);
    if (byVersion.has(version)) throw invalid(`version "${version}" appears twice`);
    const key = BASE64.test(material) ? Buffer.from(material, "base64") : Buffer.alloc(0);
    if (key.length !== 32) throw invalid(`key "${version}" is not base64 of exactly 32 bytes`);
    byVersion.set(version, key);
    ordered.push({ version, key });
  });
  return { current: ordered[0] as VaultKey, byVersion };
}

let cached: { spec: string; keyring: Keyring } | undefined;

/** The process keyring, re-parsed only when the configured spec changes. */
export function getKeyring(): Keyring {
  const spec = encryptionKeysSpec();
  if (cached?.spec !== spec) cached = { spec, keyring: parseKeyring(spec) };
  return cached.keyring;
}
