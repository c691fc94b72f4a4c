import "server-only";
import type { RealtimeSessionCreateRequest } from "openai/resources/realtime/realtime";
import type { AssistantSettings, SessionChoice } from "./policy";
import { TOOL_SPECS } from "./tool-specs";

type TurnDetection = NonNullable<NonNullable<RealtimeSessionCreateRequest["audio"]>["input"]>["turn_detection"];
type AudioFormat = { type: "audio/pcm"; rate: 24000 } | { type: "audio/pcmu" } | { type: "audio/pcma" };

function turnDetection(s: AssistantSettings): TurnDetection {
  if (s.turnDetection === "none") return null;
  if (s.turnDetection === "semantic_vad")
    return { type: "semantic_vad", eagerness: s.vadEagerness, create_response: true, interrupt_response: true };
  return {
    type: "server_vad",
    threshold: s.vadThreshold,
    prefix_padding_ms: s.vadPrefixPaddingMs,
    silence_duration_ms: s.vadSilenceDurationMs,
    create_response: true,
    interrupt_response: true,
  };
}

const audioFormat = (type: AssistantSettings["inputAudioFormat"]): AudioFormat => (type === "audio/pcm" ? { type, rate: 24000 } : { type });

function truncation(s: AssistantSettings): RealtimeSessionCreateRequest["truncation"] {
  if (s.truncation === "retention_ratio") return { type: "retention_ratio", retention_ratio: s.truncationRetentionRatio };
  return s.truncation;
}

function toolChoice(s: AssistantSettings): NonNullable<RealtimeSessionCreateRequest["tool_choice"]> {
  if (s.toolChoice === "auto" || s.toolChoice === "none" || s.toolChoice === "required") return s.toolChoice;
  return { type: "function", name: s.toolChoice };
}

const transcriptionOf = (s: AssistantSettings) => ({
  model: s.transcriptionModel,
  ...(s.transcriptionLanguage ? { language: s.transcriptionLanguage } : {}),
  ...(s.transcriptionPrompt ? { prompt: s.transcriptionPrompt } : {}),
});

/**
 * The session config sent upstream, built only from the workspace policy plus the few choices
 * a client may make among allowed values: a client never supplies instructions or tools.
 */
export function buildSessionConfig(settings: AssistantSettings, choice: Pick<SessionChoice, "voice"> = {}) {
  const transcription = transcriptionOf(settings);
  return {
    type: "realtime",
    model: settings.model,
    instructions: settings.instructions,
    output_modalities: ["audio"],
    audio: {
      input: {
        format: audioFormat(settings.inputAudioFormat),
        transcription,
        // Off is OpenAI's default (null); the SDK's type takes only an object, so off is left out.
        ...(settings.noiseReduction === "off" ? {} : { noise_reduction: { type: settings.noiseReduction } }),
        turn_detection: turnDetection(settings),
      },
      output: { format: audioFormat(settings.outputAudioFormat), voice: choice.voice ?? settings.voice, speed: settings.speed },
    },
    tools: settings.enabledTools.map((name) => ({
      type: "function",
      name,
      description: TOOL_SPECS[name].description,
      parameters: TOOL_SPECS[name].parameters,
    })),
    tool_choice: toolChoice(settings),
    max_output_tokens: settings.maxOutputTokens ?? "inf",
    truncation: truncation(settings),
    ...(settings.promptId
      ? { prompt: { id: settings.promptId, ...(settings.promptVersion ? { version: settings.promptVersion } : {}) } }
      : {}),
  } satisfies RealtimeSessionCreateRequest;
}

/**
 * A transcription-only session (type `transcription`): the policy's transcription model, language,
 * vocabulary, noise reduction and input format; no model, instructions or tools, so nothing replies.
 * Push-to-talk has no place in a meeting, so a policy without turn detection transcribes on server VAD.
 */
export function buildTranscriptionConfig(settings: AssistantSettings) {
  const turns = settings.turnDetection === "none" ? turnDetection({ ...settings, turnDetection: "server_vad" }) : turnDetection(settings);
  return {
    type: "transcription" as const,
    audio: {
      input: {
        format: audioFormat(settings.inputAudioFormat),
        transcription: transcriptionOf(settings),
        ...(settings.noiseReduction === "off" ? {} : { noise_reduction: { type: settings.noiseReduction } }),
        turn_detection: turns,
      },
    },
  };
}

/**
 * What the browser's Agents SDK must send in its own session.update so that it does not put its
 * defaults (semantic VAD, speed 1, no language, …) over the policy the relay already set: the
 * policy's audio, tool choice, output limit, truncation and stored prompt, passed as the SDK's
 * `providerData` (merged over its defaults). Instructions and tools come from the agent itself.
 */
export function browserSession(settings: AssistantSettings) {
  const { audio, tool_choice, max_output_tokens, truncation, prompt } = buildSessionConfig(settings);
  return { audio, tool_choice, max_output_tokens, truncation, ...(prompt ? { prompt } : {}) };
}
export type BrowserSession = ReturnType<typeof browserSession>;
