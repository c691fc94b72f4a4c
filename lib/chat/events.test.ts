import { describe, expect, it } from "vitest";
import { type ChatStreamEvent, decodeChatEvents, encodeChatEvent } from "./events";

describe("the Chat page's event stream", () => {
  it("decodes what the server encodes, whatever the chunk boundaries", () => {
    const events: ChatStreamEvent[] = [
      { type: "conversation", conversation: { id: "c1", title: "any 429s?" } },
      { type: "delta", text: "No 429s\n\nat all" },
      { type: "tool_call", callId: "call_1", name: "get_proxy_health", arguments: "{}" },
      { type: "done" },
    ];
    const wire = `${events.map(encodeChatEvent).join("")}: keep-alive\n\n`;
    for (const size of [1, 7, 64, wire.length]) {
      const got: ChatStreamEvent[] = [];
      let buffer = "";
      for (let i = 0; i < wire.length; i += size) {
        const { events: complete, rest } = decodeChatEvents(buffer + wire.slice(i, i + size));
        got.push(...complete);
        buffer = rest;
      }
      expect(got, `chunks of ${size}`).toEqual(events);
      expect(buffer).toBe("");
    }
  });
});
