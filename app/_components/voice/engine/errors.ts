import { ApiError, apiErrorFrom, needsKeySetup } from "../../api/errors";

// What can stop a voice session, in the terms the page explains: the API's error envelope (read
// by app/_components/api) sorted into kinds, plus the failures only the browser sees.

export type VoiceErrorKind =
  | "microphone"
  | "no_key"
  | "key_rejected"
  | "client_secrets_disabled"
  | "rate_limited"
  | "upstream"
  | "connection"
  | "other";

export class VoiceError extends Error {
  constructor(
    readonly kind: VoiceErrorKind,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "VoiceError";
  }
}

const lostConnection = () => new VoiceError("connection", "Could not connect to the assistant. Check your connection and try again.");

function fromApiError(error: ApiError): VoiceError {
  if (error.code === "network_error") return new VoiceError("connection", "The dashboard could not be reached. Check your connection.");
  if (needsKeySetup(error)) return new VoiceError(error.code === "no_key_configured" ? "no_key" : "key_rejected", error.message);
  if (error.code === "client_secrets_disabled") return new VoiceError("client_secrets_disabled", error.message);
  if (error.status === 429) return new VoiceError("rate_limited", error.message, error.retryAfterSeconds);
  if (error.status >= 500) return new VoiceError("upstream", error.message);
  return new VoiceError("other", error.message);
}

/**
 * Any failure of a session as a VoiceError. The Agents SDK reports a refused SDP post as
 * "…failed with status 424: <body>"; our envelope is recovered from that text.
 */
export function toVoiceError(error: unknown): VoiceError {
  if (error instanceof VoiceError) return error;
  if (error instanceof ApiError) return fromApiError(error);
  const text = error instanceof Error ? error.message : String(error);
  const match = /status (\d{3}): (\{.*\})\s*$/s.exec(text);
  if (!match?.[1] || !match[2]) return lostConnection();
  try {
    return fromApiError(apiErrorFrom(Number(match[1]), JSON.parse(match[2])));
  } catch {
    return lostConnection();
  }
}
