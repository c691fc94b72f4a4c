"use client";

import { type ReactNode, useState } from "react";

const MODES = [
  { id: "assistant", label: "Assistant" },
  { id: "transcription", label: "Transcribe only" },
] as const;

/** The Voice page's two modes; switching ends the other mode's session (its console unmounts). */
export function VoiceModes({ assistant, transcription }: { assistant: ReactNode; transcription: ReactNode }) {
  const [mode, setMode] = useState<(typeof MODES)[number]["id"]>("assistant");
  return (
    <div className="space-y-4">
      <fieldset className="inline-flex rounded-lg border border-zinc-200 p-0.5 dark:border-zinc-800">
        <legend className="sr-only">Mode</legend>
        {MODES.map((m) => (
          <button
            key={m.id}
            type="button"
            aria-pressed={mode === m.id}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${mode === m.id ? "bg-indigo-600 text-white" : "text-zinc-700 dark:text-zinc-300"}`}
            onClick={() => setMode(m.id)}
          >
            {m.label}
          </button>
        ))}
      </fieldset>
      {mode === "assistant" ? assistant : transcription}
    </div>
  );
}
