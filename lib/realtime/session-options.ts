import { z } from "zod";
import {
  AUDIO_FORMATS,
  MAX_OUTPUT_TOKENS_LIMIT,
  NOISE_REDUCTION,
  SPEED,
  TOOL_CHOICE_MODES,
  TRANSCRIPTION_MODELS,
  TRUNCATION,
  VAD_EAGERNESS,
} from "./choices";
import { TOOL_NAMES } from "./tool-specs";

// The Realtime session's finer policy (Settings → Assistant): each bound is the one OpenAI's
// RealtimeSessionCreateRequestGA accepts, so a saved policy never makes a session fail upstream.
// Every field has a default: an older saved policy (and a client that does not know them) stays valid.

export const sessionOptionsShape = {
  speed: z
    .number({ error: "Speed must be a number." })
    .min(SPEED.min, `Speed is ${SPEED.min} at least.`)
    .max(SPEED.max, `Speed is ${SPEED.max} at most.`)
    .default(1),
  vadThreshold: z
    .number({ error: "The VAD threshold must be a number." })
    .min(0, "The VAD threshold is 0 to 1.")
    .max(1, "The VAD threshold is 0 to 1.")
    .default(0.5),
  vadPrefixPaddingMs: z
    .number()
    .int("Prefix padding is whole milliseconds.")
    .min(0, "Prefix padding is 0 ms at least.")
    .max(2000, "Prefix padding is 2000 ms at most.")
    .default(300),
  vadSilenceDurationMs: z
    .number()
    .int("Silence duration is whole milliseconds.")
    .min(100, "Silence duration is 100 ms at least.")
    .max(5000, "Silence duration is 5000 ms at most.")
    .default(500),
  vadEagerness: z.enum(VAD_EAGERNESS, { error: "Eagerness must be low, medium, high or auto." }).default("auto"),
  transcriptionModel: z
    .enum(TRANSCRIPTION_MODELS, { error: `The transcription model must be one of ${TRANSCRIPTION_MODELS.join(", ")}.` })
    .default("gpt-4o-mini-transcribe"),
  transcriptionLanguage: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^([a-z]{2})?$/, "The language is a two-letter ISO-639-1 code such as en or de, or empty to detect it.")
    .default(""),
  transcriptionPrompt: z.string().trim().max(1000, "Keep the transcription prompt under 1000 characters.").default(""),
  noiseReduction: z.enum(NOISE_REDUCTION, { error: "Noise reduction must be off, near_field or far_field." }).default("off"),
  inputAudioFormat: z
    .enum(AUDIO_FORMATS, { error: "The input audio format must be audio/pcm, audio/pcmu or audio/pcma." })
    .default("audio/pcm"),
  outputAudioFormat: z
    .enum(AUDIO_FORMATS, { error: "The output audio format must be audio/pcm, audio/pcmu or audio/pcma." })
    .default("audio/pcm"),
  truncation: z.enum(TRUNCATION, { error: "Truncation must be auto, disabled or retention_ratio." }).default("auto"),
  truncationRetentionRatio: z.number().min(0, "The retention ratio is 0 to 1.").max(1, "The retention ratio is 0 to 1.").default(0.8),
  promptId: z
    .string()
    .trim()
    .regex(/^(pmpt_[A-Za-z0-9]{1,100})?$/, "A stored prompt's id looks like pmpt_…; leave it empty for none.")
    .default(""),
  promptVersion: z
    .string()
    .trim()
    .regex(/^\d{0,9}$/, "The prompt version is a number; empty uses its current version.")
    .default(""),
  /** Null: no limit (OpenAI's `inf`). */
  maxOutputTokens: z
    .number()
    .int("Maximum output tokens is a whole number.")
    .min(1, "Maximum output tokens is 1 at least.")
    .max(MAX_OUTPUT_TOKENS_LIMIT, `Maximum output tokens is ${MAX_OUTPUT_TOKENS_LIMIT} at most; leave it empty for no limit.`)
    .nullable()
    .default(null),
  toolChoice: z
    .enum([...TOOL_CHOICE_MODES, ...TOOL_NAMES], { error: "Tool choice must be auto, none, required or one of the tools." })
    .default("auto"),
};

export const sessionOptionsSchema = z.object(sessionOptionsShape);
export type SessionOptions = z.infer<typeof sessionOptionsSchema>;
export const DEFAULT_SESSION_OPTIONS: SessionOptions = sessionOptionsSchema.parse({});

/** A stored policy's options: whatever is missing or no longer valid falls back to its default. */
export function storedSessionOptions(stored: unknown): SessionOptions {
  const raw = stored && typeof stored === "object" ? (stored as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(sessionOptionsShape)) {
    const parsed = field.safeParse(raw[name]);
    out[name] = parsed.success ? parsed.data : (DEFAULT_SESSION_OPTIONS as Record<string, unknown>)[name];
  }
  return out as SessionOptions;
}
