// What a trace keeps of an event: everything but credentials and raw audio. Pure, so it is unit-tested.

const SECRET_KEYS = /^(authorization|api_?key|client_?secret|secret|password|access_token|refresh_token|headers)$/i;
const AUDIO_KEYS = new Set(["audio", "delta"]);
const AUDIO_EVENTS = new Set(["response.output_audio.delta", "input_audio_buffer.append"]);
// OpenAI keys and client secrets, bearer tokens, webhook secrets, our personal access tokens.
const SECRET_TEXT =
  /\b(?:sk-[A-Za-z0-9_-]{8,}|ek_[A-Za-z0-9_-]{8,}|whsec_[A-Za-z0-9+/=]{8,}|oc_[A-Za-z0-9_-]{8,})|\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/g;

export const REDACTED = "[redacted]";

function redactValue(value: unknown, key: string | null): unknown {
  if (key !== null && SECRET_KEYS.test(key)) return REDACTED;
  if (typeof value === "string") return value.replace(SECRET_TEXT, REDACTED);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, null));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, k)]));
  return value;
}

/** The event as a trace stores it: secrets replaced by "[redacted]", audio by its size. */
export function redactEvent(event: Record<string, unknown>): Record<string, unknown> {
  const out = redactValue(event, null) as Record<string, unknown>;
  if (typeof event.type === "string" && AUDIO_EVENTS.has(event.type))
    for (const key of AUDIO_KEYS)
      if (typeof event[key] === "string") out[key] = `[audio: ${(event[key] as string).length} base64 characters]`;
  return out;
}
