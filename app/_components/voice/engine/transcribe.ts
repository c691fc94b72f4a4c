import { apiErrorFrom } from "../../api/errors";
import { apiPaths, hangUpCall, issueRealtimeTicket } from "../../api/routes";
import { MicCapture } from "./audio";
import { toVoiceError, type VoiceError } from "./errors";
import { openMicrophone } from "./microphone";

// Transcription-only calls: the microphone goes to a `transcription` session through the
// dashboard's relay (mode=transcription), and the data channel brings back the transcript.
// No Agents SDK: there is no agent, no tools and no reply. Loaded with import() on Start.

export interface TranscriptLine {
  id: string;
  text: string;
  /** False while deltas still arrive for it. */
  final: boolean;
}

export interface TranscribeCallbacks {
  onLine(line: TranscriptLine): void;
  onLevel(level: number): void;
  onDisconnected(): void;
  onError(error: VoiceError): void;
}

export interface TranscribeController {
  callId?: string;
  endsAt: number;
  stop(): Promise<void>;
}

const CHANNEL_OPEN_TIMEOUT_MS = 10_000;

function opened(channel: RTCDataChannel): Promise<void> {
  if (channel.readyState === "open") return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the data channel did not open")), CHANNEL_OPEN_TIMEOUT_MS);
    channel.addEventListener("open", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Posts the offer to the relay with a one-use ticket; the answer and the call id come back. */
async function relayOffer(sdp: string, ticket: string): Promise<{ answer: string; callId?: string }> {
  const url = new URL(apiPaths.realtimeCalls, window.location.origin);
  url.searchParams.set("mode", "transcription");
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/sdp", authorization: `Bearer ${ticket}` },
    body: sdp,
  });
  if (!res.ok) throw apiErrorFrom(res.status, await res.json().catch(() => null), res.headers.get("retry-after"));
  return { answer: await res.text(), callId: res.headers.get("location")?.split("/").pop() };
}

export async function startTranscription(callbacks: TranscribeCallbacks): Promise<TranscribeController> {
  const stream = await openMicrophone();
  const level = new MicCapture(stream, callbacks.onLevel);
  const pc = new RTCPeerConnection();
  for (const track of stream.getAudioTracks()) pc.addTrack(track, stream);
  const channel = pc.createDataChannel("oai-events");
  const texts = new Map<string, string>();
  channel.addEventListener("message", (message) => {
    let event: { type?: string; item_id?: string; delta?: string; transcript?: string; error?: unknown };
    try {
      event = JSON.parse(String(message.data));
    } catch {
      return;
    }
    const id = event.item_id ?? "";
    if (event.type === "conversation.item.input_audio_transcription.delta") {
      texts.set(id, (texts.get(id) ?? "") + (event.delta ?? ""));
      callbacks.onLine({ id, text: texts.get(id) ?? "", final: false });
    } else if (event.type === "conversation.item.input_audio_transcription.completed") {
      texts.set(id, event.transcript ?? "");
      callbacks.onLine({ id, text: event.transcript ?? "", final: true });
    }
  });

  let stopped = false;
  const close = () => {
    stopped = true;
    channel.close();
    pc.close();
    level.close();
    for (const track of stream.getTracks()) track.stop();
  };
  let callId: string | undefined;
  let endsAt: number;
  try {
    const { ticket, maxCallSeconds } = await issueRealtimeTicket();
    endsAt = Date.now() + maxCallSeconds * 1000;
    await pc.setLocalDescription(await pc.createOffer());
    const relayed = await relayOffer(pc.localDescription?.sdp ?? "", ticket);
    callId = relayed.callId;
    await pc.setRemoteDescription({ type: "answer", sdp: relayed.answer });
    await opened(channel);
  } catch (error) {
    close();
    if (callId) await hangUpCall(callId).catch(() => undefined);
    throw toVoiceError(error);
  }
  pc.addEventListener("connectionstatechange", () => {
    if (!stopped && (pc.connectionState === "failed" || pc.connectionState === "disconnected")) callbacks.onDisconnected();
  });
  channel.addEventListener("close", () => {
    if (!stopped) callbacks.onDisconnected();
  });
  return {
    callId,
    endsAt,
    async stop() {
      close();
      if (callId) await hangUpCall(callId).catch(() => undefined);
    },
  };
}
