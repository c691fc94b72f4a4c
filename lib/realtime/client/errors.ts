// Client-safe: turns our error envelope (or a failed connect) into something the page can explain.

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

interface Envelope {
  error?: unknown;
  code?: unknown;
  status?: unknown;
  details?: { retryAfterSeconds?: unknown };
}

export function fromEnvelope(status: number, body: Envelope | null, retryAfterHeader?: string | null): VoiceError {
  const message = typeof body?.error === "string" ? body.error : `The server answered ${status}.`;
  const code = typeof body?.code === "string" ? body.code : "";
  if (code === "no_key_configured") return new VoiceError("no_key", message);
  if (code === "upstream_key_rejected") return new VoiceError("key_rejected", message);
  if (code === "client_secrets_disabled") return new VoiceError("client_secrets_disabled", message);
  if (status === 429) {
    const retry = Number(body?.details?.retryAfterSeconds ?? retryAfterHeader ?? 0) || undefined;
    return new VoiceError("rate_limited", message, retry);
  }
  if (status >= 500) return new VoiceError("upstream", message);
  return new VoiceError("other", message);
}

/** POST to one of our routes; non-2xx becomes a VoiceError. */
export async function postJson<T>(path: string, body: unknown = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  } catch {
    throw new VoiceError("connection", "The dashboard could not be reached. Check your connection.");
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) throw fromEnvelope(res.status, data, res.headers.get("retry-after"));
  return data as T;
}

/** The Agents SDK reports a refused SDP post as "…failed with status 424: <body>"; recover our envelope. */
export function fromConnectError(error: unknown): VoiceError {
  if (error instanceof VoiceError) return error;
  const text = error instanceof Error ? error.message : String(error);
  const match = /status (\d{3}): (\{.*\})\s*$/s.exec(text);
  if (match?.[1] && match[2]) {
    try {
      return fromEnvelope(Number(match[1]), JSON.parse(match[2]));
    } catch {
      // not our envelope; fall through
    }
  }
  return new VoiceError("connection", "Could not connect to the assistant. Check your connection and try again.");
}
