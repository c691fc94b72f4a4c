import { describe, expect, it } from "vitest";
import { eventsAsJson, parseClientEvent, RAW_EVENT_EXAMPLE } from "./raw-event";

describe("the event log's raw client event and export", () => {
  it("accepts one JSON object with a dotted type, the example included", () => {
    expect(parseClientEvent(RAW_EVENT_EXAMPLE)).toMatchObject({ ok: true, event: { type: "response.create" } });
    expect(parseClientEvent('{"type":"input_audio_buffer.commit"}')).toEqual({ ok: true, event: { type: "input_audio_buffer.commit" } });
  });

  it("says what is wrong with anything else", () => {
    expect(parseClientEvent("{type: x}")).toMatchObject({ ok: false, error: expect.stringMatching(/^This is not JSON/) });
    expect(parseClientEvent("[1]")).toEqual({ ok: false, error: "Send one JSON object, like the example." });
    expect(parseClientEvent('{"type":"hello"}')).toMatchObject({ ok: false, error: expect.stringContaining('"type"') });
  });

  it("exports each event with its time, direction and parsed body", () => {
    const text = eventsAsJson([
      { at: Date.UTC(2026, 10, 22, 3, 0, 0), type: "session.created", raw: '{"type":"session.created"}' },
      { at: Date.UTC(2026, 10, 22, 3, 0, 1), type: "response.create", raw: '{"type":"response.create"}', direction: "sent" },
    ]);
    expect(JSON.parse(text)).toEqual([
      { at: "2026-11-22T03:00:00.000Z", direction: "received", type: "session.created", event: { type: "session.created" } },
      { at: "2026-11-22T03:00:01.000Z", direction: "sent", type: "response.create", event: { type: "response.create" } },
    ]);
  });
});
