"use client";

import { LevelMeter } from "./level-meter";
import { useTranscription } from "./use-transcription";
import { VoiceErrorAlert } from "./voice-error";

const STATUS_LABEL = { idle: "Not transcribing", connecting: "Connecting…", connected: "Transcribing", lost: "Connection lost" } as const;
const STATUS_DOT = {
  idle: "bg-zinc-400",
  connecting: "bg-amber-500 animate-pulse",
  connected: "bg-red-500 animate-pulse",
  lost: "bg-red-500",
} as const;

/** Transcription only: a live transcript of the microphone (a meeting, a call on speaker), and no replies. */
export function TranscribeConsole({ canManageKeys }: { canManageKeys: boolean }) {
  const { status, error, lines, level, start, stop } = useTranscription();
  const finished = lines.filter((l) => l.final && l.text.trim());
  return (
    <div className="space-y-4">
      <section className="card space-y-4" aria-label="Transcription">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex items-center gap-2" data-testid="transcribe-status" data-status={status}>
            <span className={`size-2.5 rounded-full ${STATUS_DOT[status]}`} aria-hidden />
            <span role="status" className="font-medium">
              {STATUS_LABEL[status]}
            </span>
          </div>
          {status === "idle" || status === "lost" ? (
            <button type="button" className="btn-primary" onClick={start}>
              {status === "lost" ? "Reconnect" : "Start transcribing"}
            </button>
          ) : (
            <button type="button" className="btn-danger" onClick={stop} disabled={status === "connecting"}>
              Stop
            </button>
          )}
        </div>
        {status === "connected" && <LevelMeter level={level} muted={false} />}
        {error && <VoiceErrorAlert error={error} onRetry={start} canManageKeys={canManageKeys} />}
        <p className="muted text-sm">
          The assistant only listens: nothing is answered and no tools run. Uses the workspace's transcription model and language (Settings
          → Assistant).
        </p>
      </section>
      <section className="card space-y-3" aria-label="Live transcript">
        <div className="flex items-center justify-between gap-2">
          <h2 className="font-semibold">Live transcript</h2>
          <button
            type="button"
            className="btn-secondary px-2.5 py-1.5 text-xs"
            disabled={finished.length === 0}
            onClick={() => void navigator.clipboard?.writeText(finished.map((l) => l.text.trim()).join("\n"))}
          >
            Copy
          </button>
        </div>
        {lines.length === 0 ? (
          <p className="muted py-6 text-center text-sm">Start, and what is said appears here, sentence by sentence.</p>
        ) : (
          <ol className="space-y-2" data-testid="live-transcript">
            {lines.map((line) => (
              <li key={line.id} className={`break-words ${line.final ? "" : "muted italic"}`} data-final={line.final}>
                {line.text}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
