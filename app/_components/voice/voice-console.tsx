"use client";

import type { RealtimeItem } from "@openai/agents/realtime";
import { useCallback, useEffect, useRef, useState } from "react";
import type { TransportKind, VoiceController } from "@/lib/realtime/client/engine";
import type { VoiceError } from "@/lib/realtime/client/errors";
import { VOICES } from "@/lib/realtime/choices";
import type { AssistantSettings } from "@/lib/realtime/policy";
import { EventLog, type LoggedEvent } from "./event-log";
import { LevelMeter } from "./level-meter";
import { Transcript, type ToolCallView } from "./transcript";
import { VoiceErrorAlert } from "./voice-error";

type Status = "idle" | "connecting" | "connected" | "lost";

const STATUS_LABEL: Record<Status, string> = { idle: "Not connected", connecting: "Connecting…", connected: "Connected", lost: "Connection lost" };
const STATUS_DOT: Record<Status, string> = { idle: "bg-zinc-400", connecting: "bg-amber-500 animate-pulse", connected: "bg-emerald-500", lost: "bg-red-500" };

function toolError(result: string): string | undefined {
  try {
    const parsed = JSON.parse(result);
    return parsed && typeof parsed.error === "string" ? parsed.error : undefined;
  } catch {
    return undefined;
  }
}

export function VoiceConsole({
  settings,
  webSocketUrl,
  canManageKeys,
  clientSecretsAllowed,
}: {
  settings: Pick<AssistantSettings, "model" | "voice" | "instructions" | "enabledTools" | "turnDetection">;
  webSocketUrl: string;
  canManageKeys: boolean;
  /** The workspace's admin opt-in: WebSocket mode hands the browser an OpenAI client secret. */
  clientSecretsAllowed: boolean;
}) {
  const [status, setStatus] = useState<Status>("idle");
  const [error, setError] = useState<VoiceError | null>(null);
  const [transport, setTransport] = useState<TransportKind>("webrtc");
  const [voice, setVoice] = useState<string>(settings.voice);
  const [items, setItems] = useState<RealtimeItem[]>([]);
  const [toolCalls, setToolCalls] = useState<ToolCallView[]>([]);
  const [streaming, setStreaming] = useState("");
  const [events, setEvents] = useState<LoggedEvent[]>([]);
  const [showLog, setShowLog] = useState(false);
  const [level, setLevel] = useState(0);
  const [muted, setMuted] = useState(false);
  const [talking, setTalking] = useState(false);
  const [speaking, setSpeaking] = useState(false);
  const [text, setText] = useState("");
  const [connectMs, setConnectMs] = useState<number | null>(null);
  const controller = useRef<VoiceController | null>(null);
  const seq = useRef(0);
  const pushToTalk = settings.turnDetection === "none";

  const start = useCallback(async () => {
    const startedAt = performance.now();
    setError(null);
    setStatus("connecting");
    setItems([]);
    setToolCalls([]);
    setStreaming("");
    setMuted(false);
    try {
      const { startVoice } = await import("@/lib/realtime/client/engine");
      controller.current = await startVoice({
        transport,
        settings,
        voice,
        webSocketUrl,
        callbacks: {
          onHistory: setItems,
          onToolStart: (call) => setToolCalls((list) => [...list, call]),
          onToolEnd: (callId, result) =>
            setToolCalls((list) =>
              list.map((c) => (c.callId === callId ? { ...c, result, error: toolError(result), durationMs: Date.now() - c.startedAt } : c)),
            ),
          onEvent: (event) => {
            if (event.type === "response.output_audio_transcript.delta" || event.type === "response.output_text.delta")
              setStreaming((s) => s + String(event.delta ?? ""));
            if (event.type === "response.created") setStreaming("");
            const entry = { seq: seq.current++, at: Date.now(), type: event.type, raw: JSON.stringify(event, null, 2) };
            setEvents((list) => (list.length >= 500 ? [...list.slice(-400), entry] : [...list, entry]));
          },
          onLevel: setLevel,
          onSpeaking: setSpeaking,
          onDisconnected: () => setStatus("lost"),
          onError: setError,
        },
      });
      setConnectMs(Math.round(performance.now() - startedAt));
      setStatus("connected");
    } catch (err) {
      setStatus("idle");
      setError(err as VoiceError);
    }
  }, [transport, settings, voice, webSocketUrl]);

  const stop = useCallback(async () => {
    const current = controller.current;
    controller.current = null;
    setStatus("idle");
    setLevel(0);
    setSpeaking(false);
    await current?.stop();
  }, []);

  useEffect(() => () => void controller.current?.stop(), []);

  // Push-to-talk on the keyboard: hold Space (outside text fields).
  useEffect(() => {
    if (!pushToTalk || status !== "connected") return;
    const isTyping = (e: KeyboardEvent) => e.target instanceof HTMLElement && e.target.closest("input, textarea, select, button");
    const down = (e: KeyboardEvent) => {
      if (e.code !== "Space" || e.repeat || isTyping(e)) return;
      e.preventDefault();
      setTalking(true);
      controller.current?.talk(true);
    };
    const up = (e: KeyboardEvent) => {
      if (e.code !== "Space" || isTyping(e)) return;
      setTalking(false);
      controller.current?.talk(false);
    };
    window.addEventListener("keydown", down);
    window.addEventListener("keyup", up);
    return () => {
      window.removeEventListener("keydown", down);
      window.removeEventListener("keyup", up);
    };
  }, [pushToTalk, status]);

  const connected = status === "connected";
  return (
    <div className="space-y-4">
      <section className="card space-y-4" aria-label="Session">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex items-center gap-2" data-testid="voice-status" data-status={status}>
            <span className={`size-2.5 rounded-full ${STATUS_DOT[status]}`} aria-hidden />
            <span className="font-medium">{STATUS_LABEL[status]}</span>
            {connected && connectMs !== null && <span className="muted text-xs">in {connectMs} ms</span>}
            {connected && speaking && <span className="muted text-xs">· assistant speaking</span>}
          </div>
          <div className="flex flex-wrap gap-2">
            {status === "idle" || status === "lost" ? (
              <button type="button" className="btn-primary" onClick={start}>
                {status === "lost" ? "Reconnect" : "Start"}
              </button>
            ) : (
              <button type="button" className="btn-danger" onClick={stop} disabled={status === "connecting"}>
                Stop
              </button>
            )}
          </div>
        </div>
        {connected && (
          <div className="flex flex-wrap items-center gap-2">
            <LevelMeter level={level} muted={muted || (pushToTalk && !talking)} />
            <button
              type="button"
              className="btn-secondary"
              aria-pressed={muted}
              onClick={() => {
                controller.current?.setMuted(!muted);
                setMuted(!muted);
              }}
            >
              {muted ? "Unmute" : "Mute"}
            </button>
            <button type="button" className="btn-secondary" onClick={() => controller.current?.interrupt()}>
              Interrupt
            </button>
            {pushToTalk && (
              <button
                type="button"
                className={talking ? "btn-primary" : "btn-secondary"}
                aria-pressed={talking}
                onPointerDown={() => {
                  setTalking(true);
                  controller.current?.talk(true);
                }}
                onPointerUp={() => {
                  setTalking(false);
                  controller.current?.talk(false);
                }}
              >
                {talking ? "Listening…" : "Hold to talk (or Space)"}
              </button>
            )}
          </div>
        )}
        {error && <VoiceErrorAlert error={error} onRetry={start} canManageKeys={canManageKeys} />}
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
                onChange={(e) => setTransport(e.target.value as TransportKind)}
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
              <select id="voice-voice" className="input" value={voice} disabled={status !== "idle"} onChange={(e) => setVoice(e.target.value)}>
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

      <section className="card space-y-4" aria-label="Conversation">
        <Transcript items={items} toolCalls={toolCalls} streaming={streaming} />
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!text.trim()) return;
            controller.current?.sendMessage(text.trim());
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
      {showLog && <EventLog events={events} onClear={() => setEvents([])} />}
    </div>
  );
}
