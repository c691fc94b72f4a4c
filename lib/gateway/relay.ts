import "server-only";
import { type Billed, ledgered } from "@/lib/budgets/ledgered";
import { AppError } from "@/lib/errors";
import { forwardToOpenAI, type GatewayEndpoint } from "@/lib/openai/gateway";
import { resolveOpenAIKey } from "@/lib/vault/resolve";
import { PRIVACY_HEADER, privacyMode } from "./privacy";
import type { ChatCompletionsBody, ResponsesBody } from "./schemas";
import { meterStream } from "./stream";
import { usageOfBody } from "./usage";

interface Caller {
  workspaceId: string;
  userId: string;
  apiTokenId: string | null;
}

/** The ledger's route name of each endpoint. */
const LEDGER_ROUTE: Record<GatewayEndpoint, string> = { "chat.completions": "openai_chat_completions", responses: "openai_responses" };

/**
 * What goes upstream: the caller's body, with `store: false` in privacy mode (OpenAI keeps no copy
 * to show in its logs), and a streamed chat completion asked for its usage chunk so that the
 * ledger learns what it cost (left out of the answer when the caller did not ask for it).
 */
function upstreamRequest(endpoint: GatewayEndpoint, body: ChatCompletionsBody | ResponsesBody, privacy: boolean) {
  const upstream: Record<string, unknown> = { ...body };
  if (privacy) upstream.store = false;
  const chat = body as ChatCompletionsBody;
  const hideUsage = endpoint === "chat.completions" && body.stream === true && chat.stream_options?.include_usage !== true;
  if (hideUsage) upstream.stream_options = { ...chat.stream_options, include_usage: true };
  return { upstream, hideUsage };
}

function answerHeaders(upstream: Response, { privacy, streaming }: { privacy: boolean; streaming: boolean }): Headers {
  const headers = new Headers({
    "content-type": upstream.headers.get("content-type") ?? (streaming ? "text/event-stream" : "application/json"),
  });
  const upstreamId = upstream.headers.get("x-request-id");
  if (upstreamId) headers.set("x-upstream-request-id", upstreamId);
  const processing = upstream.headers.get("openai-processing-ms");
  if (processing) headers.set("openai-processing-ms", processing);
  if (privacy) headers.set(PRIVACY_HEADER, "on");
  if (streaming) {
    // Nothing between us and the caller may hold the events back (compression, proxy buffers).
    headers.set("cache-control", "no-cache, no-transform");
    headers.set("x-accel-buffering", "no");
  }
  return headers;
}

/**
 * POST /chat/completions and /responses on the workspace's key: the answer is OpenAI's, passed on
 * (a stream as it arrives), and the ledger row — member, token, model, tokens — is written once it
 * is complete. No prompt or completion text is logged or kept, whatever the mode.
 */
export async function relay({
  endpoint,
  body,
  req,
  caller,
}: {
  endpoint: GatewayEndpoint;
  body: ChatCompletionsBody | ResponsesBody;
  req: Request;
  caller: Caller;
}): Promise<Response> {
  const [privacy, key] = await Promise.all([
    privacyMode({ workspaceId: caller.workspaceId, req }),
    resolveOpenAIKey({ workspaceId: caller.workspaceId, userId: caller.userId, provider: "openai" }),
  ]);
  const streaming = body.stream === true;
  const { upstream, hideUsage } = upstreamRequest(endpoint, body, privacy);
  const model = body.model;
  const { response } = await ledgered(
    { ...caller, route: LEDGER_ROUTE[endpoint] },
    async (): Promise<{ response: Response; billed: Billed | Promise<Billed> }> => {
      const answer = await forwardToOpenAI({
        ...key,
        endpoint,
        body: upstream,
      });
      const headers = answerHeaders(answer, { privacy, streaming });
      if (streaming && answer.body) {
        const metered = meterStream(answer.body, { endpoint, hideUsage });
        return {
          response: new Response(metered.stream, { status: answer.status, headers }),
          billed: metered.usage.then((usage) => ({ model, usage })),
        };
      }
      let text: string;
      try {
        text = await answer.text();
      } catch {
        throw new AppError("upstream_error", "OpenAI's answer broke off before it was complete. Try again shortly.");
      }
      return { response: new Response(text, { status: answer.status, headers }), billed: { model, usage: usageOfBody(endpoint, text) } };
    },
    (result) => result.billed,
  );
  return response;
}
