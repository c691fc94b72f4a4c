"use client";

import type { RealtimeItem } from "@openai/agents/realtime";
import { useCallback, useEffect, useRef, useState } from "react";
import { timeLeft } from "@/lib/realtime/call-length";
import type { AssistantSettings } from "@/lib/realtime/policy";
import type { BrowserSession } from "@/lib/realtime/session-config";
import type { ApprovalView } from "../connectors/approval-card";
import type { McpApprovalRequest, TransportKind, VoiceController, VoiceOptions } from "./engine/engine";
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

/**
 * The last call's transcript, kept in this tab's memory (never stored) so that it is still there
 * after leaving the Voice page and coming back, until the next call starts or the tab reloads.
 */
const lastCall: { workspace: string; items: RealtimeItem[]; toolCalls: ToolCallView[]; endedAt: number | null } = {
  workspace: "",
  items: [],
  toolCalls: [],
  endedAt: null,
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
export function useVoiceSession({
  settings,
  webSocketUrl,
  workspaceId,
}: {
  settings: SessionSettings;
  webSocketUrl: string;
  /** Whose last call the page may show again. */
  workspaceId: string;
}) {
  const kept = lastCall.workspace === workspaceId ? lastCall : null;
  const [status, setStatus] = useState<VoiceStatus>("idle");
  const [error, setError] = useState<VoiceError | null>(null);
  const [transport, setTransport] = useState<TransportKind>("webrtc");
  const [voice, setVoice] = useState<VoiceName>(settings.voice);
  const [items, setItems] = useState<RealtimeItem[]>(() => kept?.items ?? []);
  const [toolCalls, setToolCalls] = useState<ToolCallView[]>(() => kept?.toolCalls ?? []);
  const [endedAt, setEndedAt] = useState<number | null>(() => kept?.endedAt ?? null);
  const [approvals, setApprovals] = useState<ApprovalView[]>([]);
  const pendingApprovals = useRef(new Map<string, McpApprovalRequest>());
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
    setEndedAt(null);
    setApprovals([]);
    pendingApprovals.current.clear();
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
          onApprovalRequest: (request) => {
            pendingApprovals.current.set(request.id, request);
            setApprovals((list) => [
              ...list,
              { id: request.id, server: request.server, tool: request.tool, arguments: request.arguments, status: "pending" },
            ]);
          },
          onMcpCall: (result) =>
            setApprovals((list) =>
              list.map((a) =>
                a.id === result.approvalId
                  ? { ...a, status: result.error ? "failed" : "done", result: result.error ?? result.output ?? "" }
                  : a,
              ),
            ),
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
            setEndedAt(Date.now());
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
    if (current) setEndedAt(Date.now());
    setStatus("idle");
    setLevel(0);
    setSpeaking(false);
    await current?.stop();
  }, []);

  useEffect(() => () => void controller.current?.stop(), []);

  // Whatever the call said so far, for the next visit of this page in this tab.
  useEffect(() => {
    Object.assign(lastCall, { workspace: workspaceId, items, toolCalls, endedAt: endedAt ?? (items.length ? Date.now() : null) });
  }, [workspaceId, items, toolCalls, endedAt]);

  const sendRawEvent = useCallback((event: { type: string } & Record<string, unknown>) => {
    if (!controller.current) return;
    controller.current.sendRawEvent(event);
    const entry = { seq: seq.current++, at: Date.now(), type: event.type, raw: JSON.stringify(event, null, 2), direction: "sent" as const };
    setEvents((list) => [...list, entry]);
  }, []);

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

  /** Approves or denies a remote tool call: the answer goes to OpenAI as an mcp_approval_response. */
  const decide = useCallback(async (approvalId: string, approve: boolean) => {
    const request = pendingApprovals.current.get(approvalId);
    if (!request) return;
    pendingApprovals.current.delete(approvalId);
    const mark = (status: ApprovalView["status"]) =>
      setApprovals((list) => list.map((a) => (a.id === approvalId && a.status !== "done" && a.status !== "failed" ? { ...a, status } : a)));
    mark("sending");
    try {
      await request.decide(approve);
      mark(approve ? "approved" : "denied");
    } catch {
      pendingApprovals.current.set(approvalId, request);
      mark("pending");
    }
  }, []);

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
    approvals,
    decide,
    streaming,
    /** When the call shown in the transcript ended; null while one is up or before any. */
    endedAt,
    events,
    clearEvents: () => setEvents([]),
    sendRawEvent,
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
