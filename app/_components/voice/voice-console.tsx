"use client";

import { useState } from "react";
import { COUNTDOWN_SECONDS, formatClock } from "@/lib/realtime/call-length";
import { VOICES } from "@/lib/realtime/choices";
import { ApprovalCard } from "../connectors/approval-card";
import type { TransportKind } from "./engine/engine";
import { useConfirm } from "../ui/confirm-dialog";
import { EventLog } from "./event-log";
import { LevelMeter } from "./level-meter";
import { Transcript } from "./transcript";
import { useLeaveGuard } from "./use-leave-guard";
import { type SessionSettings, useVoiceSession, type VoiceName, type VoiceStatus } from "./use-voice-session";
import { VoiceErrorAlert } from "./voice-error";

const STATUS_LABEL: Record<VoiceStatus, string> = {
  idle: "Not connected",
  connecting: "Connecting…",
  connected: "Connected",
  lost: "Connection lost",
};
const STATUS_DOT: Record<VoiceStatus, string> = {
  idle: "bg-zinc-400",
  connecting: "bg-amber-500 animate-pulse",
  connected: "bg-emerald-500",
  lost: "bg-red-500",
};

export function VoiceConsole({
  settings,
  webSocketUrl,
  canManageKeys,
  clientSecretsAllowed,
  workspaceId,
  canSendEvents,
}: {
  settings: SessionSettings;
  webSocketUrl: string;
  canManageKeys: boolean;
  workspaceId: string;
  /** Admins may send raw client events from the event log (debugging). */
  canSendEvents: boolean;
  /** The workspace's admin opt-in: WebSocket mode hands the browser an OpenAI client secret. */
  clientSecretsAllowed: boolean;
}) {
  const session = useVoiceSession({ settings, webSocketUrl, workspaceId });
  const { status, error, transport, voice, muted, talking, pushToTalk } = session;
  const [showLog, setShowLog] = useState(false);
  const [text, setText] = useState("");
  const { confirm, dialog } = useConfirm();
  useLeaveGuard({ active: status === "connected" || status === "connecting", confirm, onLeave: session.stop });

  const connected = status === "connected";
  return (
    <div className="space-y-4">
      <section className="card space-y-4" aria-label="Session">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex items-center gap-2" data-testid="voice-status" data-status={status}>
            <span className={`size-2.5 rounded-full ${STATUS_DOT[status]}`} aria-hidden />
            <span role="status" className="font-medium">
              {STATUS_LABEL[status]}
            </span>
            {connected && session.connectMs !== null && <span className="muted text-xs">in {session.connectMs} ms</span>}
            {connected && session.speaking && <span className="muted text-xs">· assistant speaking</span>}
            {connected && session.secondsLeft !== null && session.secondsLeft <= COUNTDOWN_SECONDS && (
              <span
                role="timer"
                aria-label="Time left in this call"
                className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium tabular-nums text-amber-900 dark:bg-amber-900/40 dark:text-amber-200"
              >
                Call ends in {formatClock(session.secondsLeft)}
              </span>
            )}
          </div>
          <div className="flex flex-wrap gap-2">
            {status === "idle" || status === "lost" ? (
              <button type="button" className="btn-primary" onClick={session.start}>
                {status === "lost" ? "Reconnect" : "Start"}
              </button>
            ) : (
              <button type="button" className="btn-danger" onClick={session.stop} disabled={status === "connecting"}>
                Stop
              </button>
            )}
          </div>
        </div>
        {connected && (
          <div className="flex flex-wrap items-center gap-2">
            <LevelMeter level={session.level} muted={muted || (pushToTalk && !talking)} />
            <button type="button" className="btn-secondary" aria-pressed={muted} onClick={session.toggleMute}>
              {muted ? "Unmute" : "Mute"}
            </button>
            <button type="button" className="btn-secondary" onClick={session.interrupt}>
              Interrupt
            </button>
            {pushToTalk && (
              <button
                type="button"
                className={talking ? "btn-primary" : "btn-secondary"}
                aria-pressed={talking}
                onPointerDown={() => session.talk(true)}
                onPointerUp={() => session.talk(false)}
              >
                {talking ? "Listening…" : "Hold to talk (or Space)"}
              </button>
            )}
          </div>
        )}
        {session.reachedLimit && (
          <p role="status" className="muted text-sm">
            The call reached this workspace's maximum length and was ended. Press Start to begin a new one.
          </p>
        )}
        {error && <VoiceErrorAlert error={error} onRetry={session.start} canManageKeys={canManageKeys} />}
        <details className="text-sm">
          <summary className="muted cursor-pointer">Advanced</summary>
          <div className="mt-3 grid gap-3 sm:grid-cols-2">
            <div>
              <label htmlFor="voice-transport" className="label">
                Transport
              </label>
              <select
                id="voice-transport"
                className="input"
                value={transport}
                disabled={status !== "idle"}
                onChange={(e) => session.setTransport(e.target.value as TransportKind)}
              >
                <option value="webrtc">WebRTC via the dashboard relay (default)</option>
                <option value="websocket" disabled={!clientSecretsAllowed}>
                  WebSocket with an OpenAI client secret{clientSecretsAllowed ? " (admin opt-in)" : " (off for this workspace)"}
                </option>
              </select>
              <p className="muted mt-1 text-xs" data-testid="websocket-mode-note">
                {clientSecretsAllowed
                  ? "WebSocket mode gives this browser a short-lived OpenAI credential (ek_…); an admin allowed it in Settings → Assistant."
                  : "WebSocket mode is off: it would give this browser an OpenAI credential (ek_…). An admin can allow it in Settings → Assistant."}
              </p>
            </div>
            <div>
              <label htmlFor="voice-voice" className="label">
                Voice
              </label>
              <select
                id="voice-voice"
                className="input"
                value={voice}
                disabled={status !== "idle"}
                onChange={(e) => session.setVoice(e.target.value as VoiceName)}
              >
                {VOICES.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </details>
      </section>

      {dialog}
      <section className="card min-w-0 space-y-4" aria-label="Conversation">
        {status !== "connected" && session.endedAt !== null && session.items.length > 0 && (
          <p className="muted text-xs" data-testid="last-call">
            Transcript of the last call, ended at {new Date(session.endedAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}
            . It stays here until you start another call.
          </p>
        )}
        <Transcript items={session.items} toolCalls={session.toolCalls} streaming={session.streaming} />
        {session.approvals.length > 0 && (
          <div className="space-y-3">
            {session.approvals.map((approval) => (
              <ApprovalCard key={approval.id} approval={approval} onDecide={(approve) => void session.decide(approval.id, approve)} />
            ))}
          </div>
        )}
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!text.trim()) return;
            session.sendMessage(text.trim());
            setText("");
          }}
        >
          <label htmlFor="voice-text" className="sr-only">
            Message
          </label>
          <input
            id="voice-text"
            className="input"
            placeholder={connected ? "Type a message…" : "Start a session to type"}
            value={text}
            disabled={!connected}
            maxLength={2000}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="btn-primary shrink-0" disabled={!connected || !text.trim()}>
            Send
          </button>
        </form>
      </section>

      <div className="flex justify-end">
        <button type="button" className="btn-secondary" aria-expanded={showLog} onClick={() => setShowLog(!showLog)}>
          {showLog ? "Hide event log" : "Show event log"}
        </button>
      </div>
      {showLog && (
        <EventLog
          events={session.events}
          onClear={session.clearEvents}
          onSend={canSendEvents ? session.sendRawEvent : undefined}
          connected={connected}
        />
      )}
    </div>
  );
}
