import OpenAI from "openai";
import { AppError } from "@/lib/http/errors";

/** Seconds to wait, from the upstream's Retry-After (seconds or HTTP date); 1 when absent. */
function retryAfterSeconds(headers: Headers | undefined): number {
  const raw = headers?.get("retry-after");
  if (!raw) return 1;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  const date = Date.parse(raw);
  return Number.isNaN(date) ? 1 : Math.max(1, Math.ceil((date - Date.now()) / 1000));
}

/**
 * Maps a failed OpenAI call to our error envelope. The upstream message is never passed on:
 * it can quote part of the key.
 */
export function toAppError(error: unknown, keyHint: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return new AppError(504, "upstream_timeout", "OpenAI did not answer in time. Try again shortly.");
  if (error instanceof OpenAI.APIConnectionError)
    return new AppError(504, "upstream_timeout", "Could not reach OpenAI. Try again shortly.");
  if (error instanceof OpenAI.APIError) {
    if (error.status === 401)
      return new AppError(
        424,
        "upstream_key_rejected",
        `OpenAI refused the key ${keyHint}: it is revoked, deleted or mistyped. An admin can replace it in Settings → API keys.`,
        { keyHint },
      );
    if (error.status === 429) {
      const wait = retryAfterSeconds(error.headers);
      return new AppError(
        429,
        "upstream_rate_limited",
        `OpenAI is rate limiting this key. Try again in ${wait} s.`,
        { retryAfterSeconds: wait },
        { "Retry-After": String(wait) },
      );
    }
    if (error.status === 400 || error.status === 404)
      return new AppError(502, "upstream_rejected", "OpenAI refused the request our server built from the assistant settings.");
  }
  // 5xx, a body that is not JSON, or anything else unexpected from upstream.
  return new AppError(502, "upstream_error", "OpenAI returned an error. Try again shortly.");
}
