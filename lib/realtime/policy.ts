import { z } from "zod";
import { DEFAULT_CALL_SECONDS, MAX_CALL_SECONDS, MIN_CALL_SECONDS } from "./call-length";
import { DEFAULT_INSTRUCTIONS, REALTIME_MODELS, TURN_DETECTION, VOICES } from "./choices";
import { DEFAULT_SESSION_OPTIONS, sessionOptionsShape } from "./session-options";
import { TOOL_NAMES } from "./tool-specs";

// The schemas of the assistant policy (server routes and the settings form).

export const assistantSettingsSchema = z
  .object({
    model: z.enum(REALTIME_MODELS),
    voice: z.enum(VOICES),
    instructions: z.string().trim().min(1, "Write some instructions.").max(4000, "Keep instructions under 4000 characters."),
    turnDetection: z.enum(TURN_DETECTION),
    expiresAfterSeconds: z.number().int().min(60, "At least 60 seconds.").max(7200, "At most 7200 seconds (2 hours)."),
    maxCallSeconds: z
      .number()
      .int()
      .min(MIN_CALL_SECONDS, `At least ${MIN_CALL_SECONDS} seconds.`)
      .max(MAX_CALL_SECONDS, `At most ${MAX_CALL_SECONDS} seconds (OpenAI ends sessions after an hour).`)
      .default(DEFAULT_CALL_SECONDS),
    enabledTools: z
      .array(z.enum(TOOL_NAMES))
      .max(TOOL_NAMES.length)
      .transform((t) => [...new Set(t)]),
    // Whether an OpenAI client secret (ek_…) may leave the server: POST /api/v1/realtime/token and
    // the Voice page's WebSocket mode. Off unless an admin turns it on; omitted in a save: unchanged.
    clientSecretsAllowed: z.boolean().optional(),
    ...sessionOptionsShape,
  })
  .superRefine((s, ctx) => {
    const named = TOOL_NAMES.find((name) => name === s.toolChoice);
    if (named && !s.enabledTools.includes(named))
      ctx.addIssue({ code: "custom", path: ["toolChoice"], message: `Tool choice names ${s.toolChoice}, which is not enabled.` });
  });

export type AssistantSettings = z.infer<typeof assistantSettingsSchema>;

export const DEFAULT_SETTINGS: AssistantSettings = {
  model: "gpt-realtime",
  voice: "marin",
  instructions: DEFAULT_INSTRUCTIONS,
  turnDetection: "server_vad",
  expiresAfterSeconds: 600,
  maxCallSeconds: DEFAULT_CALL_SECONDS,
  enabledTools: [...TOOL_NAMES],
  clientSecretsAllowed: false,
  ...DEFAULT_SESSION_OPTIONS,
};

/** What a client may choose per session: only among values the policy already allows. */
export const sessionChoiceSchema = z.object({
  workspaceId: z.string().optional(),
  voice: z.enum(VOICES).optional(),
});

/** The relay's choices: also a transcription-only call (a live transcript, no replies), e.g. for meetings. */
export const relayChoiceSchema = z.object({
  voice: z.enum(VOICES).optional(),
  mode: z.enum(["assistant", "transcription"], { error: "mode must be assistant or transcription." }).optional(),
});
export type RelayChoice = z.infer<typeof relayChoiceSchema>;
export type SessionChoice = z.infer<typeof sessionChoiceSchema>;
