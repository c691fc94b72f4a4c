import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/lib/database";
import { env } from "@/lib/config/env";
import { BUCKET_COUNT, quantileMs } from "./histogram";
import { flushMetrics } from "./record";

export const WINDOWS = {
  "1h": { ms: 3_600_000, bucket: "5 minutes", bucketMs: 300_000 },
  "24h": { ms: 86_400_000, bucket: "1 hour", bucketMs: 3_600_000 },
  "7d": { ms: 7 * 86_400_000, bucket: "6 hours", bucketMs: 6 * 3_600_000 },
} as const;
export type MetricsWindow = keyof typeof WINDOWS;
export const metricsQuerySchema = z.object({
  window: z.enum(["1h", "24h", "7d"], { error: "window must be 1h, 24h or 7d." }).default("1h"),
});

/** Routes whose error rates raise the ops banner, and the thresholds over the last 15 minutes. */
export const WATCHED_ROUTES = ["realtime_token", "cto_openai_proxy"] as const;
const ALERT_WINDOW_MS = 15 * 60_000;
const ALERT_MIN_REQUESTS = 5;

export interface RouteStats {
  requests: number;
  rate429: number;
  rate5xx: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

interface Row {
  route: string;
  bucket: string | Date;
  status_class: string;
  count: number;
  buckets: number[];
}

function stats(rows: Row[]): RouteStats {
  const requests = rows.reduce((n, r) => n + r.count, 0);
  const of = (cls: string) => rows.filter((r) => r.status_class === cls).reduce((n, r) => n + r.count, 0);
  const merged = Array<number>(BUCKET_COUNT).fill(0);
  for (const r of rows)
    r.buckets.forEach((v, i) => {
      merged[i] = (merged[i] ?? 0) + v;
    });
  return {
    requests,
    rate429: requests ? of("429") / requests : 0,
    rate5xx: requests ? of("5xx") / requests : 0,
    p50Ms: quantileMs(merged, 0.5),
    p95Ms: quantileMs(merged, 0.95),
  };
}

async function aggregate({ workspaceId, since, bucket }: { workspaceId: string | null; since: Date; bucket: string }) {
  const db = await getDb();
  const result = await db.execute(sql`
    with picked as (
      select route, date_bin(${bucket}::interval, minute, ${since.toISOString()}::timestamptz) as bucket,
             status_class, count, latency_buckets
      from route_metrics
      where minute >= ${since.toISOString()}::timestamptz
        ${workspaceId === null ? sql`` : sql`and workspace_id = ${workspaceId}`}
    ),
    slots as (
      select route, bucket, status_class, slot, sum(v)::int as v
      from picked, unnest(latency_buckets) with ordinality as u(v, slot)
      group by route, bucket, status_class, slot
    )
    select c.route, c.bucket, c.status_class, c.count,
           (select array_agg(s.v order by s.slot) from slots s
             where s.route = c.route and s.bucket = c.bucket and s.status_class = c.status_class) as buckets
    from (select route, bucket, status_class, sum(count)::int as count from picked group by 1, 2, 3) c`);
  return (result as unknown as { rows: Row[] }).rows.map((r) => ({ ...r, count: Number(r.count), buckets: r.buckets.map(Number) }));
}

/** Counts, 429 and 5xx rates, p50/p95 latency per route and per bucket over a window. */
export async function opsMetrics({ workspaceId, window }: { workspaceId: string | null; window: MetricsWindow }) {
  await flushMetrics();
  const spec = WINDOWS[window];
  const now = Date.now();
  const since = new Date(Math.floor((now - spec.ms) / spec.bucketMs) * spec.bucketMs);
  const rows = await aggregate({ workspaceId, since, bucket: spec.bucket });
  const routes = [...new Set(rows.map((r) => r.route))].sort();
  const alertSince = now - ALERT_WINDOW_MS;
  const recent = await aggregate({ workspaceId, since: new Date(alertSince), bucket: "15 minutes" });
  const limits = { rate5xx: env().OPS_ALERT_5XX_RATE, rate429: env().OPS_ALERT_429_RATE };
  const alerts = WATCHED_ROUTES.flatMap((route) => {
    const s = stats(recent.filter((r) => r.route === route));
    if (s.requests < ALERT_MIN_REQUESTS) return [];
    const found = [];
    if (s.rate5xx > limits.rate5xx)
      found.push({ route, kind: "5xx" as const, rate: s.rate5xx, threshold: limits.rate5xx, requests: s.requests });
    if (s.rate429 > limits.rate429)
      found.push({ route, kind: "429" as const, rate: s.rate429, threshold: limits.rate429, requests: s.requests });
    return found;
  });
  return {
    window,
    bucketSeconds: spec.bucketMs / 1000,
    generatedAt: new Date(now).toISOString(),
    alerts,
    routes: routes.map((route) => {
      const mine = rows.filter((r) => r.route === route);
      // Every bucket of the window, empty ones included, so charts span the whole window.
      const buckets = Array.from({ length: Math.ceil((now - since.getTime()) / spec.bucketMs) }, (_, i) =>
        new Date(since.getTime() + i * spec.bucketMs).toISOString(),
      );
      return {
        route,
        ...stats(mine),
        series: buckets.map((start) => ({ start, ...stats(mine.filter((r) => new Date(r.bucket).toISOString() === start)) })),
      };
    }),
  };
}
