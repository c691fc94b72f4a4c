import { invalidJsonError, openAIError, parseJsonBody, randomId, sendError, sendJson } from "../http-util";
import { isRealtimeModel } from "../models";
import { mcpToolProblem } from "../realtime/mcp";
import { defaultSessionConfig, mergeSessionConfig, type RealtimeSessionConfig, sessionObject, VOICES } from "../realtime/session-config";
import { sessionRuleViolation } from "../realtime/session-rules";
import type { RouteContext } from "./context";

const DEFAULT_TTL_SECONDS = 600;

type Validation = { ok: true; config: RealtimeSessionConfig } | { ok: false; message: string; param: string; code: string };

const missing = (param: string): Validation => ({
  ok: false,
  message: `Missing required parameter: '${param}'.`,
  param,
  code: "missing_required_parameter",
});
const invalid = (param: string, message: string): Validation => ({ ok: false, message, param, code: "invalid_value" });

/** Validates a GA realtime session body the way the API does and fills in defaults. */
export function validateSession(session: unknown, prefix = "session"): Validation {
  if (typeof session !== "object" || session === null || Array.isArray(session)) return missing(prefix);
  const s = session as Record<string, unknown>;
  if (s.type === undefined) return missing(`${prefix}.type`);
  if (s.type === "transcription") return validateTranscriptionSession(s, prefix);
  if (s.type !== "realtime") {
    return invalid(`${prefix}.type`, `Invalid value: '${String(s.type)}'. Supported values are: 'realtime' and 'transcription'.`);
  }
  if (s.model === undefined) return missing(`${prefix}.model`);
  if (typeof s.model !== "string" || !isRealtimeModel(s.model)) {
    return invalid(`${prefix}.model`, `Invalid value: '${String(s.model)}'. The model is not a known realtime model.`);
  }
  const voice = (s.audio as { output?: { voice?: unknown } } | undefined)?.output?.voice;
  if (voice !== undefined && (typeof voice !== "string" || !VOICES.includes(voice))) {
    return invalid(
      `${prefix}.audio.output.voice`,
      `Invalid value: '${String(voice)}'. Supported values are: ${VOICES.map((v) => `'${v}'`).join(", ")}.`,
    );
  }
  if (s.tools !== undefined) {
    if (!Array.isArray(s.tools)) return invalid(`${prefix}.tools`, "Invalid type for 'session.tools': expected an array.");
    for (const [i, tool] of s.tools.entries()) {
      const t = tool as { type?: unknown; name?: unknown };
      if (t?.type === "function" && (typeof t.name !== "string" || !/^[a-zA-Z0-9_-]{1,64}$/.test(t.name))) {
        return invalid(`${prefix}.tools[${i}].name`, `Invalid 'session.tools[${i}].name': string does not match pattern.`);
      }
      if (t?.type !== "function" && t?.type !== "mcp") {
        return invalid(`${prefix}.tools[${i}].type`, `Invalid value: '${String(t?.type)}'. Supported values are: 'function' and 'mcp'.`);
      }
      const mcpProblem = t.type === "mcp" ? mcpToolProblem(tool as Record<string, unknown>, `${prefix}.tools[${i}]`) : null;
      if (mcpProblem) return invalid(mcpProblem.param, mcpProblem.message);
    }
  }
  const violation = sessionRuleViolation(s, prefix);
  if (violation) return invalid(violation.param, violation.message);
  return { ok: true, config: mergeSessionConfig(defaultSessionConfig(s.model), s) };
}

/** A GA transcription session (RealtimeTranscriptionSessionCreateRequestGA): input audio settings only. */
function validateTranscriptionSession(s: Record<string, unknown>, prefix: string): Validation {
  for (const field of ["model", "instructions", "tools", "output_modalities"])
    if (s[field] !== undefined) return invalid(`${prefix}.${field}`, `Unknown parameter: '${prefix}.${field}'.`);
  const violation = sessionRuleViolation(s, prefix);
  if (violation) return invalid(violation.param, violation.message);
  const base = { ...defaultSessionConfig("gpt-realtime"), type: "transcription" as const, tools: [], instructions: "" };
  return { ok: true, config: mergeSessionConfig(base, { audio: s.audio ?? {} }) };
}

function validateExpiry(value: unknown): { seconds: number } | { error: Validation } {
  if (value === undefined) return { seconds: DEFAULT_TTL_SECONDS };
  const e = value as { anchor?: unknown; seconds?: unknown };
  if (e.anchor !== undefined && e.anchor !== "created_at") {
    return {
      error: invalid("expires_after.anchor", `Invalid value: '${String(e.anchor)}'. Supported values are: 'created_at'.`),
    };
  }
  if (e.seconds === undefined) return { seconds: DEFAULT_TTL_SECONDS };
  if (typeof e.seconds !== "number" || !Number.isInteger(e.seconds)) {
    return { error: invalid("expires_after.seconds", "Invalid type for 'expires_after.seconds': expected an integer.") };
  }
  if (e.seconds < 10) {
    return {
      error: {
        ok: false,
        message: `Invalid 'expires_after.seconds': integer below minimum value. Expected a value >= 10, but got ${e.seconds} instead.`,
        param: "expires_after.seconds",
        code: "integer_below_min_value",
      },
    };
  }
  if (e.seconds > 7200) {
    return {
      error: {
        ok: false,
        message: `Invalid 'expires_after.seconds': integer above maximum value. Expected a value <= 7200, but got ${e.seconds} instead.`,
        param: "expires_after.seconds",
        code: "integer_above_max_value",
      },
    };
  }
  return { seconds: e.seconds };
}

export function createClientSecret({ res, body, state }: RouteContext) {
  let parsed: unknown;
  try {
    parsed = parseJsonBody(body) ?? {};
  } catch {
    sendError(res, 400, invalidJsonError());
    return;
  }
  const request = parsed as { session?: unknown; expires_after?: unknown };
  const expiry = validateExpiry(request.expires_after);
  const result = "error" in expiry ? expiry.error : validateSession(request.session);
  if (!result.ok) {
    sendError(res, 400, openAIError(result.message, "invalid_request_error", result.param, result.code));
    return;
  }
  if ("error" in expiry) return;
  const createdAt = Math.floor(Date.now() / 1000);
  const value = randomId("ek_", 32);
  const sessionId = randomId("sess_", 20);
  const expiresAt = createdAt + expiry.seconds;
  state.issued.set(value, { value, createdAt, expiresAt, sessionId, session: result.config });
  sendJson(res, 200, { value, expires_at: expiresAt, session: sessionObject(sessionId, result.config, 0) });
}
