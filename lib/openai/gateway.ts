import "server-only";
import OpenAI from "openai";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { redactSecrets } from "@/lib/log";
import { type OpenAICredential, openaiClient } from "./client";
import { upstreamError } from "./errors";

/** The OpenAI endpoints the gateway (/api/openai/v1) forwards as they are. */
export type GatewayEndpoint = "chat.completions" | "responses";

// OpenAI's answers to a request it could not take (bad parameter, unknown model, too large): the
// caller's own mistake, so its message is passed on (secret-shaped text cut); anything else is ours to word.
const CALLER_FAULT: Record<number, "bad_request" | "not_found" | "payload_too_large"> = {
  400: "bad_request",
  404: "not_found",
  409: "bad_request",
  413: "payload_too_large",
  422: "bad_request",
};

function gatewayUpstreamError(error: unknown, keyHint: string): AppError {
  if (error instanceof OpenAI.APIError && error.status && CALLER_FAULT[error.status]) {
    const detail = (error.error ?? {}) as { message?: unknown; code?: unknown; param?: unknown; type?: unknown };
    const message =
      typeof detail.message === "string" && detail.message ? detail.message : `OpenAI rejected the request (${error.status}).`;
    return new AppError(CALLER_FAULT[error.status]!, redactSecrets(message), {
      upstreamCode: typeof detail.code === "string" ? detail.code : null,
      param: typeof detail.param === "string" ? detail.param : null,
    });
  }
  return upstreamError(error, keyHint);
}

/**
 * Sends a chat completion or response request to OpenAI on the workspace's key and hands back the
 * raw answer unread (status 2xx; a stream's body arrives as OpenAI sends it). A refusal throws the
 * AppError the caller sees; OpenAI's own message only when the request itself was at fault.
 */
export async function forwardToOpenAI({
  keyHint,
  endpoint,
  body,
  ...credential
}: OpenAICredential & {
  keyHint: string;
  endpoint: GatewayEndpoint;
  body: Record<string, unknown>;
}): Promise<Response> {
  const client = openaiClient(credential);
  const options = { timeout: env().OPENAI_GATEWAY_TIMEOUT_MS, maxRetries: 0 };
  try {
    // The body is the caller's, passed through: the SDK serialises it and never reads the answer here.
    const call =
      endpoint === "chat.completions"
        ? client.chat.completions.create(body as unknown as OpenAI.ChatCompletionCreateParams, options)
        : client.responses.create(body as unknown as OpenAI.Responses.ResponseCreateParams, options);
    return await call.asResponse();
  } catch (error) {
    throw gatewayUpstreamError(error, keyHint);
  }
}
