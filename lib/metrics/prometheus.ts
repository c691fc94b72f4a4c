import "server-only";
import { bearerMatches } from "@/lib/auth/bearer";
import { env } from "@/lib/config/env";
import { opsMetrics } from "./report";

export const metricsTokenMatches = (header: string | null) => bearerMatches(header, env().METRICS_TOKEN);

const label = (value: string) => value.replace(/["\\\n]/g, "_");

/** The last hour across all workspaces, as Prometheus gauges (text exposition format 0.0.4). */
export async function prometheusText(): Promise<string> {
  const report = await opsMetrics({ workspaceId: null, window: "1h", everyRoute: true });
  const lines: string[] = [];
  const gauge = (name: string, help: string, pick: (r: (typeof report.routes)[number]) => number | null) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    for (const r of report.routes) {
      const value = pick(r);
      if (value !== null) lines.push(`${name}{route="${label(r.route)}"} ${value}`);
    }
  };
  gauge("opencto_route_requests_1h", "Requests per route over the last hour.", (r) => r.requests);
  gauge("opencto_route_429_ratio_1h", "Share of 429 answers per route over the last hour.", (r) => r.rate429);
  gauge("opencto_route_5xx_ratio_1h", "Share of 5xx answers per route over the last hour.", (r) => r.rate5xx);
  gauge("opencto_route_latency_p50_ms_1h", "p50 latency (bucket upper bound, ms) over the last hour.", (r) => r.p50Ms);
  gauge("opencto_route_latency_p95_ms_1h", "p95 latency (bucket upper bound, ms) over the last hour.", (r) => r.p95Ms);
  return `${lines.join("\n")}\n`;
}
