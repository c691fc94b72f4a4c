import { z } from "zod";
import { route } from "@/lib/http/route";
import { ledgered } from "@/lib/budgets/ledgered";
import { workspaceModels } from "@/lib/usage/proxy";
import { CTO_OPENAI_RATE_LIMIT } from "@/lib/usage/rate-limit";

const query = z.object({ refresh: z.enum(["0", "1", "true", "false"]).optional(), workspaceId: z.string().optional() });

export const GET = route(
  { name: "cto_openai_proxy", auth: "member", query, rateLimit: CTO_OPENAI_RATE_LIMIT, spends: true, tokens: ["chat", "realtime:mint"] },
  async ({ principal, access, query }) =>
    ledgered({ workspaceId: access.workspaceId, userId: principal.userId, apiTokenId: principal.tokenId, route: "cto_openai_models" }, () =>
      workspaceModels({
        workspaceId: access.workspaceId,
        userId: principal.userId,
        refresh: query.refresh === "1" || query.refresh === "true",
      }),
    ),
);
