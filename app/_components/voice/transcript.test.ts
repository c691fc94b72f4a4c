import type { RealtimeItem } from "@openai/agents/realtime";
import { describe, expect, it } from "vitest";
import { lastFinishedTurn } from "./transcript";

const message = (itemId: string, role: "user" | "assistant" | "system", text: string, status: "in_progress" | "completed" = "completed") =>
  ({
    itemId,
    type: "message",
    role,
    status,
    content: [role === "assistant" ? { type: "output_text", text } : { type: "input_text", text }],
  }) as unknown as RealtimeItem;

describe("lastFinishedTurn (what screen readers hear)", () => {
  it("is the latest complete user or assistant message, named by who said it", () => {
    expect(lastFinishedTurn([message("1", "user", "which models do we have?")])).toBe("You: which models do we have?");
    expect(lastFinishedTurn([message("1", "user", "hi"), message("2", "assistant", "Hello there")])).toBe("Assistant: Hello there");
  });

  it("skips a reply still streaming, system messages and empty ones", () => {
    expect(
      lastFinishedTurn([
        message("1", "user", "hi"),
        message("2", "system", "be brief"),
        message("3", "assistant", "", "completed"),
        message("4", "assistant", "Hel", "in_progress"),
      ]),
    ).toBe("You: hi");
    expect(lastFinishedTurn([])).toBe("");
  });
});
