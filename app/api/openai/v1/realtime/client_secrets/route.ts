import { ledgered } from "@/lib/budgets/ledgered";
import { gatewayClientSecret } from "@/lib/gateway/catalog";
import { gatewayRoute } from "@/lib/gateway/route";
import { clientSecretsBody } from "@/lib/gateway/schemas";

/** OpenAI-compatible: POST {base}/realtime/client_secrets, an `ek_` secret for the workspace's Realtime policy. */
export const POST = gatewayRoute(
  { name: "openai_client_secrets", body: clientSecretsBody, tokens: ["realtime:mint"] },
  async ({ access, principal, body }) => {
    const { answer } = await ledgered(
      { workspaceId: access.workspaceId, userId: principal.userId, apiTokenId: principal.tokenId, route: "openai_client_secrets" },
      () => gatewayClientSecret({ workspaceId: access.workspaceId, userId: principal.userId, body }),
      ({ minted }) => ({ model: minted.model }),
    );
    return answer;
  },
);
