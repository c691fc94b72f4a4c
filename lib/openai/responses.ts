import "server-only";
import type OpenAI from "openai";
import { AppError } from "@/lib/errors";
import type { RealtimeUsage } from "@/lib/spend/prices";
import { type OpenAICredential, openaiClient } from "./client";
import { upstreamError } from "./errors";

/** A remote MCP tool's item the model produced: the approval it asks for, or the call it made. */
export interface McpOutputItem {
  type: "mcp_approval_request" | "mcp_call";
  id: string;
  server_label: string;
  name: string;
  arguments: string;
  approval_request_id?: string | null;
  output?: string | null;
  error?: { type?: string; message?: string } | null;
}

/** One item of a Responses API input: a message, a function call the model made, or its output; MCP items and answers. */
export type ResponseInputItem =
  | { role: "user" | "assistant"; content: string }
  | { type: "function_call"; call_id: string; name: string; arguments: string }
  | { type: "function_call_output"; call_id: string; output: string }
  | McpOutputItem
  | { type: "mcp_approval_response"; approval_request_id: string; approve: boolean };

export interface FunctionToolSpec {
  type: "function";
  name: string;
  description: string;
  parameters: Record<string, unknown>;
  strict: true;
}

/** OpenAI's `mcp` tool (Realtime sessions and the Responses API take the same shape). */
export interface McpToolSpec {
  type: "mcp";
  server_label: string;
  server_url: string;
  server_description?: string;
  authorization?: string;
  allowed_tools?: string[];
  require_approval: "always" | "never" | { always?: { tool_names: string[] }; never?: { tool_names: string[] } };
}

export interface StreamedCall {
  callId: string;
  name: string;
  arguments: string;
}

/** What a streamed response ended with: its text, the function calls it asks for, its MCP items, and its usage. */
export interface StreamedResponse {
  text: string;
  calls: StreamedCall[];
  mcp: McpOutputItem[];
  usage: RealtimeUsage | null;
}

const isMcpItem = (item: { type: string }): item is McpOutputItem => item.type === "mcp_approval_request" || item.type === "mcp_call";

/**
 * One streamed call to POST /v1/responses (stateless: `store: false`, the whole input each time).
 * Text deltas go to `onDelta` as they arrive, each finished MCP item to `onMcpItem`. Upstream faults become our AppErrors (never
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
  onMcpItem,
  ...credential
}: OpenAICredential & {
  keyHint: string;
  model: string;
  instructions: string;
  input: ResponseInputItem[];
  tools: Array<FunctionToolSpec | McpToolSpec>;
  signal?: AbortSignal;
  onDelta: (text: string) => void;
  onMcpItem?: (item: McpOutputItem) => void;
}): Promise<StreamedResponse> {
  const result: StreamedResponse = { text: "", calls: [], mcp: [], usage: null };
  try {
    const stream = await openaiClient(credential).responses.create(
      // Our item shapes are the API's; the SDK's unions are wider than what we send.
      { model, instructions, input: input as OpenAI.Responses.ResponseInput, tools, stream: true, store: false },
      signal ? { signal } : undefined,
    );
    for await (const event of stream) {
      if (event.type === "response.output_text.delta") {
        result.text += event.delta;
        onDelta(event.delta);
      } else if (event.type === "response.output_item.done" && event.item.type === "function_call") {
        result.calls.push({ callId: event.item.call_id, name: event.item.name, arguments: event.item.arguments });
      } else if (event.type === "response.output_item.done" && isMcpItem(event.item)) {
        const item = event.item as McpOutputItem;
        result.mcp.push(item);
        onMcpItem?.(item);
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
