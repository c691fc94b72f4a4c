import { REALTIME_TURN_DETECTION } from "@/db/enums";

// The allowed values of the assistant policy, without zod: the voice page imports these and
// must stay light before Start.

export const TURN_DETECTION = REALTIME_TURN_DETECTION;
export const REALTIME_MODELS = ["gpt-realtime", "gpt-realtime-mini"] as const;
export const VOICES = ["alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar"] as const;
export const TURN_DETECTION_LABELS: Record<(typeof TURN_DETECTION)[number], string> = {
  server_vad: "Server VAD (speaks when you pause)",
  semantic_vad: "Semantic VAD (waits until you finish the thought)",
  none: "Push-to-talk",
};

export const DEFAULT_INSTRUCTIONS =
  "You are the OpenCTO assistant for a software team. Answer briefly and concretely. Use your tools to look up the " +
  "workspace's OpenAI models, usage, costs and proxy health instead of guessing, and say when a tool fails.";
