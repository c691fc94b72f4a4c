import "server-only";
import type { LlmKey } from "@/db/schema";
import { TtlCache } from "@/lib/cache/ttl-cache";

// Decrypted keys, briefly, so hot paths (realtime tokens, proxies) skip AES and keyring work.
// An entry only matches the exact ciphertext and binding it was decrypted from, so a write,
// rotation or delete in any process, or a row moved to another workspace or member, misses.
const TTL_MS = 60_000;
const MAX_ENTRIES = 500;

type CachedRow = Pick<LlmKey, "id" | "ciphertext" | "workspaceId" | "scope" | "ownerUserId" | "provider">;

interface Entry {
  fingerprint: string;
  apiKey: string;
  expiresAt: number;
}

const entries = new Map<string, Entry>();

const fingerprintOf = (row: CachedRow) => JSON.stringify([row.ciphertext, row.workspaceId, row.scope, row.ownerUserId, row.provider]);

export function cachedKey(row: CachedRow): string | undefined {
  const entry = entries.get(row.id);
  if (!entry) return undefined;
  if (entry.fingerprint !== fingerprintOf(row) || entry.expiresAt <= Date.now()) {
    entries.delete(row.id);
    return undefined;
  }
  return entry.apiKey;
}

export function cacheKey(row: CachedRow, apiKey: string): void {
  entries.delete(row.id);
  if (entries.size >= MAX_ENTRIES) {
    const oldest = entries.keys().next().value;
    if (oldest !== undefined) entries.delete(oldest);
  }
  entries.set(row.id, { fingerprint: fingerprintOf(row), apiKey, expiresAt: Date.now() + TTL_MS });
}

export interface UsableKeys {
  rows: LlmKey[];
  /** The workspace's own setting (workspaces.fallback_keys_allowed), read in the same statement. */
  fallbackAllowedInDatabase: boolean;
}

/**
 * Which rows could serve a member's call (their personal key, the workspace's) and whether the
 * workspace may spend the server's keys, for 5 s, so a token mint reads nothing at all. A key or
 * allowance write forgets every entry of this module instance at once; other instances (another
 * server, or another bundle of the same server: Next.js may bundle pages and route handlers
 * apart) see the change within those 5 s. Pages read fresh rows.
 */
export const usableRows = new TtlCache<UsableKeys>(5_000, 5_000);

export const forgetUsableRows = () => usableRows.clear();

export function forgetKey(rowId: string): void {
  entries.delete(rowId);
  usableRows.clear();
}
