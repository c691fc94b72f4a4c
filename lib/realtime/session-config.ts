import "server-only";
import type { RealtimeSessionCreateRequest } from "openai/resources/realtime/realtime";
import type { AssistantSettings, SessionChoice } from "./policy";
import { TOOL_SPECS } from "./tool-specs";

const TURN_DETECTION = {
  server_vad: { type: "server_vad", create_response: true, interrupt_response: true },
  semantic_vad: { type: "semantic_vad", create_response: true, interrupt_response: true },
  none: null,
} as const;

/**
 * The session config sent upstream, built only from the workspace policy plus the few choices
 * a client may make among allowed values: a client never supplies instructions or tools.
 */
export function buildSessionConfig(settings: AssistantSettings, choice: Pick<SessionChoice, "voice"> = {}) {
  return {
    type: "realtime",
    model: settings.model,
    instructions: settings.instructions,
    output_modalities: ["audio"],
    audio: {
      input: {
        transcription: { model: "gpt-4o-mini-transcribe" },
        turn_detection: TURN_DETECTION[settings.turnDetection],
      },
      output: { voice: choice.voice ?? settings.voice },
    },
    tools: settings.enabledTools.map((name) => ({
      type: "function",
      name,
      description: TOOL_SPECS[name].description,
      parameters: TOOL_SPECS[name].parameters,
    })),
    tool_choice: "auto",
  } satisfies RealtimeSessionCreateRequest;
}
