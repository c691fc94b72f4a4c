// The Chat page's stream: Server-Sent Events from POST /api/v1/chat/messages, one JSON event per
// `data:` line. Plain module: the route writes them, the page reads them.

export type ChatStreamEvent =
  | { type: "conversation"; conversation: { id: string; title: string } }
  | { type: "delta"; text: string }
  | { type: "tool_call"; callId: string; name: string; arguments: string }
  | { type: "tool_result"; callId: string; output: string; durationMs: number }
  /** A remote MCP tool waits for the member's approval; `resume` goes back with the decision. */
  | { type: "approval"; approval: { id: string; server: string; tool: string; arguments: string }; resume: string }
  /** A remote MCP tool ran (approved: `approvalId` names the request). */
  | {
      type: "mcp_call";
      id: string;
      approvalId: string | null;
      server: string;
      tool: string;
      arguments: string;
      output: string | null;
      error: string | null;
    }
  | { type: "done" }
  | { type: "error"; error: string; code: string; status: number };

export const encodeChatEvent = (event: ChatStreamEvent) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

/** Splits a received buffer into complete events and the unfinished rest. */
export function decodeChatEvents(buffer: string): { events: ChatStreamEvent[]; rest: string } {
  const blocks = buffer.split("\n\n");
  const rest = blocks.pop() ?? "";
  const events: ChatStreamEvent[] = [];
  for (const block of blocks) {
    const data = block
      .split("\n")
      .filter((line) => line.startsWith("data: "))
      .map((line) => line.slice(6))
      .join("\n");
    if (!data) continue;
    try {
      events.push(JSON.parse(data) as ChatStreamEvent);
    } catch {
      // A malformed block is skipped; the stream's end still settles the turn.
    }
  }
  return { events, rest };
}
