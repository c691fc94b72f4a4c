"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { VoiceError } from "./engine/errors";
import type { TranscribeController, TranscriptLine } from "./engine/transcribe";
import type { VoiceStatus } from "./use-voice-session";

/** A transcription-only call: start, stop, the live lines and the mic level; the engine loads on Start. */
export function useTranscription() {
  const [status, setStatus] = useState<VoiceStatus>("idle");
  const [error, setError] = useState<VoiceError | null>(null);
  const [lines, setLines] = useState<TranscriptLine[]>([]);
  const [level, setLevel] = useState(0);
  const controller = useRef<TranscribeController | null>(null);

  const start = useCallback(async () => {
    setError(null);
    setStatus("connecting");
    setLines([]);
    try {
      const { startTranscription } = await import("./engine/transcribe");
      controller.current = await startTranscription({
        onLine: (line) =>
          setLines((list) => (list.some((l) => l.id === line.id) ? list.map((l) => (l.id === line.id ? line : l)) : [...list, line])),
        onLevel: setLevel,
        onDisconnected: () => setStatus("lost"),
        onError: setError,
      });
      setStatus("connected");
    } catch (err) {
      setStatus("idle");
      setError(err as VoiceError);
    }
  }, []);

  const stop = useCallback(async () => {
    const current = controller.current;
    controller.current = null;
    setStatus("idle");
    setLevel(0);
    await current?.stop();
  }, []);

  useEffect(() => () => void controller.current?.stop(), []);

  return { status, error, lines, level, start, stop };
}
