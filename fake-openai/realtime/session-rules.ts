// The finer bounds of a GA realtime session (RealtimeSessionCreateRequestGA): speed, turn detection,
// noise reduction, audio formats, max_output_tokens, truncation, prompt and tool_choice. Returns the
// offending parameter and OpenAI's style of message, or null when the session is acceptable.

export interface RuleViolation {
  param: string;
  message: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const oneOf = (param: string, value: unknown, allowed: readonly string[]): RuleViolation | null =>
  typeof value === "string" && allowed.includes(value)
    ? null
    : { param, message: `Invalid value: '${String(value)}'. Supported values are: ${allowed.map((a) => `'${a}'`).join(", ")}.` };
const inRange = (param: string, value: unknown, min: number, max: number, integer = false): RuleViolation | null =>
  typeof value === "number" && value >= min && value <= max && (!integer || Number.isInteger(value))
    ? null
    : {
        param,
        message: `Invalid '${param}': expected ${integer ? "an integer" : "a number"} from ${min} to ${max}, got ${JSON.stringify(value)}.`,
      };

function format(param: string, value: unknown): RuleViolation | null {
  if (value === undefined) return null;
  if (!isObj(value)) return { param, message: `Invalid type for '${param}': expected an object.` };
  const bad = oneOf(`${param}.type`, value.type, ["audio/pcm", "audio/pcmu", "audio/pcma"]);
  if (bad) return bad;
  return value.type === "audio/pcm" && value.rate !== undefined && value.rate !== 24000
    ? { param: `${param}.rate`, message: `Invalid value: '${String(value.rate)}'. Supported values are: 24000.` }
    : null;
}

function turnDetection(param: string, value: unknown): RuleViolation | null {
  if (value === undefined || value === null) return null;
  if (!isObj(value)) return { param, message: `Invalid type for '${param}': expected an object or null.` };
  const type = oneOf(`${param}.type`, value.type, ["server_vad", "semantic_vad"]);
  if (type) return type;
  if (value.type === "semantic_vad")
    return value.eagerness === undefined ? null : oneOf(`${param}.eagerness`, value.eagerness, ["low", "medium", "high", "auto"]);
  return (
    (value.threshold === undefined ? null : inRange(`${param}.threshold`, value.threshold, 0, 1)) ??
    (value.prefix_padding_ms === undefined ? null : inRange(`${param}.prefix_padding_ms`, value.prefix_padding_ms, 0, 10_000, true)) ??
    (value.silence_duration_ms === undefined ? null : inRange(`${param}.silence_duration_ms`, value.silence_duration_ms, 0, 10_000, true))
  );
}

function audio(prefix: string, value: unknown): RuleViolation | null {
  if (value === undefined) return null;
  if (!isObj(value)) return { param: `${prefix}.audio`, message: `Invalid type for '${prefix}.audio': expected an object.` };
  const input = isObj(value.input) ? value.input : {};
  const output = isObj(value.output) ? value.output : {};
  const noise = input.noise_reduction;
  return (
    format(`${prefix}.audio.input.format`, input.format) ??
    format(`${prefix}.audio.output.format`, output.format) ??
    turnDetection(`${prefix}.audio.input.turn_detection`, input.turn_detection) ??
    (noise === undefined || noise === null
      ? null
      : oneOf(`${prefix}.audio.input.noise_reduction.type`, isObj(noise) ? noise.type : noise, ["near_field", "far_field"])) ??
    (output.speed === undefined ? null : inRange(`${prefix}.audio.output.speed`, output.speed, 0.25, 1.5))
  );
}

function toolChoice(param: string, value: unknown): RuleViolation | null {
  if (value === undefined || (typeof value === "string" && ["auto", "none", "required"].includes(value))) return null;
  if (isObj(value) && value.type === "function" && typeof value.name === "string") return null;
  if (isObj(value) && value.type === "mcp" && typeof value.server_label === "string") return null;
  return { param, message: `Invalid value for '${param}': expected 'auto', 'none', 'required' or a function or mcp tool.` };
}

function truncation(param: string, value: unknown): RuleViolation | null {
  if (value === undefined || value === "auto" || value === "disabled") return null;
  if (isObj(value) && value.type === "retention_ratio") return inRange(`${param}.retention_ratio`, value.retention_ratio, 0, 1);
  return { param, message: `Invalid value for '${param}': expected 'auto', 'disabled' or a retention_ratio object.` };
}

export function sessionRuleViolation(s: Obj, prefix: string): RuleViolation | null {
  const maxTokens = s.max_output_tokens;
  const prompt = s.prompt;
  return (
    audio(prefix, s.audio) ??
    toolChoice(`${prefix}.tool_choice`, s.tool_choice) ??
    truncation(`${prefix}.truncation`, s.truncation) ??
    (maxTokens === undefined || maxTokens === "inf" ? null : inRange(`${prefix}.max_output_tokens`, maxTokens, 1, 4096, true)) ??
    (prompt === undefined || prompt === null || (isObj(prompt) && typeof prompt.id === "string" && prompt.id.length > 0)
      ? null
      : { param: `${prefix}.prompt.id`, message: `Missing required parameter: '${prefix}.prompt.id'.` })
  );
}
