import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { log } from "@/lib/log";
import { BUCKET_COUNT, bucketIndex, statusClass } from "./histogram";
import { checkAfterErrors, isWatchedError } from "./watch";

export interface RequestSample {
  route: string;
  workspaceId: string | null;
  status: number;
  latencyMs: number;
}

interface MinuteAggregate {
  minute: string;
  route: string;
  workspaceId: string;
  statusClass: string;
  count: number;
  latencySumMs: number;
  buckets: number[];
}

// Requests are summed in memory per minute, route, workspace and status class, and written by one
// upsert per flush instead of one per request: under load that is one statement for hundreds.
const FLUSH_AFTER_MS = 250;
const pending = new Map<string, MinuteAggregate>();
let nextFlush: Promise<void> | null = null;

// The minute's timestamp, formatted once a minute rather than on every request.
let currentMinute = { startMs: 0, iso: "" };
function minuteOf(now: number): string {
  const startMs = now - (now % 60_000);
  if (startMs !== currentMinute.startMs) currentMinute = { startMs, iso: new Date(startMs).toISOString() };
  return currentMinute.iso;
}

/**
 * Adds a request to the minute's aggregate; resolves once it is written (at most 250 ms later),
 * so `after()` keeps a serverless function alive until then, and, when the flush wrote 429s or
 * 5xx on a watched route, once those workspaces' ops alerts are checked (lib/metrics/watch.ts).
 * Failures are logged, never thrown.
 */
export function recordRequest(sample: RequestSample): Promise<void> {
  const minute = minuteOf(Date.now());
  const workspaceId = sample.workspaceId ?? "";
  const cls = statusClass(sample.status);
  const key = `${minute}|${sample.route}|${workspaceId}|${cls}`;
  let aggregate = pending.get(key);
  if (!aggregate) {
    aggregate = {
      minute,
      route: sample.route,
      workspaceId,
      statusClass: cls,
      count: 0,
      latencySumMs: 0,
      buckets: Array(BUCKET_COUNT).fill(0),
    };
    pending.set(key, aggregate);
  }
  aggregate.count += 1;
  aggregate.latencySumMs += sample.latencyMs;
  const slot = bucketIndex(sample.latencyMs);
  aggregate.buckets[slot] = (aggregate.buckets[slot] ?? 0) + 1;
  nextFlush ??= new Promise((resolve) => setTimeout(() => resolve(flushAndCheck()), FLUSH_AFTER_MS));
  return nextFlush;
}

async function flushAndCheck(): Promise<void> {
  const withErrors = await writePending();
  if (withErrors.length > 0) await checkAfterErrors(withErrors);
}

/** Writes what this process has counted so far; the ops report calls it so it sees its own requests (without waiting on alerts). */
export async function flushMetrics(): Promise<void> {
  const withErrors = await writePending();
  if (withErrors.length > 0) void checkAfterErrors(withErrors);
}

/** Writes the pending aggregates; returns the workspaces whose written rows hold 429/5xx on a watched route. */
async function writePending(): Promise<string[]> {
  nextFlush = null;
  if (pending.size === 0) return [];
  const rows = [...pending.values()];
  pending.clear();
  const values = rows.map(
    (r) =>
      sql`(${r.minute}::timestamptz, ${r.route}, ${r.workspaceId}, ${r.statusClass}, ${r.count}, ${r.latencySumMs}, ${`{${r.buckets.join(",")}}`}::int[])`,
  );
  try {
    const db = await getDb();
    await db.execute(sql`
      insert into route_metrics (minute, route, workspace_id, status_class, count, latency_sum_ms, latency_buckets)
      values ${sql.join(values, sql`, `)}
      on conflict (minute, route, workspace_id, status_class) do update set
        count = route_metrics.count + excluded.count,
        latency_sum_ms = route_metrics.latency_sum_ms + excluded.latency_sum_ms,
        latency_buckets = array(
          select a + b from unnest(route_metrics.latency_buckets, excluded.latency_buckets) with ordinality as t(a, b, i) order by i
        )`);
    return [...new Set(rows.filter((r) => r.workspaceId && isWatchedError(r.route, r.statusClass)).map((r) => r.workspaceId))];
  } catch (error) {
    log("warn", "metrics_record_failed", {
      rows: rows.length,
      requests: rows.reduce((n, r) => n + r.count, 0),
      message: (error as Error).message,
    });
    return [];
  }
}
