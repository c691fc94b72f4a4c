import { publicTool } from "./mcp";

/** GA Realtime session configuration as it travels on the wire (snake_case). */
export interface RealtimeTool {
  type: string;
  name?: string;
  description?: string;
  parameters?: JsonSchema;
}

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  format?: string;
  minimum?: number;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
}

export interface TurnDetection {
  type: "server_vad" | "semantic_vad";
  threshold?: number;
  prefix_padding_ms?: number;
  silence_duration_ms?: number;
  create_response?: boolean;
  interrupt_response?: boolean;
  [key: string]: unknown;
}

export interface AudioFormat {
  type: "audio/pcm" | "audio/pcmu" | "audio/pcma";
  rate?: number;
}

export interface RealtimeSessionConfig {
  /** `transcription`: a live transcript of the input audio, and no responses. */
  type: "realtime" | "transcription";
  model: string;
  instructions: string;
  output_modalities: string[];
  tools: RealtimeTool[];
  tool_choice: unknown;
  max_output_tokens: number | "inf";
  tracing: unknown;
  audio: {
    input: {
      format: AudioFormat;
      transcription: { model?: string; language?: string; prompt?: string } | null;
      noise_reduction: unknown;
      turn_detection: TurnDetection | null;
    };
    output: { format: AudioFormat; voice: string; speed: number };
  };
  [key: string]: unknown;
}

export const VOICES = ["alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar"];

export function defaultSessionConfig(model: string): RealtimeSessionConfig {
  return {
    type: "realtime",
    model,
    instructions:
      "Your knowledge cutoff is 2023-10. You are a helpful, witty, and friendly AI. Act like a human, but remember that you aren't a human.",
    output_modalities: ["audio"],
    tools: [],
    tool_choice: "auto",
    max_output_tokens: "inf",
    tracing: null,
    audio: {
      input: {
        format: { type: "audio/pcm", rate: 24000 },
        transcription: null,
        noise_reduction: null,
        turn_detection: {
          type: "server_vad",
          threshold: 0.5,
          prefix_padding_ms: 300,
          silence_duration_ms: 500,
          create_response: true,
          interrupt_response: true,
        },
      },
      output: { format: { type: "audio/pcm", rate: 24000 }, voice: "marin", speed: 1 },
    },
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** session.update semantics: objects merge, everything else (arrays, null) replaces. */
export function mergeSessionConfig<T extends Record<string, unknown>>(base: T, patch: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] = isPlainObject(value) && isPlainObject(current) ? mergeSessionConfig(current, value) : value;
  }
  return out as T;
}

/** The session object the server reports in session.created / session.updated / client_secrets. */
export function sessionObject(id: string, config: RealtimeSessionConfig, expiresAt: number) {
  if (config.type === "transcription") {
    const { format, transcription, noise_reduction, turn_detection } = config.audio.input;
    return {
      type: "transcription",
      object: "realtime.transcription_session",
      id,
      expires_at: expiresAt,
      audio: { input: { format, transcription, noise_reduction, turn_detection } },
      include: null,
    };
  }
  return {
    ...config,
    tools: config.tools.map(publicTool),
    object: "realtime.session",
    id,
    expires_at: expiresAt,
    prompt: null,
    include: null,
  };
}
