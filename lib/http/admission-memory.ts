import "server-only";

// Embedded mode's memory of admission rows (lib/http/admit.ts). PGlite's process is the database's
// only client and learns of every change to a row admission reads before the writing statement
// returns (an epoch that moves, db/connect.ts): a remembered row is good while the epoch it was
// read at is still current — a sign-out, a removal, a budget or a revoked token holds at once.

const MAX_ENTRIES = 10_000;
// A bound, not the mechanism: rows are also dropped by time (a token's expiry, the month's budget).
const MAX_AGE_MS = 30_000;

interface Remembered<T> {
  row: T;
  epoch: number;
  untilMs: number;
}

const remembered = new Map<string, Remembered<unknown>>();

export function recall<T>({ key, epoch, now }: { key: string; epoch: number; now: number }): T | undefined {
  const hit = remembered.get(key);
  if (!hit) return undefined;
  if (hit.epoch === epoch && hit.untilMs > now) return hit.row as T;
  remembered.delete(key);
  return undefined;
}

/** Remembers a row read at `epoch` (taken before the read, so a change during it is never missed). */
export function remember<T>({ key, epoch, row, now, untilMs }: { key: string; epoch: number; row: T; now: number; untilMs?: number }) {
  if (remembered.size >= MAX_ENTRIES) remembered.clear();
  remembered.set(key, { row, epoch, untilMs: Math.min(now + MAX_AGE_MS, untilMs ?? Number.POSITIVE_INFINITY) });
}
