import { route } from "@/lib/http/route";
import { ledgered } from "@/lib/budgets/ledgered";
import { workspaceUsage } from "@/lib/usage/proxy";
import { usageQuerySchema } from "@/lib/usage/query";
import { CTO_OPENAI_RATE_LIMIT } from "@/lib/usage/rate-limit";

// No budget check: reading usage spends nothing, and a spent budget is when admins need this most.
export const GET = route(
  { name: "cto_openai_proxy", auth: "member", query: usageQuerySchema, rateLimit: CTO_OPENAI_RATE_LIMIT, tokens: ["usage:read"] },
  async ({ principal, access, query }) =>
    ledgered({ workspaceId: access.workspaceId, userId: principal.userId, apiTokenId: principal.tokenId, route: "cto_openai_usage" }, () =>
      workspaceUsage({
        workspaceId: access.workspaceId,
        userId: principal.userId,
        role: access.role,
        query,
        refresh: query.refresh === "1",
      }),
    ),
);
