import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import { getDatabaseHandle, getDb } from "@/lib/database";
import { rateLimitWindows } from "@/db/schema";
import { AppError } from "@/lib/errors";

const WINDOW_MS = 60_000;

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the current window ends. */
  resetSeconds: number;
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "RateLimit-Limit": String(state.limit),
    "RateLimit-Remaining": String(state.remaining),
    "RateLimit-Reset": String(state.resetSeconds),
    "RateLimit-Policy": `${state.limit};w=60`,
  };
}

/** The one-minute window `now` falls in; every counter row is keyed by its start. */
export function currentWindow(now = Date.now()): Date {
  return new Date(now - (now % WINDOW_MS));
}

/** One request counted in a window: what the counter reached, to settle against a limit. */
export interface WindowCount {
  count: number;
  windowStart: Date;
  now: number;
}

// Embedded mode's counters: its one process serves every request, so memory is exact there. Kept
// on globalThis because Next.js may load this module more than once, and every copy must share them.
const MAX_COUNTERS = 50_000;
const holder = globalThis as unknown as { __openctoRequestCounters?: Map<string, { windowStartMs: number; count: number }> };
holder.__openctoRequestCounters ??= new Map();
const counters = holder.__openctoRequestCounters;

/** Counts one request against `key` in the current window, in this process's memory (embedded mode only). */
export function countInMemory({ key, now }: { key: string; now: number }): WindowCount {
  const windowStart = currentWindow(now);
  const counter = counters.get(key);
  if (counter && counter.windowStartMs === windowStart.getTime()) {
    counter.count += 1;
    return { count: counter.count, windowStart, now };
  }
  if (counters.size >= MAX_COUNTERS) for (const [k, c] of counters) if (c.windowStartMs < windowStart.getTime()) counters.delete(k);
  counters.set(key, { windowStartMs: windowStart.getTime(), count: 1 });
  return { count: 1, windowStart, now };
}

/**
 * Counts one request against `key` in the current one-minute window: one atomic upsert, so
 * concurrent requests on any number of server instances share one exact budget (in memory in
 * embedded mode, whose one process is every request's server). Settle the result against the
 * limit with `settleRateLimit`.
 */
export async function countRequest({ key }: { key: string }): Promise<WindowCount> {
  const now = Date.now();
  const windowStart = currentWindow(now);
  const handle = await getDatabaseHandle();
  if (handle.admissionEpoch) return countInMemory({ key, now });
  const db = handle.db;
  const [row] = await db
    .insert(rateLimitWindows)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimitWindows.key, rateLimitWindows.windowStart],
      set: { count: sql`${rateLimitWindows.count} + 1` },
    })
    .returning({ count: rateLimitWindows.count });
  if (!row) throw new Error("rate_limit_windows upsert returned nothing");
  return { count: row.count, windowStart, now };
}

/** What `key` has counted in the current window (0 for none): a page's or a test's view of a budget. */
export async function requestsCounted({ key }: { key: string }): Promise<number> {
  const now = Date.now();
  const windowStart = currentWindow(now);
  const handle = await getDatabaseHandle();
  if (handle.admissionEpoch) {
    const counter = counters.get(key);
    return counter?.windowStartMs === windowStart.getTime() ? counter.count : 0;
  }
  const [row] = await handle.db
    .select({ count: rateLimitWindows.count })
    .from(rateLimitWindows)
    .where(and(eq(rateLimitWindows.key, key), eq(rateLimitWindows.windowStart, windowStart)));
  return row?.count ?? 0;
}

/** The state after a window's counter reached `count`; throws the 429 once it is past `limit`. */
export function settleRateLimit({ count, limit, windowStart, now }: WindowCount & { limit: number }): RateLimitState {
  const resetSeconds = Math.max(1, Math.ceil((windowStart.getTime() + WINDOW_MS - now) / 1000));
  const state = { limit, remaining: Math.max(0, limit - count), resetSeconds };
  void pruneOldWindows();
  if (count > limit)
    throw new AppError(
      "rate_limited",
      `Too many requests: the limit is ${limit} a minute. Try again in ${resetSeconds} s.`,
      { limit, retryAfterSeconds: resetSeconds },
      { "Retry-After": String(resetSeconds), ...rateLimitHeaders(state) },
    );
  return state;
}

// The rows pruned are 20 minutes old, so pruning more than once a minute gains nothing; a 1% chance
// per request was a DELETE every few hundred requests under load, on the hot path's database.
let lastPruneMs = 0;

/** Drops counters nobody reads any more (at most once a minute); kept 20 minutes because throttle.ts remembers failures for 15. */
export async function pruneOldWindows() {
  const now = Date.now();
  if (now - lastPruneMs < WINDOW_MS) return;
  lastPruneMs = now;
  const db = await getDb();
  await db
    .delete(rateLimitWindows)
    .where(lt(rateLimitWindows.windowStart, new Date(now - 20 * WINDOW_MS)))
    .catch(() => undefined);
}
