// Decrypted keys, briefly, so hot paths (realtime tokens, proxies) skip AES and keyring work.
// An entry is keyed by row id and only matches the exact ciphertext it came from, so any write,
// rotation or delete — in this process or another — can never serve a stale key.
const TTL_MS = 60_000;
const MAX_ENTRIES = 500;

interface Entry {
  ciphertext: string;
  apiKey: string;
  expiresAt: number;
}

const entries = new Map<string, Entry>();

export function cachedKey({ rowId, ciphertext }: { rowId: string; ciphertext: string }): string | undefined {
  const entry = entries.get(rowId);
  if (!entry) return undefined;
  if (entry.ciphertext !== ciphertext || entry.expiresAt <= Date.now()) {
    entries.delete(rowId);
    return undefined;
  }
  return entry.apiKey;
}

export function cacheKey({ rowId, ciphertext, apiKey }: { rowId: string; ciphertext: string; apiKey: string }): void {
  entries.delete(rowId);
  if (entries.size >= MAX_ENTRIES) {
    const oldest = entries.keys().next().value;
    if (oldest !== undefined) entries.delete(oldest);
  }
  entries.set(rowId, { ciphertext, apiKey, expiresAt: Date.now() + TTL_MS });
}

export function forgetKey(rowId: string): void {
  entries.delete(rowId);
}
