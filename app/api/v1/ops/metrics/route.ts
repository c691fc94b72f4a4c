import { route } from "@/lib/http/route";
import { metricsQuerySchema, opsMetrics } from "@/lib/metrics/report";

export const GET = route(
  { name: "ops_metrics", auth: "member", query: metricsQuerySchema, tokens: ["usage:read"] },
  async ({ access, query }) => opsMetrics({ workspaceId: access.workspaceId, window: query.window }),
);
