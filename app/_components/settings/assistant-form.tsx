"use client";

import { useState } from "react";
import { formatClock, MAX_CALL_SECONDS, MIN_CALL_SECONDS } from "@/lib/realtime/call-length";
import { REALTIME_MODELS, TURN_DETECTION, TURN_DETECTION_LABELS, VOICES } from "@/lib/realtime/choices";
import type { AssistantSettings } from "@/lib/realtime/policy";
import { TOOL_LABELS, TOOL_NAMES } from "@/lib/realtime/tool-specs";
import { saveAssistantSettings } from "../api/routes";
import { useMutation } from "../api/use-mutation";
import { Feedback } from "../ui/feedback";
import { SessionOptionsFields, SpeedField, TurnDetectionFields } from "./session-options-fields";

export function AssistantSettingsForm({
  workspaceId,
  initial,
  canEdit,
  deploymentCallCapSeconds,
}: {
  workspaceId: string;
  initial: AssistantSettings;
  canEdit: boolean;
  /** This deployment's own limit on calls (Vercel's function life, REALTIME_MAX_CALL_SECONDS_CAP), if any. */
  deploymentCallCapSeconds: number | null;
}) {
  const [s, setS] = useState(initial);
  const { pending, error, message, run } = useMutation();
  const set = <K extends keyof AssistantSettings>(key: K, value: AssistantSettings[K]) => setS((prev) => ({ ...prev, [key]: value }));
  return (
    <form
      className="card space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          await saveAssistantSettings({ workspaceId, ...s });
          return "Assistant settings saved. New sessions use them.";
        });
      }}
    >
      <fieldset disabled={!canEdit} className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="assistant-model" className="label">
            Model
          </label>
          <select
            id="assistant-model"
            className="input"
            value={s.model}
            onChange={(e) => set("model", e.target.value as AssistantSettings["model"])}
          >
            {REALTIME_MODELS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="assistant-voice" className="label">
            Default voice
          </label>
          <select
            id="assistant-voice"
            className="input"
            value={s.voice}
            onChange={(e) => set("voice", e.target.value as AssistantSettings["voice"])}
          >
            {VOICES.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </div>
        <SpeedField s={s} set={set} />
        <div>
          <label htmlFor="assistant-turns" className="label">
            Turn detection
          </label>
          <select
            id="assistant-turns"
            className="input"
            value={s.turnDetection}
            onChange={(e) => set("turnDetection", e.target.value as AssistantSettings["turnDetection"])}
          >
            {TURN_DETECTION.map((t) => (
              <option key={t} value={t}>
                {TURN_DETECTION_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
        <TurnDetectionFields s={s} set={set} />
        <div>
          <label htmlFor="assistant-lifetime" className="label">
            Session lifetime (seconds, 60–7200)
          </label>
          <input
            id="assistant-lifetime"
            type="number"
            min={60}
            max={7200}
            className="input"
            value={s.expiresAfterSeconds}
            onChange={(e) => set("expiresAfterSeconds", Number(e.target.value))}
          />
        </div>
        <div>
          <label htmlFor="assistant-max-call" className="label">
            Maximum call length (seconds, {MIN_CALL_SECONDS}–{MAX_CALL_SECONDS})
          </label>
          <input
            id="assistant-max-call"
            type="number"
            min={MIN_CALL_SECONDS}
            max={MAX_CALL_SECONDS}
            className="input"
            aria-describedby="assistant-max-call-hint"
            value={s.maxCallSeconds}
            onChange={(e) => set("maxCallSeconds", Number(e.target.value))}
          />
          <p id="assistant-max-call-hint" className="muted mt-1 text-xs">
            The server hangs up then; the caller sees the time left in the last minute.
            {deploymentCallCapSeconds !== null && deploymentCallCapSeconds < s.maxCallSeconds && (
              <> This deployment ends calls after {formatClock(deploymentCallCapSeconds)} anyway.</>
            )}
          </p>
        </div>
        <div className="sm:col-span-2">
          <label htmlFor="assistant-instructions" className="label">
            Instructions
          </label>
          <textarea
            id="assistant-instructions"
            className="input min-h-32"
            maxLength={4000}
            value={s.instructions}
            onChange={(e) => set("instructions", e.target.value)}
          />
        </div>
        <SessionOptionsFields s={s} set={set} />
        <fieldset className="sm:col-span-2">
          <legend className="label">Tools</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {TOOL_NAMES.map((name) => (
              <label key={name} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={s.enabledTools.includes(name)}
                  onChange={(e) =>
                    set("enabledTools", e.target.checked ? [...s.enabledTools, name] : s.enabledTools.filter((t) => t !== name))
                  }
                />
                {TOOL_LABELS[name]} <code className="muted text-xs">{name}</code>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="sm:col-span-2 space-y-1 rounded-lg border border-amber-300 p-3 dark:border-amber-900">
          <legend className="label px-1">OpenAI credentials outside the server (admin opt-in)</legend>
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              className="mt-0.5"
              checked={s.clientSecretsAllowed ?? false}
              onChange={(e) => set("clientSecretsAllowed", e.target.checked)}
            />
            <span>
              Hand out OpenAI client secrets (<code>ek_…</code>): the Voice page's WebSocket mode and{" "}
              <code>POST /api/v1/realtime/token</code> for SDK and mobile clients.
            </span>
          </label>
          <p className="muted">
            Off by default: then no OpenAI credential of any kind reaches a browser — voice sessions go through the dashboard (WebRTC
            relay). A client secret is short-lived, but whoever holds it (a browser extension, a script on the page) can use it on this
            workspace's key until it expires.
          </p>
        </fieldset>
      </fieldset>
      {canEdit ? (
        <button type="submit" className="btn-primary" disabled={pending}>
          Save assistant settings
        </button>
      ) : (
        <p className="muted">Only admins and owners can change the assistant.</p>
      )}
      <Feedback error={error} message={message} />
    </form>
  );
}
