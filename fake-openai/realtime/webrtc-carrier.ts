import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket } from "werift";
import { randomId } from "../http-util";
import type { FakeState, LiveCall } from "../state";
import { decodeMuLaw, MU_LAW_SILENCE, pcm24kToMuLaw8k } from "./audio";
import { type AudioOutput, SessionEngine, type ServerEvent } from "./session-engine";
import type { RealtimeSessionConfig } from "./session-config";

const PCMU_PAYLOAD_TYPE = 0;
const SAMPLES_PER_PACKET = 160; // 20 ms at 8 kHz
const PACKET_MS = 20;

/**
 * Plays reply audio as a continuous PCMU RTP stream (silence between replies, so the browser's
 * remote track stays live) and reports output_audio_buffer.started/stopped like the API does.
 */
class RtpAudioOutput implements AudioOutput {
  private queue: number[] = [];
  private playing: { responseId: string; itemId: string } | undefined;
  private sequence = Math.floor(Math.random() * 0xffff);
  private timestamp = Math.floor(Math.random() * 0xffffffff);
  private readonly timer: NodeJS.Timeout;
  engine: SessionEngine | undefined;

  constructor(private readonly track: MediaStreamTrack) {
    this.timer = setInterval(() => this.tick(), PACKET_MS);
  }

  play(responseId: string, itemId: string, samples: Int16Array) {
    if (!this.playing) {
      this.playing = { responseId, itemId };
      this.engine?.emit({ type: "output_audio_buffer.started", response_id: responseId });
    }
    for (const byte of pcm24kToMuLaw8k(samples)) this.queue.push(byte);
  }

  clear() {
    this.queue = [];
    this.playing = undefined;
  }

  private tick() {
    const payload = Buffer.alloc(SAMPLES_PER_PACKET, MU_LAW_SILENCE);
    const take = this.queue.splice(0, SAMPLES_PER_PACKET);
    for (let i = 0; i < take.length; i++) payload[i] = take[i] as number;
    if (this.playing && this.queue.length === 0) {
      this.engine?.emit({ type: "output_audio_buffer.stopped", response_id: this.playing.responseId });
      this.playing = undefined;
    }
    this.sequence = (this.sequence + 1) & 0xffff;
    this.timestamp = (this.timestamp + SAMPLES_PER_PACKET) >>> 0;
    const header = new RtpHeader({
      payloadType: PCMU_PAYLOAD_TYPE,
      sequenceNumber: this.sequence,
      timestamp: this.timestamp,
      marker: false,
    });
    this.track.writeRtp(new RtpPacket(header, payload));
  }

  stop() {
    clearInterval(this.timer);
  }
}

export interface CallRequest {
  offerSdp: string;
  config: RealtimeSessionConfig;
  sessionId?: string;
}

/**
 * Realtime over WebRTC: werift answers the offer with PCMU audio both ways; the `oai-events`
 * data channel and any sideband WebSockets share one SessionEngine.
 */
export async function startCall(state: FakeState, request: CallRequest): Promise<{ id: string; answerSdp: string }> {
  const id = randomId("rtc_", 24);
  const pc = new RTCPeerConnection({
    codecs: {
      audio: [new RTCRtpCodecParameters({ mimeType: "audio/PCMU", clockRate: 8000, channels: 1, payloadType: PCMU_PAYLOAD_TYPE })],
    },
  });
  const outTrack = new MediaStreamTrack({ kind: "audio" });
  const output = new RtpAudioOutput(outTrack);
  const engine = new SessionEngine({
    config: request.config,
    ...(request.sessionId ? { sessionId: request.sessionId } : {}),
    transcript: () => state.transcript,
    audioOutput: output,
  });
  output.engine = engine;
  const sidebandClosers = new Set<() => void>();

  const hangup = () => {
    if (!state.calls.has(id)) return;
    state.calls.delete(id);
    output.stop();
    engine.close();
    for (const close of sidebandClosers) close();
    void pc.close();
  };

  pc.addTransceiver(outTrack, { direction: "sendrecv" });
  pc.onTrack.subscribe((track) => {
    track.onReceiveRtp.subscribe((rtp) => {
      if (rtp.header.payloadType === PCMU_PAYLOAD_TYPE) engine.appendAudio(decodeMuLaw(rtp.payload), 8000);
    });
  });
  pc.onDataChannel.subscribe((dc) => {
    if (dc.label !== "oai-events") return;
    const send = (event: ServerEvent) => {
      if (dc.readyState === "open") dc.send(JSON.stringify(event));
    };
    engine.subscribe(send);
    dc.onMessage.subscribe((data) => {
      state.logClientEvent(id, data.toString());
      engine.handleMessage(data.toString());
    });
    // The channel can already be open when it is announced; session.created goes first either way.
    const opened = () => {
      send(engine.sessionCreatedEvent());
      engine.goLive();
    };
    if (dc.readyState === "open") opened();
    dc.stateChanged.subscribe((s) => {
      if (s === "open") opened();
      // The peer going away ends the call, as it does with the API.
      if (s === "closed") hangup();
    });
  });
  pc.connectionStateChange.subscribe((s) => {
    if (s === "failed" || s === "closed") hangup();
  });

  const call: LiveCall = {
    id,
    hangup,
    accept: (session) => engine.applySession(session),
    attachSideband: (send, onClose) => {
      const unsubscribe = engine.subscribe(send);
      const close = () => {
        unsubscribe();
        onClose();
      };
      sidebandClosers.add(close);
      send(engine.sessionCreatedEvent());
      return (raw) => engine.handleMessage(raw);
    },
  };
  state.calls.set(id, call);
  try {
    await pc.setRemoteDescription({ type: "offer", sdp: request.offerSdp });
    await pc.setLocalDescription(await pc.createAnswer());
  } catch (error) {
    hangup();
    throw error;
  }
  const answerSdp = pc.localDescription?.sdp;
  if (!answerSdp) {
    hangup();
    throw new Error("werift produced no local description");
  }
  return { id, answerSdp };
}
