"use client";

import {
  AUDIO_FORMAT_LABELS,
  AUDIO_FORMATS,
  MAX_OUTPUT_TOKENS_LIMIT,
  NOISE_REDUCTION,
  NOISE_REDUCTION_LABELS,
  SPEED,
  TOOL_CHOICE_MODES,
  TRANSCRIPTION_MODELS,
  TRUNCATION,
  TRUNCATION_LABELS,
  VAD_EAGERNESS,
} from "@/lib/realtime/choices";
import type { AssistantSettings } from "@/lib/realtime/policy";
import { TOOL_LABELS } from "@/lib/realtime/tool-specs";

type Set = <K extends keyof AssistantSettings>(key: K, value: AssistantSettings[K]) => void;

function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      {children}
      {hint && <p className="muted mt-1 text-xs">{hint}</p>}
    </div>
  );
}

function NumberInput({
  id,
  value,
  min,
  max,
  step,
  onChange,
}: {
  id: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  onChange: (v: number) => void;
}) {
  return (
    <input
      id={id}
      type="number"
      className="input"
      min={min}
      max={max}
      step={step}
      value={value}
      onChange={(e) => onChange(Number(e.target.value))}
    />
  );
}

/** Turn detection's tuning: server VAD's threshold and timings, or semantic VAD's eagerness; nothing for push-to-talk. */
export function TurnDetectionFields({ s, set }: { s: AssistantSettings; set: Set }) {
  if (s.turnDetection === "semantic_vad")
    return (
      <Field id="assistant-eagerness" label="Eagerness" hint="How soon the assistant answers: low waits longer for you to finish.">
        <select
          id="assistant-eagerness"
          className="input"
          value={s.vadEagerness}
          onChange={(e) => set("vadEagerness", e.target.value as AssistantSettings["vadEagerness"])}
        >
          {VAD_EAGERNESS.map((v) => (
            <option key={v}>{v}</option>
          ))}
        </select>
      </Field>
    );
  if (s.turnDetection === "none")
    return (
      <p className="muted self-end text-sm">Members hold Space (or the Talk button) while speaking; the turn ends when they let go.</p>
    );
  return (
    <div className="grid grid-cols-3 gap-2">
      <Field id="assistant-vad-threshold" label="Threshold (0–1)">
        <NumberInput
          id="assistant-vad-threshold"
          value={s.vadThreshold}
          min={0}
          max={1}
          step={0.05}
          onChange={(v) => set("vadThreshold", v)}
        />
      </Field>
      <Field id="assistant-vad-padding" label="Padding (ms)">
        <NumberInput
          id="assistant-vad-padding"
          value={s.vadPrefixPaddingMs}
          min={0}
          max={2000}
          onChange={(v) => set("vadPrefixPaddingMs", v)}
        />
      </Field>
      <Field id="assistant-vad-silence" label="Silence (ms)">
        <NumberInput
          id="assistant-vad-silence"
          value={s.vadSilenceDurationMs}
          min={100}
          max={5000}
          onChange={(v) => set("vadSilenceDurationMs", v)}
        />
      </Field>
    </div>
  );
}

export function SpeedField({ s, set }: { s: AssistantSettings; set: Set }) {
  return (
    <Field id="assistant-speed" label={`Speech speed (${SPEED.min}–${SPEED.max})`}>
      <NumberInput id="assistant-speed" value={s.speed} min={SPEED.min} max={SPEED.max} step={0.05} onChange={(v) => set("speed", v)} />
    </Field>
  );
}

/** Transcription, audio, truncation, stored prompt, output limit and tool choice. */
export function SessionOptionsFields({ s, set }: { s: AssistantSettings; set: Set }) {
  return (
    <>
      <fieldset className="sm:col-span-2 grid gap-4 sm:grid-cols-3">
        <legend className="label">Transcription of what members say</legend>
        <Field id="assistant-transcription-model" label="Model">
          <select
            id="assistant-transcription-model"
            className="input"
            value={s.transcriptionModel}
            onChange={(e) => set("transcriptionModel", e.target.value as AssistantSettings["transcriptionModel"])}
          >
            {TRANSCRIPTION_MODELS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </Field>
        <Field id="assistant-language" label="Language" hint="Two letters (en, de); empty detects it.">
          <input
            id="assistant-language"
            className="input"
            maxLength={2}
            placeholder="auto"
            value={s.transcriptionLanguage}
            onChange={(e) => set("transcriptionLanguage", e.target.value.toLowerCase())}
          />
        </Field>
        <Field id="assistant-transcription-prompt" label="Vocabulary hint" hint="Names and terms to expect.">
          <input
            id="assistant-transcription-prompt"
            className="input"
            maxLength={1000}
            value={s.transcriptionPrompt}
            onChange={(e) => set("transcriptionPrompt", e.target.value)}
          />
        </Field>
      </fieldset>
      <fieldset className="sm:col-span-2 grid gap-4 sm:grid-cols-3">
        <legend className="label">Audio</legend>
        <Field id="assistant-noise" label="Noise reduction">
          <select
            id="assistant-noise"
            className="input"
            value={s.noiseReduction}
            onChange={(e) => set("noiseReduction", e.target.value as AssistantSettings["noiseReduction"])}
          >
            {NOISE_REDUCTION.map((n) => (
              <option key={n} value={n}>
                {NOISE_REDUCTION_LABELS[n]}
              </option>
            ))}
          </select>
        </Field>
        {(["inputAudioFormat", "outputAudioFormat"] as const).map((key) => (
          <Field
            key={key}
            id={`assistant-${key}`}
            label={key === "inputAudioFormat" ? "Input format" : "Output format"}
            hint={key === "inputAudioFormat" ? "For SDK and phone clients; the Voice page always uses PCM16." : undefined}
          >
            <select
              id={`assistant-${key}`}
              className="input"
              value={s[key]}
              onChange={(e) => set(key, e.target.value as AssistantSettings[typeof key])}
            >
              {AUDIO_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {AUDIO_FORMAT_LABELS[f]}
                </option>
              ))}
            </select>
          </Field>
        ))}
      </fieldset>
      <fieldset className="sm:col-span-2 grid gap-4 sm:grid-cols-3">
        <legend className="label">Responses</legend>
        <Field id="assistant-max-tokens" label={`Max output tokens (1–${MAX_OUTPUT_TOKENS_LIMIT})`} hint="Empty: no limit.">
          <input
            id="assistant-max-tokens"
            type="number"
            className="input"
            min={1}
            max={MAX_OUTPUT_TOKENS_LIMIT}
            placeholder="no limit"
            value={s.maxOutputTokens ?? ""}
            onChange={(e) => set("maxOutputTokens", e.target.value === "" ? null : Number(e.target.value))}
          />
        </Field>
        <Field id="assistant-tool-choice" label="Tool choice">
          <select
            id="assistant-tool-choice"
            className="input"
            value={s.toolChoice}
            onChange={(e) => set("toolChoice", e.target.value as AssistantSettings["toolChoice"])}
          >
            {TOOL_CHOICE_MODES.map((m) => (
              <option key={m} value={m}>
                {m === "auto" ? "auto (the model decides)" : m === "none" ? "none (never call tools)" : "required (always call one)"}
              </option>
            ))}
            {s.enabledTools.map((name) => (
              <option key={name} value={name}>
                always {TOOL_LABELS[name]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="assistant-truncation" label="When the context is full">
          <select
            id="assistant-truncation"
            className="input"
            value={s.truncation}
            onChange={(e) => set("truncation", e.target.value as AssistantSettings["truncation"])}
          >
            {TRUNCATION.map((t) => (
              <option key={t} value={t}>
                {TRUNCATION_LABELS[t]}
              </option>
            ))}
          </select>
        </Field>
        {s.truncation === "retention_ratio" && (
          <Field id="assistant-retention" label="Share kept (0–1)">
            <NumberInput
              id="assistant-retention"
              value={s.truncationRetentionRatio}
              min={0}
              max={1}
              step={0.05}
              onChange={(v) => set("truncationRetentionRatio", v)}
            />
          </Field>
        )}
        <Field id="assistant-prompt-id" label="Stored prompt id" hint="From OpenAI's Prompts (pmpt_…); empty for none.">
          <input
            id="assistant-prompt-id"
            className="input"
            placeholder="pmpt_…"
            value={s.promptId}
            onChange={(e) => set("promptId", e.target.value.trim())}
          />
        </Field>
        <Field id="assistant-prompt-version" label="Prompt version" hint="Empty: its current version.">
          <input
            id="assistant-prompt-version"
            className="input"
            inputMode="numeric"
            value={s.promptVersion}
            disabled={!s.promptId}
            onChange={(e) => set("promptVersion", e.target.value.trim())}
          />
        </Field>
      </fieldset>
    </>
  );
}
