import { describe, expect, it } from "vitest";
import { REDACTED, redactEvent } from "./redact";

describe("redactEvent (what a call trace keeps)", () => {
  it("replaces credentials by field name and by shape, and keeps everything else", () => {
    const event = {
      type: "session.updated",
      session: {
        tools: [{ type: "mcp", server_label: "crm", authorization: "tok_123", headers: { "x-api-key": "k" } }],
        instructions: "Use key sk-proj-abcdefgh12345678 and Bearer abc.def.ghi-123456 and ek_abcdefghijkl",
        usage: { input_tokens: 12, total_tokens: 20 },
      },
    };
    expect(redactEvent(event)).toEqual({
      type: "session.updated",
      session: {
        tools: [{ type: "mcp", server_label: "crm", authorization: REDACTED, headers: REDACTED }],
        instructions: `Use key ${REDACTED} and ${REDACTED} and ${REDACTED}`,
        usage: { input_tokens: 12, total_tokens: 20 },
      },
    });
  });

  it("keeps the transcript but only the size of raw audio", () => {
    expect(redactEvent({ type: "response.output_audio.delta", item_id: "item_1", delta: "AAAABBBB" })).toEqual({
      type: "response.output_audio.delta",
      item_id: "item_1",
      delta: "[audio: 8 base64 characters]",
    });
    expect(redactEvent({ type: "response.output_audio_transcript.delta", delta: "hello there" })).toEqual({
      type: "response.output_audio_transcript.delta",
      delta: "hello there",
    });
  });
});
