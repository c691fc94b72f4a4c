import "server-only";
import { AppError } from "@/lib/errors";
import type { RealtimeUsage } from "@/lib/spend/prices";
import { type OpenAICredential, openaiClient } from "./client";
import { upstreamError } from "./errors";

/** One item of a Responses API input: a message, a function call the model made, or its output. */
export type ResponseInputItem =
  | { role: "user" | "assistant"; content: string }
  | { type: "function_call"; call_id: string; name: string; arguments: string }
  | { type: "function_call_output"; call_id: string; output: string };

export interface FunctionToolSpec {
  type: "function";
  name: string;
  description: string;
  parameters: Record<string, unknown>;
  strict: true;
}

export interface StreamedCall {
  callId: string;
  name: string;
  arguments: string;
}

/** What a streamed response ended with: its text, the function calls it asks for, and its usage. */
export interface StreamedResponse {
  text: string;
  calls: StreamedCall[];
  usage: RealtimeUsage | null;
}

/**
 * One streamed call to POST /v1/responses (stateless: `store: false`, the whole input each time).
 * Text deltas go to `onDelta` as they arrive. Upstream faults become our AppErrors (never
 * OpenAI's message, which can quote part of the key).
 */
export async function streamResponse({
  keyHint,
  model,
  instructions,
  input,
  tools,
  signal,
  onDelta,
  ...credential
}: OpenAICredential & {
  keyHint: string;
  model: string;
  instructions: string;
  input: ResponseInputItem[];
  tools: FunctionToolSpec[];
  signal?: AbortSignal;
  onDelta: (text: string) => void;
}): Promise<StreamedResponse> {
  const result: StreamedResponse = { text: "", calls: [], usage: null };
  try {
    const stream = await openaiClient(credential).responses.create(
      { model, instructions, input, tools, stream: true, store: false },
      signal ? { signal } : undefined,
    );
    for await (const event of stream) {
      if (event.type === "response.output_text.delta") {
        result.text += event.delta;
        onDelta(event.delta);
      } else if (event.type === "response.output_item.done" && event.item.type === "function_call") {
        result.calls.push({ callId: event.item.call_id, name: event.item.name, arguments: event.item.arguments });
      } else if (event.type === "response.completed") {
        result.usage = (event.response.usage as RealtimeUsage | undefined) ?? null;
      } else if (event.type === "response.failed" || event.type === "error") {
        throw new AppError("upstream_error", "OpenAI could not finish this answer. Try again shortly.");
      }
    }
  } catch (error) {
    throw upstreamError(error, keyHint);
  }
  return result;
}
