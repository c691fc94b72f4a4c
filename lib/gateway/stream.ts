import type { GatewayEndpoint } from "@/lib/openai/gateway";
import type { RealtimeUsage } from "@/lib/spend/prices";
import { fromChatUsage, fromResponsesUsage } from "./usage";

// Server-sent events from OpenAI, passed on as they arrive (never collected), read on the way for
// the usage the last events report: a chat completion's usage chunk, a response's
// `response.completed` (or `.incomplete` / `.failed`). Only those few events are parsed.

const EVENT_END = /\r?\n\r?\n/g;
const CHAT_USAGE = /"usage"\s*:\s*\{/;
const RESPONSE_END = /"type"\s*:\s*"response\.(completed|incomplete|failed)"/;
// An event this long without its end is not one we read: it is passed on as it is.
const MAX_PENDING_CHARS = 1 << 20;

interface Seen {
  usage: RealtimeUsage | null;
  /** The gateway asked OpenAI for this usage-only chunk; the caller did not, so it is not passed on. */
  drop: boolean;
}

function dataOf(event: string): unknown {
  const data = event
    .split(/\r?\n/)
    .filter((line) => line.startsWith("data:"))
    .map((line) => line.slice(5).trimStart())
    .join("\n");
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

function readEvent(endpoint: GatewayEndpoint, event: string, hideUsage: boolean): Seen | null {
  if (endpoint === "chat.completions") {
    if (!CHAT_USAGE.test(event)) return null;
    const chunk = dataOf(event) as { usage?: unknown; choices?: unknown[] } | null;
    if (!chunk) return null;
    return { usage: fromChatUsage(chunk.usage), drop: hideUsage && Array.isArray(chunk.choices) && chunk.choices.length === 0 };
  }
  if (!RESPONSE_END.test(event)) return null;
  const done = dataOf(event) as { response?: { usage?: unknown } } | null;
  return { usage: fromResponsesUsage(done?.response?.usage), drop: false };
}

/**
 * The stream to answer with, and the usage it reported, settled when it ends (or the caller goes
 * away). With `hideUsage` the stream is cut at event boundaries so that the usage-only chunk the
 * gateway asked for can be left out; otherwise every chunk goes on byte for byte as it came.
 */
export function meterStream(
  source: ReadableStream<Uint8Array>,
  { endpoint, hideUsage }: { endpoint: GatewayEndpoint; hideUsage: boolean },
): { stream: ReadableStream<Uint8Array>; usage: Promise<RealtimeUsage | null> } {
  let found: RealtimeUsage | null = null;
  let settle: (usage: RealtimeUsage | null) => void = () => {};
  const usage = new Promise<RealtimeUsage | null>((resolve) => {
    settle = resolve;
  });
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let pending = "";

  /** Complete events of `pending` are read (and, when cut, returned to pass on); the rest waits. */
  const scan = (cut: boolean): string => {
    let start = 0;
    let out = "";
    EVENT_END.lastIndex = 0;
    for (let match = EVENT_END.exec(pending); match; match = EVENT_END.exec(pending)) {
      const end = match.index + match[0].length;
      const event = pending.slice(start, end);
      start = end;
      const seen = readEvent(endpoint, event, hideUsage);
      if (seen?.usage) found = seen.usage;
      if (cut && !seen?.drop) out += event;
    }
    pending = pending.slice(start);
    if (pending.length > MAX_PENDING_CHARS) {
      if (cut) out += pending;
      pending = "";
    }
    return out;
  };

  const meter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      pending += decoder.decode(chunk, { stream: true });
      if (!hideUsage) {
        controller.enqueue(chunk);
        scan(false);
        return;
      }
      const out = scan(true);
      if (out) controller.enqueue(encoder.encode(out));
    },
    flush(controller) {
      pending += decoder.decode();
      if (hideUsage && pending) controller.enqueue(encoder.encode(pending));
      settle(found);
    },
  });
  source.pipeTo(meter.writable).catch(() => settle(found));
  return { stream: meter.readable, usage };
}
