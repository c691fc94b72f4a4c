import "server-only";
import { lt, sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
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

/**
 * Counts one request against `key` in the current one-minute window: one atomic upsert, so
 * concurrent requests on any number of server instances share one exact budget. Settle the
 * result against the limit with `settleRateLimit`.
 */
export async function countRequest({ key }: { key: string }): Promise<WindowCount> {
  const now = Date.now();
  const windowStart = currentWindow(now);
  const db = await getDb();
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

/** The state after a window's counter reached `count`; throws the 429 once it is past `limit`. */
export function settleRateLimit({ count, limit, windowStart, now }: WindowCount & { limit: number }): RateLimitState {
  const resetSeconds = Math.max(1, Math.ceil((windowStart.getTime() + WINDOW_MS - now) / 1000));
  const state = { limit, remaining: Math.max(0, limit - count), resetSeconds };
  if (Math.random() < 0.01) void pruneOldWindows();
  if (count > limit)
    throw new AppError(
      "rate_limited",
      `Too many requests: the limit is ${limit} a minute. Try again in ${resetSeconds} s.`,
      { limit, retryAfterSeconds: resetSeconds },
      { "Retry-After": String(resetSeconds), ...rateLimitHeaders(state) },
    );
  return state;
}

/** Drops counters nobody reads any more; kept 20 minutes because throttle.ts remembers failures for 15. */
export async function pruneOldWindows() {
  const db = await getDb();
  await db
    .delete(rateLimitWindows)
    .where(lt(rateLimitWindows.windowStart, new Date(Date.now() - 20 * WINDOW_MS)))
    .catch(() => undefined);
}
