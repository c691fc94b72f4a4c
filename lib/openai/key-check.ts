import OpenAI from "openai";
import type { LlmProvider } from "@/db/schema";
import { AppError } from "@/lib/http/errors";
import { openaiClient } from "./client";
import { withOneRetry } from "./errors";

export type KeyCheckResult = { status: "valid" } | { status: "revoked" | "wrong_kind"; message: string };

/**
 * Asks OpenAI whether a key works for what the provider needs, with the cheapest read it allows.
 * Refusals are a result; an unreachable or failing upstream is a 502/504 AppError. The upstream
 * message is never passed on: it can quote part of the key.
 */
export async function checkOpenAIKey({ provider, apiKey }: { provider: LlmProvider; apiKey: string }): Promise<KeyCheckResult> {
  const client = openaiClient(apiKey);
  try {
    if (provider === "openai-admin")
      await withOneRetry(() =>
        client.get("/organization/costs", { query: { start_time: Math.floor(Date.now() / 1000) - 86_400, limit: 1 } }),
      );
    else await withOneRetry(() => client.models.list());
    return { status: "valid" };
  } catch (error) {
    const outcome = mapCheckError(error);
    if (outcome instanceof AppError) throw outcome;
    return outcome;
  }
}

function mapCheckError(error: unknown): KeyCheckResult | AppError {
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return new AppError(504, "upstream_timeout", "OpenAI did not answer in time. Nothing was changed; try again shortly.");
  if (error instanceof OpenAI.APIConnectionError)
    return new AppError(502, "upstream_unreachable", "Could not reach OpenAI. Nothing was changed; try again shortly.");
  if (error instanceof OpenAI.APIError && (error.status === 401 || error.status === 403)) {
    if (error.status === 401 && error.code === "invalid_api_key")
      return { status: "revoked", message: "OpenAI refused this key: it is revoked, deleted or mistyped." };
    return { status: "wrong_kind", message: "OpenAI accepted the key but it lacks the permissions this provider needs." };
  }
  if (error instanceof OpenAI.APIError && error.status === 429)
    return new AppError(502, "upstream_rate_limited", "OpenAI is rate limiting this key right now. Nothing was changed; try again in a minute.");
  return new AppError(502, "upstream_error", "OpenAI returned an error while checking the key. Nothing was changed; try again shortly.");
}
