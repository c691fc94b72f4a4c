import { describe, expect, it } from "vitest";
import { validateSession } from "@/fake-openai/rest/client-secrets";
import { type AssistantSettings, assistantSettingsSchema, DEFAULT_SETTINGS } from "./policy";
import { buildSessionConfig } from "./session-config";
import { storedSessionOptions } from "./session-options";

const FULL: AssistantSettings = {
  ...DEFAULT_SETTINGS,
  voice: "cedar",
  speed: 1.1,
  turnDetection: "server_vad",
  vadThreshold: 0.7,
  vadPrefixPaddingMs: 250,
  vadSilenceDurationMs: 800,
  transcriptionModel: "gpt-4o-transcribe",
  transcriptionLanguage: "de",
  transcriptionPrompt: "Kubernetes, Postgres, OpenAI",
  noiseReduction: "far_field",
  inputAudioFormat: "audio/pcmu",
  outputAudioFormat: "audio/pcma",
  truncation: "retention_ratio",
  truncationRetentionRatio: 0.6,
  promptId: "pmpt_abc123",
  promptVersion: "4",
  maxOutputTokens: 512,
  toolChoice: "get_proxy_health",
};

describe("the session policy reaches the session config", () => {
  it("carries every option, in the GA shape the Realtime API takes", () => {
    const config = buildSessionConfig(FULL);
    expect(config.audio).toEqual({
      input: {
        format: { type: "audio/pcmu" },
        transcription: { model: "gpt-4o-transcribe", language: "de", prompt: "Kubernetes, Postgres, OpenAI" },
        noise_reduction: { type: "far_field" },
        turn_detection: {
          type: "server_vad",
          threshold: 0.7,
          prefix_padding_ms: 250,
          silence_duration_ms: 800,
          create_response: true,
          interrupt_response: true,
        },
      },
      output: { format: { type: "audio/pcma" }, voice: "cedar", speed: 1.1 },
    });
    expect(config).toMatchObject({
      truncation: { type: "retention_ratio", retention_ratio: 0.6 },
      prompt: { id: "pmpt_abc123", version: "4" },
      max_output_tokens: 512,
      tool_choice: { type: "function", name: "get_proxy_health" },
    });
    expect(validateSession(config)).toMatchObject({ ok: true });
  });

  it("semantic VAD carries its eagerness; push-to-talk sends no turn detection; defaults are OpenAI's", () => {
    const semantic = buildSessionConfig({ ...DEFAULT_SETTINGS, turnDetection: "semantic_vad", vadEagerness: "low" });
    expect(semantic.audio.input.turn_detection).toEqual({
      type: "semantic_vad",
      eagerness: "low",
      create_response: true,
      interrupt_response: true,
    });
    expect(buildSessionConfig({ ...DEFAULT_SETTINGS, turnDetection: "none" }).audio.input.turn_detection).toBeNull();
    const defaults = buildSessionConfig(DEFAULT_SETTINGS);
    expect(defaults).toMatchObject({ max_output_tokens: "inf", truncation: "auto", tool_choice: "auto" });
    expect(defaults.audio.input).not.toHaveProperty("noise_reduction");
    expect(defaults).not.toHaveProperty("prompt");
    expect(defaults.audio.input.transcription).toEqual({ model: "gpt-4o-mini-transcribe" });
  });
});

describe("the policy's bounds are the Realtime API's", () => {
  const refused = (patch: Record<string, unknown>) =>
    assistantSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...patch }).success === false;

  it("refuses what OpenAI would refuse, with the field named", () => {
    expect(refused({ speed: 1.6 })).toBe(true);
    expect(refused({ speed: 0.2 })).toBe(true);
    expect(refused({ vadThreshold: 1.2 })).toBe(true);
    expect(refused({ vadEagerness: "eager" })).toBe(true);
    expect(refused({ transcriptionLanguage: "german" })).toBe(true);
    expect(refused({ noiseReduction: "studio" })).toBe(true);
    expect(refused({ inputAudioFormat: "audio/mp3" })).toBe(true);
    expect(refused({ maxOutputTokens: 4097 })).toBe(true);
    expect(refused({ promptId: "prompt-1" })).toBe(true);
    expect(refused({ truncationRetentionRatio: 1.5 })).toBe(true);
    const notEnabled = assistantSettingsSchema.safeParse({
      ...DEFAULT_SETTINGS,
      enabledTools: ["list_openai_models"],
      toolChoice: "get_proxy_health",
    });
    expect(notEnabled.error?.issues[0]).toMatchObject({
      path: ["toolChoice"],
      message: "Tool choice names get_proxy_health, which is not enabled.",
    });
  });

  it("and the OpenAI double refuses the same values in a client_secrets session", () => {
    const config = buildSessionConfig(DEFAULT_SETTINGS);
    const bad = (session: unknown) => validateSession(session);
    expect(bad({ ...config, audio: { ...config.audio, output: { ...config.audio.output, speed: 2 } } })).toMatchObject({
      ok: false,
      param: "session.audio.output.speed",
    });
    expect(bad({ ...config, audio: { input: { turn_detection: { type: "semantic_vad", eagerness: "eager" } } } })).toMatchObject({
      param: "session.audio.input.turn_detection.eagerness",
    });
    expect(bad({ ...config, max_output_tokens: 0 })).toMatchObject({ param: "session.max_output_tokens" });
    expect(bad({ ...config, truncation: "sometimes" })).toMatchObject({ param: "session.truncation" });
    expect(bad({ ...config, audio: { input: { noise_reduction: { type: "studio" } } } })).toMatchObject({
      param: "session.audio.input.noise_reduction.type",
    });
  });

  it("an older stored policy (no options, or one no longer valid) reads as the defaults", () => {
    expect(storedSessionOptions({})).toMatchObject({ speed: 1, vadEagerness: "auto", maxOutputTokens: null, toolChoice: "auto" });
    expect(storedSessionOptions({ speed: 9, transcriptionLanguage: "de" })).toMatchObject({ speed: 1, transcriptionLanguage: "de" });
  });
});

describe("a transcription-only session", () => {
  it("takes the policy's transcription, noise reduction, input format and turns; no model, instructions, tools or voice", async () => {
    const { buildTranscriptionConfig } = await import("./session-config");
    const config = buildTranscriptionConfig({ ...FULL, turnDetection: "semantic_vad", vadEagerness: "high" });
    expect(config).toEqual({
      type: "transcription",
      audio: {
        input: {
          format: { type: "audio/pcmu" },
          transcription: { model: "gpt-4o-transcribe", language: "de", prompt: "Kubernetes, Postgres, OpenAI" },
          noise_reduction: { type: "far_field" },
          turn_detection: { type: "semantic_vad", eagerness: "high", create_response: true, interrupt_response: true },
        },
      },
    });
    expect(validateSession(config)).toMatchObject({ ok: true, config: { type: "transcription" } });
    // Push-to-talk has no place in a meeting: such a policy transcribes on server VAD.
    expect(buildTranscriptionConfig({ ...FULL, turnDetection: "none" }).audio.input.turn_detection).toMatchObject({ type: "server_vad" });
  });
});
