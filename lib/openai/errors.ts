import "server-only";
import OpenAI from "openai";
import { AppError } from "@/lib/errors";

/**
 * Maps anything an upstream call threw to the AppError the caller sees. OpenAI's own message is
 * never passed on: it can quote part of the key.
 */
export function upstreamError(error: unknown, keyHint: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return new AppError("upstream_timeout", "OpenAI did not answer in time. Try again shortly.");
  if (error instanceof OpenAI.APIConnectionError) return new AppError("upstream_unreachable", "Could not reach OpenAI. Try again shortly.");
  if (error instanceof OpenAI.APIError) {
    const status = error.status ?? 0;
    if (status === 401 || status === 403)
      return new AppError(
        "upstream_key_rejected",
        `OpenAI refused the key ${keyHint} (revoked, deleted or lacking permissions). An admin can replace it in Settings → API keys.`,
        { keyHint },
      );
    if (status === 429) {
      const retryAfter = retryAfterSeconds(error.headers);
      return new AppError(
        "upstream_rate_limited",
        `OpenAI is rate limiting this key. Try again in ${retryAfter} s.`,
        { retryAfterSeconds: retryAfter },
        { "Retry-After": String(retryAfter) },
      );
    }
    if (status >= 500) return new AppError("upstream_error", `OpenAI returned an error (${status}). Try again shortly.`);
    return new AppError("upstream_rejected", `OpenAI rejected the request (${status}).`);
  }
  // The SDK throws a plain error when a 2xx body is not the JSON it expects.
  return new AppError("upstream_malformed", "OpenAI sent a response we could not read. Try again shortly.");
}

function retryAfterSeconds(headers: Headers | undefined): number {
  const raw = headers?.get("retry-after");
  const seconds = raw ? Number(raw) : Number.NaN;
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 1;
}

/** Upstream reads are retried once on a 5xx or a timeout; 4xx and 429 are answers, not faults. */
export async function withOneRetry<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const transient = error instanceof OpenAI.APIConnectionError || (error instanceof OpenAI.APIError && (error.status ?? 0) >= 500);
    if (!transient) throw error;
    return call();
  }
}
