import { route } from "@/lib/http/route";
import { ledgered } from "@/lib/spend/proxied";
import { workspaceUsage } from "@/lib/usage/proxy";
import { usageQuerySchema } from "@/lib/usage/query";
import { CTO_OPENAI_RATE_LIMIT } from "@/lib/usage/rate-limit";

export const GET = route(
  { name: "cto_openai_proxy", auth: "member", query: usageQuerySchema, rateLimit: CTO_OPENAI_RATE_LIMIT, spends: true },
  async ({ principal, access, query }) =>
    ledgered({ workspaceId: access.workspaceId, userId: principal.userId, route: "cto_openai_usage" }, () =>
      workspaceUsage({ workspaceId: access.workspaceId, userId: principal.userId, role: access.role, query }),
    ),
);
