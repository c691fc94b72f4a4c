import { ERROR_STATUS, type ErrorCode, isErrorCode } from "@/lib/errors";

// The one reader of the API's error envelope (lib/errors.ts `ErrorEnvelope`) on the client.

export type ApiErrorCode = ErrorCode | "network_error";

/** A failed call to our API: the envelope's code and message, or `network_error` when nothing answered. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** The HTTP status; 0 when the request never got an answer. */
    readonly status: number,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** A body that is not our envelope (a proxy's error page, say) still gets the code its status implies. */
const codeForStatus = (status: number): ErrorCode =>
  (Object.keys(ERROR_STATUS) as ErrorCode[]).find((code) => ERROR_STATUS[code] === status) ??
  (status >= 500 ? "internal_error" : "bad_request");

const field = (value: unknown, key: string): unknown =>
  value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;

export function apiErrorFrom(status: number, body: unknown, retryAfterHeader?: string | null): ApiError {
  const error = field(body, "error");
  const code = field(body, "code");
  const retry = Number(field(field(body, "details"), "retryAfterSeconds") ?? retryAfterHeader ?? 0) || undefined;
  return new ApiError(
    isErrorCode(code) ? code : codeForStatus(status),
    typeof error === "string" ? error : `Request failed (${status}).`,
    status,
    retry,
  );
}

export const networkError = () => new ApiError("network_error", "Network error: could not reach the server.", 0);

/** The call needs an OpenAI key the workspace lacks or OpenAI refused: the page links to the key settings. */
export const needsKeySetup = (error: ApiError) => error.code === "no_key_configured" || error.code === "upstream_key_rejected";
