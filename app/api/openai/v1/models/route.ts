import { ledgered } from "@/lib/budgets/ledgered";
import { modelList } from "@/lib/gateway/catalog";
import { gatewayRoute } from "@/lib/gateway/route";

/** OpenAI-compatible: GET {base}/models, the models the workspace's key may use. */
export const GET = gatewayRoute({ name: "openai_models", tokens: ["chat", "realtime:mint"] }, ({ access, principal }) =>
  ledgered({ workspaceId: access.workspaceId, userId: principal.userId, apiTokenId: principal.tokenId, route: "openai_models" }, () =>
    modelList({ workspaceId: access.workspaceId, userId: principal.userId }),
  ),
);
