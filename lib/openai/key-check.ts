import "server-only";
import OpenAI from "openai";
import type { LlmProvider } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { keyHint } from "./key-format";
import { type OpenAICredential, openaiClient } from "./client";
import { upstreamError, withOneRetry } from "./errors";

export type KeyCheckResult = { status: "valid" } | { status: "revoked" | "wrong_kind"; message: string };

/**
 * Asks OpenAI whether a key works for what the provider needs, with the cheapest read it allows.
 * Refusals are a result; an unreachable or failing upstream is the usual upstream AppError
 * (lib/openai/errors.ts), which never passes OpenAI's message on: it can quote part of the key.
 */
export async function checkOpenAIKey({ provider, ...credential }: OpenAICredential & { provider: LlmProvider }): Promise<KeyCheckResult> {
  const client = openaiClient(credential);
  try {
    if (provider === "openai-admin")
      await withOneRetry(() =>
        client.get("/organization/costs", { query: { start_time: Math.floor(Date.now() / 1000) - 86_400, limit: 1 } }),
      );
    else await withOneRetry(() => client.models.list());
    return { status: "valid" };
  } catch (error) {
    if (error instanceof OpenAI.APIError && (error.status === 401 || error.status === 403)) {
      if (error.status === 401 && error.code === "invalid_api_key")
        return { status: "revoked", message: "OpenAI refused this key: it is revoked, deleted or mistyped." };
      return { status: "wrong_kind", message: "OpenAI accepted the key but it lacks the permissions this provider needs." };
    }
    // Any other failure is the upstream's, mapped as everywhere else; the key was not judged.
    const mapped = upstreamError(error, keyHint(credential.apiKey));
    throw new AppError(mapped.code, `${mapped.message} Nothing was changed.`, mapped.details, mapped.headers);
  }
}
