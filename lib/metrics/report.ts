import "server-only";
import { z } from "zod";
import { aggregate, stats } from "./aggregate";
import { flushMetrics } from "./record";
import { routeLabel, UNLISTED_ROUTES } from "./route-names";
import { recentAlerts } from "./watch";

export { WATCHED_ROUTES } from "./watch";
export type { RouteStats } from "./aggregate";

export const WINDOWS = {
  "1h": { ms: 3_600_000, bucket: "5 minutes", bucketMs: 300_000 },
  "24h": { ms: 86_400_000, bucket: "1 hour", bucketMs: 3_600_000 },
  "7d": { ms: 7 * 86_400_000, bucket: "6 hours", bucketMs: 6 * 3_600_000 },
} as const;
export type MetricsWindow = keyof typeof WINDOWS;
export const metricsQuerySchema = z.object({
  window: z.enum(["1h", "24h", "7d"], { error: "window must be 1h, 24h or 7d." }).default("1h"),
});

/**
 * Counts, 429 and 5xx rates, p50/p95 latency per route and per bucket over a window, and the
 * watched routes over their alert thresholds. The Ops page's own polling is left out unless
 * `everyRoute` (Prometheus) asks for it.
 */
export async function opsMetrics({
  workspaceId,
  window,
  everyRoute = false,
}: {
  workspaceId: string | null;
  window: MetricsWindow;
  everyRoute?: boolean;
}) {
  await flushMetrics();
  const spec = WINDOWS[window];
  const now = Date.now();
  const since = new Date(Math.floor((now - spec.ms) / spec.bucketMs) * spec.bucketMs);
  const [rows, alerts] = await Promise.all([
    aggregate({ workspaceId, since, bucket: spec.bucket, excludeRoutes: everyRoute ? [] : UNLISTED_ROUTES }),
    recentAlerts({ workspaceId, now }),
  ]);
  const routes = [...new Set(rows.map((r) => r.route))].sort();
  return {
    window,
    bucketSeconds: spec.bucketMs / 1000,
    generatedAt: new Date(now).toISOString(),
    alerts: alerts.map((a) => ({ ...a, label: routeLabel(a.route) })),
    routes: routes.map((route) => {
      const mine = rows.filter((r) => r.route === route);
      // Every bucket of the window, empty ones included, so charts span the whole window.
      const buckets = Array.from({ length: Math.ceil((now - since.getTime()) / spec.bucketMs) }, (_, i) =>
        new Date(since.getTime() + i * spec.bucketMs).toISOString(),
      );
      return {
        route,
        label: routeLabel(route),
        ...stats(mine),
        series: buckets.map((start) => ({ start, ...stats(mine.filter((r) => new Date(r.bucket).toISOString() === start)) })),
      };
    }),
  };
}
