import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket } from "werift";
import WebSocket from "ws";
import { type FakeOpenAI, startFakeOpenAI } from "./index";
import { pcm24kToMuLaw8k, synthesizeSpeech } from "./realtime/audio";

let fake: FakeOpenAI;
let openai: OpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI({ transcript: "how is the proxy health?" });
  openai = new OpenAI({ apiKey: "sk-proj-server-1234", baseURL: fake.baseURL, maxRetries: 0 });
});
afterAll(() => fake.close());

async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

type Event = { type: string } & Record<string, unknown>;

/** A werift peer standing in for a browser: PCMU mic track + oai-events channel. */
async function makePeer() {
  const pc = new RTCPeerConnection({
    codecs: { audio: [new RTCRtpCodecParameters({ mimeType: "audio/PCMU", clockRate: 8000, channels: 1, payloadType: 0 })] },
  });
  const mic = new MediaStreamTrack({ kind: "audio" });
  pc.addTransceiver(mic, { direction: "sendrecv" });
  let rtpReceived = 0;
  pc.onTrack.subscribe((track) => track.onReceiveRtp.subscribe(() => rtpReceived++));
  const dc = pc.createDataChannel("oai-events");
  const events: Event[] = [];
  dc.onMessage.subscribe((m) => events.push(JSON.parse(m.toString())));
  await pc.setLocalDescription(await pc.createOffer());
  const offer = pc.localDescription?.sdp ?? "";
  return {
    pc,
    dc,
    events,
    offer,
    rtpReceived: () => rtpReceived,
    async answer(sdp: string) {
      await pc.setRemoteDescription({ type: "answer", sdp });
      await waitFor(() => dc.readyState === "open");
    },
    /** Streams µ-law RTP in real time, like a microphone. */
    async speak(samples: Int16Array) {
      const ulaw = pcm24kToMuLaw8k(samples);
      let seq = 1;
      for (let i = 0; i < ulaw.length; i += 160) {
        const header = new RtpHeader({ payloadType: 0, sequenceNumber: seq++, timestamp: i });
        mic.writeRtp(new RtpPacket(header, Buffer.from(ulaw.subarray(i, i + 160))));
        await new Promise((r) => setTimeout(r, 5));
      }
    },
  };
}

describe("Realtime over WebRTC", () => {
  it("server form (multipart sdp + session, sk- key): answer, data channel, sideband, audio track, hangup", async () => {
    const peer = await makePeer();
    const response = await openai.realtime.calls.create({
      sdp: peer.offer,
      session: { type: "realtime", model: "gpt-realtime", instructions: "Server configured." },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toBe("application/sdp");
    const location = response.headers.get("location") ?? "";
    expect(location).toMatch(/^\/v1\/realtime\/calls\/rtc_/);
    const callId = location.split("/").pop() ?? "";
    await peer.answer(await response.text());

    const created = await waitFor(() => peer.events.find((e) => e.type === "session.created"));
    expect(created.session).toMatchObject({ instructions: "Server configured." });

    await openai.realtime.calls.accept(callId, { type: "realtime", model: "gpt-realtime", instructions: "Accepted config." });
    const updated = await waitFor(() => peer.events.find((e) => e.type === "session.updated"));
    expect(updated.session).toMatchObject({ instructions: "Accepted config." });

    const sideband = new WebSocket(`${fake.url.replace("http", "ws")}/v1/realtime?call_id=${callId}`, {
      headers: { authorization: "Bearer sk-proj-server-1234" },
    });
    const sideEvents: Event[] = [];
    sideband.on("message", (d) => sideEvents.push(JSON.parse(d.toString())));
    await new Promise((r) => sideband.on("open", r));
    await waitFor(() => sideEvents.some((e) => e.type === "session.created"));
    sideband.send(
      JSON.stringify({
        type: "conversation.item.create",
        item: { type: "message", role: "user", content: [{ type: "input_text", text: "hi from the server" }] },
      }),
    );
    sideband.send(JSON.stringify({ type: "response.create" }));

    const done = await waitFor(() => peer.events.find((e) => e.type === "response.done"));
    expect(done.response).toMatchObject({
      status: "completed",
      output: [{ content: [{ type: "output_audio", transcript: "You said: hi from the server" }] }],
    });
    expect(sideEvents.some((e) => e.type === "response.done")).toBe(true);
    expect(peer.events.some((e) => e.type === "response.output_audio.delta")).toBe(false);
    await waitFor(() => peer.events.some((e) => e.type === "output_audio_buffer.started"));
    await waitFor(() => peer.events.some((e) => e.type === "output_audio_buffer.stopped"));
    expect(peer.rtpReceived()).toBeGreaterThan(10);

    const sidebandClosed = new Promise((r) => sideband.on("close", r));
    await openai.realtime.calls.hangup(callId);
    await sidebandClosed;
    await expect(openai.realtime.calls.hangup(callId)).rejects.toMatchObject({ status: 404 });
    await peer.pc.close();
  });

  it("browser form (application/sdp + ek_): minted config applies, mic speech is detected and transcribed", async () => {
    const secret = await openai.realtime.clientSecrets.create({
      session: {
        type: "realtime",
        model: "gpt-realtime",
        audio: { input: { transcription: { model: "gpt-4o-mini-transcribe" } } },
        tools: [{ type: "function", name: "get_proxy_health", parameters: { type: "object", properties: {}, required: [] } }],
      },
    });
    const peer = await makePeer();
    const res = await fetch(`${fake.baseURL}/realtime/calls`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret.value}`, "content-type": "application/sdp" },
      body: peer.offer,
    });
    expect(res.status).toBe(201);
    await peer.answer(await res.text());
    await waitFor(() => peer.events.some((e) => e.type === "session.created"));

    await peer.speak(synthesizeSpeech(500));
    await peer.speak(new Int16Array(24000 * 0.8));
    const transcript = await waitFor(() => peer.events.find((e) => e.type === "conversation.item.input_audio_transcription.completed"));
    expect(transcript.transcript).toBe("how is the proxy health?");
    const call = await waitFor(() => peer.events.find((e) => e.type === "response.output_item.done"));
    expect(call.item).toMatchObject({ type: "function_call", name: "get_proxy_health", status: "completed" });
    await peer.pc.close();
    await waitFor(() => fake.state.calls.size === 0);
  });
});
