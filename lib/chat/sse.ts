import "server-only";
import { type ChatStreamEvent, encodeChatEvent } from "./events";

/**
 * A text/event-stream response fed by `run`. The reader leaving aborts `run`'s signal (and with it
 * the upstream call); a comment line every 15 s keeps proxies from closing a quiet stream.
 */
export function chatEventStream(run: (emit: (event: ChatStreamEvent) => void, signal: AbortSignal) => Promise<void>): Response {
  const abort = new AbortController();
  const encoder = new TextEncoder();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        if (!abort.signal.aborted) controller.enqueue(encoder.encode(text));
      };
      heartbeat = setInterval(() => write(": keep-alive\n\n"), 15_000);
      void run((event) => write(encodeChatEvent(event)), abort.signal).finally(() => {
        clearInterval(heartbeat);
        if (!abort.signal.aborted) controller.close();
      });
    },
    cancel() {
      clearInterval(heartbeat);
      abort.abort();
    },
  });
  return new Response(stream, {
    // no-transform: the server's gzip (and any proxy) passes each event on at once instead of buffering.
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", "x-accel-buffering": "no" },
  });
}
