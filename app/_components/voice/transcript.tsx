import type { RealtimeItem } from "@openai/agents/realtime";
import { ToolCard, type ToolCallView } from "../assistant/tool-card";

export type { ToolCallView };

function messageText(item: Extract<RealtimeItem, { type: "message" }>): string {
  return item.content
    .map((c) => ("text" in c ? c.text : "transcript" in c ? (c.transcript ?? "") : ""))
    .join(" ")
    .trim();
}

/** The conversation: user and assistant turns (streaming), with a card for each tool call. */
export function Transcript({ items, toolCalls, streaming }: { items: RealtimeItem[]; toolCalls: ToolCallView[]; streaming: string }) {
  const seen = new Map<string, number>();
  const cardFor = (name: string) => {
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    return toolCalls.filter((c) => c.name === name)[n];
  };
  const lastAssistant = [...items].reverse().find((i) => i.type === "message" && i.role === "assistant");
  const showStreaming = streaming && !(lastAssistant?.type === "message" && messageText(lastAssistant) === streaming);
  const announce = lastFinishedTurn(items);
  // Screen readers hear each finished turn once, politely; the streaming text is for the eye only.
  const live = (
    <p aria-live="polite" aria-atomic="true" className="sr-only" data-testid="transcript-live">
      {announce}
    </p>
  );
  if (items.length === 0 && !streaming)
    return (
      <>
        <p className="muted py-8 text-center">Say something, or type below. Try “which models do we have?”</p>
        {live}
      </>
    );
  return (
    <>
      {live}
      <ol className="space-y-3" aria-label="Transcript">
        {items.map((item) => {
          if (item.type === "function_call") {
            const call = cardFor(item.name) ?? {
              callId: item.itemId,
              name: item.name,
              arguments: item.arguments,
              startedAt: 0,
              result: item.output ?? undefined,
            };
            return (
              <li key={item.itemId}>
                <ToolCard call={call} />
              </li>
            );
          }
          if (item.type !== "message" || item.role === "system") return null;
          const text = messageText(item);
          const user = item.role === "user";
          return (
            <li key={item.itemId} className={`flex ${user ? "justify-end" : "justify-start"}`}>
              <p
                data-role={item.role}
                className={`max-w-[85%] min-w-0 rounded-2xl px-3.5 py-2 text-sm whitespace-pre-wrap [overflow-wrap:anywhere] ${
                  user ? "bg-indigo-600 text-white" : "bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"
                }`}
              >
                <span className="sr-only">{user ? "You: " : "Assistant: "}</span>
                {text || <span className="italic opacity-70">{item.status === "in_progress" ? "…" : "(no transcript)"}</span>}
              </p>
            </li>
          );
        })}
        {showStreaming && (
          <li className="flex justify-start">
            <p
              aria-hidden="true"
              data-role="assistant-streaming"
              className="max-w-[85%] min-w-0 rounded-2xl bg-zinc-100 px-3.5 py-2 text-sm whitespace-pre-wrap opacity-80 [overflow-wrap:anywhere] dark:bg-zinc-800"
            >
              {streaming}
            </p>
          </li>
        )}
      </ol>
    </>
  );
}

/** "You: …" or "Assistant: …" for the latest user or assistant message that is complete; "" before one is. */
export function lastFinishedTurn(items: RealtimeItem[]): string {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item?.type !== "message" || item.role === "system" || item.status === "in_progress") continue;
    const text = messageText(item);
    if (text) return `${item.role === "user" ? "You" : "Assistant"}: ${text}`;
  }
  return "";
}
