import type { GatewayEndpoint } from "@/lib/openai/gateway";
import type { RealtimeUsage } from "@/lib/spend/prices";

// What a chat completion or a response reports it used, in the ledger's spelling. Never throws:
// an answer we cannot read is passed on all the same, and simply bills nothing.

interface ChatUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number; audio_tokens?: number } | null;
  completion_tokens_details?: { audio_tokens?: number } | null;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/** Chat Completions' `usage` (prompt/completion tokens) as the ledger counts it. */
export function fromChatUsage(usage: unknown): RealtimeUsage | null {
  if (!isObject(usage)) return null;
  const u = usage as ChatUsage;
  return {
    input_tokens: u.prompt_tokens ?? 0,
    output_tokens: u.completion_tokens ?? 0,
    total_tokens: u.total_tokens ?? 0,
    input_tokens_details: {
      cached_tokens: u.prompt_tokens_details?.cached_tokens ?? 0,
      audio_tokens: u.prompt_tokens_details?.audio_tokens ?? 0,
    },
    output_tokens_details: { audio_tokens: u.completion_tokens_details?.audio_tokens ?? 0 },
  };
}

/** The Responses API's `usage` is already in the ledger's spelling. */
export const fromResponsesUsage = (usage: unknown): RealtimeUsage | null => (isObject(usage) ? (usage as RealtimeUsage) : null);

/** Usage from a whole (not streamed) answer body. */
export function usageOfBody(endpoint: GatewayEndpoint, text: string): RealtimeUsage | null {
  try {
    const parsed: unknown = JSON.parse(text);
    if (!isObject(parsed)) return null;
    return endpoint === "chat.completions" ? fromChatUsage(parsed.usage) : fromResponsesUsage(parsed.usage);
  } catch {
    return null;
  }
}
