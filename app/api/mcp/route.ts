import { route } from "@/lib/http/route";
import { unauthorized } from "@/lib/errors";
import { mcpBody } from "@/lib/mcp/schemas";
import { handleMcp } from "@/lib/mcp/server";
import { tokenScopes } from "@/lib/tokens/tokens";
import { CTO_OPENAI_RATE_LIMIT } from "@/lib/usage/rate-limit";

/**
 * The MCP server (Streamable HTTP, stateless, JSON answers) for agents holding an API token with
 * the `mcp` scope; each tool also needs its own scope. Shares the OpenAI proxies' rate limit.
 */
export const POST = route(
  { name: "mcp", auth: "member", tokens: ["mcp"], body: mcpBody, rateLimit: CTO_OPENAI_RATE_LIMIT },
  async ({ req, principal, access, body }) => {
    if (!principal.tokenId) throw unauthorized("The MCP server takes an API token: send Authorization: Bearer oc_… (Settings → Tokens).");
    const caller = {
      ...access,
      userId: principal.userId,
      tokenId: principal.tokenId,
      scopes: await tokenScopes({ tokenId: principal.tokenId }),
    };
    return handleMcp({ req, body, caller });
  },
);
