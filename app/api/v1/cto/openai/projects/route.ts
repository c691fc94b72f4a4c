import { route } from "@/lib/http/route";
import { ledgered } from "@/lib/budgets/ledgered";
import { workspaceOpenAIProjects } from "@/lib/usage/proxy";
import { projectsQuery } from "@/lib/usage/schemas";
import { CTO_OPENAI_RATE_LIMIT } from "@/lib/usage/rate-limit";

/** The OpenAI organisation's projects by name (read with the Admin key), for admins mapping this workspace to some of them. */
export const GET = route(
  { name: "cto_openai_proxy", auth: "admin", query: projectsQuery, rateLimit: CTO_OPENAI_RATE_LIMIT, tokens: ["usage:read"] },
  async ({ principal, access, query }) =>
    ledgered(
      { workspaceId: access.workspaceId, userId: principal.userId, apiTokenId: principal.tokenId, route: "cto_openai_projects" },
      () => workspaceOpenAIProjects({ workspaceId: access.workspaceId, userId: principal.userId, refresh: query.refresh === "1" }),
    ),
);
