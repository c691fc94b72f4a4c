import { REALTIME_TURN_DETECTION } from "@/db/enums";

// The allowed values of the assistant policy, without zod: the voice page imports these and
// must stay light before Start.

export const TURN_DETECTION = REALTIME_TURN_DETECTION;
export const REALTIME_MODELS = ["gpt-realtime", "gpt-realtime-mini"] as const;
export const VOICES = ["alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar"] as const;
export const VAD_EAGERNESS = ["low", "medium", "high", "auto"] as const;
export const TRANSCRIPTION_MODELS = ["gpt-4o-mini-transcribe", "gpt-4o-transcribe", "whisper-1"] as const;
export const NOISE_REDUCTION = ["off", "near_field", "far_field"] as const;
export const NOISE_REDUCTION_LABELS: Record<(typeof NOISE_REDUCTION)[number], string> = {
  off: "Off",
  near_field: "Near field (headset)",
  far_field: "Far field (laptop, meeting room)",
};
/** What the Realtime API accepts on the wire: PCM16 at 24 kHz, or G.711 μ-law / A-law (phone lines). */
export const AUDIO_FORMATS = ["audio/pcm", "audio/pcmu", "audio/pcma"] as const;
export const AUDIO_FORMAT_LABELS: Record<(typeof AUDIO_FORMATS)[number], string> = {
  "audio/pcm": "PCM16, 24 kHz",
  "audio/pcmu": "G.711 μ-law",
  "audio/pcma": "G.711 A-law",
};
export const TRUNCATION = ["auto", "disabled", "retention_ratio"] as const;
export const TRUNCATION_LABELS: Record<(typeof TRUNCATION)[number], string> = {
  auto: "Automatic (drop the oldest turns)",
  disabled: "Off (error when the context is full)",
  retention_ratio: "Keep a share of the conversation",
};
export const TOOL_CHOICE_MODES = ["auto", "none", "required"] as const;
export const SPEED = { min: 0.25, max: 1.5 } as const;
export const MAX_OUTPUT_TOKENS_LIMIT = 4096;

export const TURN_DETECTION_LABELS: Record<(typeof TURN_DETECTION)[number], string> = {
  server_vad: "Server VAD (speaks when you pause)",
  semantic_vad: "Semantic VAD (waits until you finish the thought)",
  none: "Push-to-talk",
};

export const DEFAULT_INSTRUCTIONS =
  "You are the OpenCTO assistant for a software team. Answer briefly and concretely. Use your tools to look up the " +
  "workspace's OpenAI models, usage, costs and proxy health instead of guessing, and say when a tool fails.";
