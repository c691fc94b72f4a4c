"use client";

import type { RealtimeItem } from "@openai/agents/realtime";
import { useCallback, useEffect, useRef, useState } from "react";
import { timeLeft } from "@/lib/realtime/call-length";
import type { AssistantSettings } from "@/lib/realtime/policy";
import type { BrowserSession } from "@/lib/realtime/session-config";
import type { TransportKind, VoiceController, VoiceOptions } from "./engine/engine";
import type { VoiceError } from "./engine/errors";
import type { LoggedEvent } from "./event-log";
import type { ToolCallView } from "./transcript";

export type VoiceStatus = "idle" | "connecting" | "connected" | "lost";

// A disconnect this close to the deadline is the server hanging up on time, not a lost connection.
const DEADLINE_SLACK_MS = 3_000;
const pastDeadline = (endsAt: number | null) => endsAt !== null && Date.now() >= endsAt - DEADLINE_SLACK_MS;
export type VoiceName = NonNullable<VoiceOptions["voice"]>;
export type SessionSettings = Pick<AssistantSettings, "model" | "voice" | "instructions" | "enabledTools" | "turnDetection"> & {
  /** The rest of the policy, as the browser's own session.update must carry it (lib/realtime/session-config.ts). */
  session: BrowserSession;
};

function toolError(result: string): string | undefined {
  try {
    const parsed = JSON.parse(result);
    return parsed && typeof parsed.error === "string" ? parsed.error : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One voice session with the assistant: connecting and disconnecting, the transcript, tool calls
 * and raw events as they stream, errors, and the microphone (mute, push-to-talk on Space). The
 * engine and the Agents SDK load on the first start, so the page stays light until then.
 */
export function useVoiceSession({ settings, webSocketUrl }: { settings: SessionSettings; webSocketUrl: string }) {
  const [status, setStatus] = useState<VoiceStatus>("idle");
  const [error, setError] = useState<VoiceError | null>(null);
  const [transport, setTransport] = useState<TransportKind>("webrtc");
  const [voice, setVoice] = useState<VoiceName>(settings.voice);
  const [items, setItems] = useState<RealtimeItem[]>([]);
  const [toolCalls, setToolCalls] = useState<ToolCallView[]>([]);
  const [streaming, setStreaming] = useState("");
  const [events, setEvents] = useState<LoggedEvent[]>([]);
  const [level, setLevel] = useState(0);
  const [muted, setMuted] = useState(false);
  const [talking, setTalking] = useState(false);
  const [speaking, setSpeaking] = useState(false);
  const [connectMs, setConnectMs] = useState<number | null>(null);
  const [endsAt, setEndsAt] = useState<number | null>(null);
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const [reachedLimit, setReachedLimit] = useState(false);
  const controller = useRef<VoiceController | null>(null);
  const endsAtRef = useRef<number | null>(null);
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
    setReachedLimit(false);
    setEndsAt(null);
    endsAtRef.current = null;
    try {
      const { startVoice } = await import("./engine/engine");
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
          onDisconnected: () => {
            if (!pastDeadline(endsAtRef.current)) return setStatus("lost");
            void controller.current?.stop();
            controller.current = null;
            setReachedLimit(true);
            setStatus("idle");
          },
          // The transport reports the server's hang-up at the deadline as an error too; the page says why instead.
          onError: (err) => {
            if (!pastDeadline(endsAtRef.current)) setError(err);
          },
        },
      });
      setConnectMs(Math.round(performance.now() - startedAt));
      endsAtRef.current = controller.current.endsAt ?? null;
      setEndsAt(endsAtRef.current);
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

  // The time left, refreshed twice a second while a capped call is up; the page shows it in the last minute.
  useEffect(() => {
    if (status !== "connected" || endsAt === null) {
      setSecondsLeft(null);
      return;
    }
    const tick = () => setSecondsLeft(timeLeft(endsAt, Date.now()).seconds);
    tick();
    const timer = setInterval(tick, 500);
    return () => clearInterval(timer);
  }, [status, endsAt]);

  const talk = useCallback((held: boolean) => {
    setTalking(held);
    controller.current?.talk(held);
  }, []);

  // Push-to-talk on the keyboard: hold Space (outside text fields).
  useEffect(() => {
    if (!pushToTalk || status !== "connected") return;
    const isTyping = (e: KeyboardEvent) => e.target instanceof HTMLElement && e.target.closest("input, textarea, select, button");
    const down = (e: KeyboardEvent) => {
      if (e.code !== "Space" || e.repeat || isTyping(e)) return;
      e.preventDefault();
      talk(true);
    };
    const up = (e: KeyboardEvent) => {
      if (e.code !== "Space" || isTyping(e)) return;
      talk(false);
    };
    window.addEventListener("keydown", down);
    window.addEventListener("keyup", up);
    return () => {
      window.removeEventListener("keydown", down);
      window.removeEventListener("keyup", up);
    };
  }, [pushToTalk, status, talk]);

  return {
    status,
    error,
    connectMs,
    /** Seconds until the server hangs up; null without a cap or when not connected. */
    secondsLeft,
    /** The last call ended because it reached the workspace's maximum length. */
    reachedLimit,
    transport,
    setTransport,
    voice,
    setVoice,
    items,
    toolCalls,
    streaming,
    events,
    clearEvents: () => setEvents([]),
    level,
    speaking,
    muted,
    toggleMute: () => {
      controller.current?.setMuted(!muted);
      setMuted(!muted);
    },
    pushToTalk,
    talking,
    talk,
    interrupt: () => controller.current?.interrupt(),
    sendMessage: (text: string) => controller.current?.sendMessage(text),
    start,
    stop,
  };
}
