import { z } from "zod";
import { TOOL_NAMES } from "./tool-specs";

// Client-safe: imported by the settings form and the voice page as well as the server.

/** Mirrors REALTIME_TURN_DETECTION in db/schema.ts (kept apart so client code does not load the schema). */
export const TURN_DETECTION = ["server_vad", "semantic_vad", "none"] as const;
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

export const assistantSettingsSchema = z.object({
  model: z.enum(REALTIME_MODELS),
  voice: z.enum(VOICES),
  instructions: z.string().trim().min(1, "Write some instructions.").max(4000, "Keep instructions under 4000 characters."),
  turnDetection: z.enum(TURN_DETECTION),
  expiresAfterSeconds: z.number().int().min(60, "At least 60 seconds.").max(7200, "At most 7200 seconds (2 hours)."),
  enabledTools: z.array(z.enum(TOOL_NAMES)).max(TOOL_NAMES.length).transform((t) => [...new Set(t)]),
});

export type AssistantSettings = z.infer<typeof assistantSettingsSchema>;

export const DEFAULT_SETTINGS: AssistantSettings = {
  model: "gpt-realtime",
  voice: "marin",
  instructions: DEFAULT_INSTRUCTIONS,
  turnDetection: "server_vad",
  expiresAfterSeconds: 600,
  enabledTools: [...TOOL_NAMES],
};

/** What a client may choose per session: only among values the policy already allows. */
export const sessionChoiceSchema = z.object({
  workspaceId: z.string().optional(),
  voice: z.enum(VOICES).optional(),
});
export type SessionChoice = z.infer<typeof sessionChoiceSchema>;
