import { describe, expect, it } from "vitest";
import { pcm16ToBase64 } from "./realtime/audio";
import { type ServerEvent, SessionEngine } from "./realtime/session-engine";
import { validateSession } from "./rest/client-secrets";

const TRANSCRIPTION = {
  type: "transcription",
  audio: { input: { transcription: { model: "gpt-4o-transcribe", language: "de" }, turn_detection: null } },
};

describe("a transcription session", () => {
  it("is accepted with input audio settings only; a model or instructions are refused", () => {
    const result = validateSession(TRANSCRIPTION);
    expect(result).toMatchObject({ ok: true, config: { type: "transcription" } });
    expect(validateSession({ ...TRANSCRIPTION, model: "gpt-realtime" })).toMatchObject({ ok: false, param: "session.model" });
  });

  it("transcribes committed audio and never replies", async () => {
    const result = validateSession(TRANSCRIPTION);
    if (!result.ok) throw new Error(result.message);
    const engine = new SessionEngine({ config: result.config, transcript: () => "guten Morgen zusammen" });
    const events: ServerEvent[] = [];
    engine.subscribe((e) => events.push(e));
    engine.start();
    expect(events[0]?.session).toMatchObject({ type: "transcription", object: "realtime.transcription_session" });

    engine.handleEvent({ type: "input_audio_buffer.append", audio: pcm16ToBase64(new Int16Array(24_000 / 2)) });
    engine.handleEvent({ type: "input_audio_buffer.commit" });
    engine.handleEvent({ type: "response.create", event_id: "evt_1" });
    await new Promise((r) => setTimeout(r, 50));

    expect(events.find((e) => e.type === "conversation.item.input_audio_transcription.completed")).toMatchObject({
      transcript: "guten Morgen zusammen",
    });
    expect(events.some((e) => e.type.startsWith("response."))).toBe(false);
    expect(events.find((e) => e.type === "error")).toMatchObject({ error: { event_id: "evt_1" } });
    engine.close();
  });
});
