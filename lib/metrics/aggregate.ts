import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { BUCKET_COUNT, quantileMs } from "./histogram";

export interface RouteStats {
  requests: number;
  rate429: number;
  rate5xx: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface AggregateRow {
  route: string;
  bucket: string | Date;
  status_class: string;
  count: number;
  buckets: number[];
}

export function stats(rows: AggregateRow[]): RouteStats {
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

/** Route metrics since `since`, summed per route, `bucket` and status class (one workspace, or all for null). */
export async function aggregate({
  workspaceId,
  since,
  bucket,
  excludeRoutes = [],
}: {
  workspaceId: string | null;
  since: Date;
  bucket: string;
  excludeRoutes?: readonly string[];
}): Promise<AggregateRow[]> {
  const db = await getDb();
  const result = await db.execute(sql`
    with picked as (
      select route, date_bin(${bucket}::interval, minute, ${since.toISOString()}::timestamptz) as bucket,
             status_class, count, latency_buckets
      from route_metrics
      where minute >= ${since.toISOString()}::timestamptz
        ${workspaceId === null ? sql`` : sql`and workspace_id = ${workspaceId}`}
        ${
          excludeRoutes.length === 0
            ? sql``
            : sql`and route not in (${sql.join(
                excludeRoutes.map((r) => sql`${r}`),
                sql`, `,
              )})`
        }
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
  return (result as unknown as { rows: AggregateRow[] }).rows.map((r) => ({
    ...r,
    count: Number(r.count),
    buckets: r.buckets.map(Number),
  }));
}
