import { relay } from "@/lib/gateway/relay";
import { gatewayRoute } from "@/lib/gateway/route";
import { GATEWAY_MAX_BODY_BYTES, responsesBody } from "@/lib/gateway/schemas";

/** OpenAI-compatible: POST {base}/responses on the workspace's key, streamed as OpenAI streams it. */
export const POST = gatewayRoute(
  { name: "openai_responses", body: responsesBody, maxBodyBytes: GATEWAY_MAX_BODY_BYTES, tokens: ["chat"] },
  ({ req, body, access, principal }) =>
    relay({
      endpoint: "responses",
      body,
      req,
      caller: { workspaceId: access.workspaceId, userId: principal.userId, apiTokenId: principal.tokenId ?? null },
    }),
);
