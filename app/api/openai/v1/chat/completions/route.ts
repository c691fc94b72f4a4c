import { relay } from "@/lib/gateway/relay";
import { gatewayRoute } from "@/lib/gateway/route";
import { chatCompletionsBody, GATEWAY_MAX_BODY_BYTES } from "@/lib/gateway/schemas";

/** OpenAI-compatible: POST {base}/chat/completions on the workspace's key, streamed as OpenAI streams it. */
export const POST = gatewayRoute(
  { name: "openai_chat_completions", body: chatCompletionsBody, maxBodyBytes: GATEWAY_MAX_BODY_BYTES, tokens: ["chat"] },
  ({ req, body, access, principal }) =>
    relay({
      endpoint: "chat.completions",
      body,
      req,
      caller: { workspaceId: access.workspaceId, userId: principal.userId, apiTokenId: principal.tokenId ?? null },
    }),
);
