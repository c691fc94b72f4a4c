import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { log } from "@/lib/log";
import { BUCKET_COUNT, bucketIndex, statusClass } from "./histogram";

export interface RequestSample {
  route: string;
  workspaceId: string | null;
  status: number;
  latencyMs: number;
}

/** One upsert per request into the minute's aggregate row. Failures are logged, never thrown. */
export async function recordRequest(sample: RequestSample): Promise<void> {
  const now = Date.now();
  const minute = new Date(now - (now % 60_000));
  const buckets = Array.from({ length: BUCKET_COUNT }, (_, i) => (i === bucketIndex(sample.latencyMs) ? 1 : 0));
  const slot = bucketIndex(sample.latencyMs) + 1; // Postgres arrays are 1-based
  try {
    const db = await getDb();
    await db.execute(sql`
      insert into route_metrics (minute, route, workspace_id, status_class, count, latency_sum_ms, latency_buckets)
      values (${minute.toISOString()}, ${sample.route}, ${sample.workspaceId ?? ""}, ${statusClass(sample.status)}, 1,
              ${sample.latencyMs}, ${`{${buckets.join(",")}}`}::int[])
      on conflict (minute, route, workspace_id, status_class) do update set
        count = route_metrics.count + 1,
        latency_sum_ms = route_metrics.latency_sum_ms + excluded.latency_sum_ms,
        latency_buckets[${sql.raw(String(slot))}] = route_metrics.latency_buckets[${sql.raw(String(slot))}] + 1`);
  } catch (error) {
    log("warn", "metrics_record_failed", { route: sample.route, message: (error as Error).message });
  }
}
