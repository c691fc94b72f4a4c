// OpenAI's list prices in US dollars per million tokens, as published on
// https://openai.com/api/pricing/ (read 2026-11-21). Our estimates come from here and nowhere else;
// OpenAI's cost API stays the authoritative (daily) figure. Update this table when prices change.

/** The day the table below was read off OpenAI's pricing page: estimates say "list prices of" this date. */
export const PRICES_AS_OF = "2026-11-21";

interface Rates {
  input: number;
  cachedInput: number;
  output: number;
}

interface ModelPrice {
  text: Rates;
  /** Realtime and transcription models bill audio tokens at their own rates. */
  audio?: Rates;
}

// A model missing from the table (a new snapshot, say) is priced like the current flagship of its
// kind rather than left at zero, so that a budget still counts what it spends.
const UNLISTED_REALTIME: ModelPrice = {
  text: { input: 4, cachedInput: 0.4, output: 16 },
  audio: { input: 32, cachedInput: 0.4, output: 64 },
};
const UNLISTED_TEXT: ModelPrice = { text: { input: 1.25, cachedInput: 0.125, output: 10 } };

const PRICES: Record<string, ModelPrice> = {
  "gpt-realtime": UNLISTED_REALTIME,
  "gpt-realtime-mini": { text: { input: 0.6, cachedInput: 0.06, output: 2.4 }, audio: { input: 10, cachedInput: 0.3, output: 20 } },
  "gpt-4o-realtime-preview": { text: { input: 5, cachedInput: 2.5, output: 20 }, audio: { input: 40, cachedInput: 2.5, output: 80 } },
  "gpt-4o-mini-realtime-preview": {
    text: { input: 0.6, cachedInput: 0.3, output: 2.4 },
    audio: { input: 10, cachedInput: 0.3, output: 20 },
  },
  "gpt-4o-transcribe": { text: { input: 2.5, cachedInput: 2.5, output: 10 }, audio: { input: 6, cachedInput: 6, output: 10 } },
  "gpt-4o-mini-transcribe": { text: { input: 1.25, cachedInput: 1.25, output: 5 }, audio: { input: 3, cachedInput: 3, output: 5 } },
  "gpt-5": UNLISTED_TEXT,
  "gpt-5-mini": { text: { input: 0.25, cachedInput: 0.025, output: 2 } },
  "gpt-4.1": { text: { input: 2, cachedInput: 0.5, output: 8 } },
  "gpt-4.1-mini": { text: { input: 0.4, cachedInput: 0.1, output: 1.6 } },
  "gpt-4o": { text: { input: 2.5, cachedInput: 1.25, output: 10 } },
  "gpt-4o-mini": { text: { input: 0.15, cachedInput: 0.075, output: 0.6 } },
};

export type PriceBasis = "list" | "unlisted";

/** The table's entry for a model, matching dated snapshots (`gpt-realtime-2025-08-28`) to their family. */
export function priceOf(model: string): { price: ModelPrice; basis: PriceBasis } {
  const family = model.replace(/-\d{4}-\d{2}-\d{2}$/, "");
  const listed = PRICES[model] ?? PRICES[family];
  if (listed) return { price: listed, basis: "list" };
  return { price: model.includes("realtime") ? UNLISTED_REALTIME : UNLISTED_TEXT, basis: "unlisted" };
}

/** Token counts of one response (or a whole call), split the way OpenAI bills them. */
export interface TokenCounts {
  inputTextTokens: number;
  inputAudioTokens: number;
  cachedTextTokens: number;
  cachedAudioTokens: number;
  outputTextTokens: number;
  outputAudioTokens: number;
}

/** Estimated cost in millionths of a US dollar (rounded up: an estimate never under-counts a cent). */
export function estimateCostMicros(model: string, tokens: TokenCounts): number {
  const { price } = priceOf(model);
  const audio = price.audio ?? price.text;
  // Rates are dollars per million tokens, so tokens × rate is already in millionths of a dollar.
  const micros =
    Math.max(0, tokens.inputTextTokens - tokens.cachedTextTokens) * price.text.input +
    tokens.cachedTextTokens * price.text.cachedInput +
    Math.max(0, tokens.inputAudioTokens - tokens.cachedAudioTokens) * audio.input +
    tokens.cachedAudioTokens * audio.cachedInput +
    tokens.outputTextTokens * price.text.output +
    tokens.outputAudioTokens * audio.output;
  return Math.ceil(micros);
}

/** Token counts from a Realtime or Responses `usage` object (either spelling of its detail fields). */
export function tokenCountsFromUsage(usage: RealtimeUsage): TokenCounts {
  const input = usage.input_token_details ?? usage.input_tokens_details ?? {};
  const output = usage.output_token_details ?? usage.output_tokens_details ?? {};
  const cached = input.cached_tokens_details ?? {};
  const inputAudioTokens = input.audio_tokens ?? 0;
  const outputAudioTokens = output.audio_tokens ?? 0;
  const cachedAudioTokens = cached.audio_tokens ?? 0;
  return {
    inputAudioTokens,
    inputTextTokens: input.text_tokens ?? Math.max(0, (usage.input_tokens ?? 0) - inputAudioTokens),
    cachedAudioTokens,
    cachedTextTokens: cached.text_tokens ?? Math.max(0, (input.cached_tokens ?? 0) - cachedAudioTokens),
    outputAudioTokens,
    outputTextTokens: output.text_tokens ?? Math.max(0, (usage.output_tokens ?? 0) - outputAudioTokens),
  };
}

interface InputDetails {
  text_tokens?: number;
  audio_tokens?: number;
  cached_tokens?: number;
  cached_tokens_details?: { text_tokens?: number; audio_tokens?: number };
}

export interface RealtimeUsage {
  input_tokens?: number;
  output_tokens?: number;
  total_tokens?: number;
  input_token_details?: InputDetails;
  input_tokens_details?: InputDetails;
  output_token_details?: { text_tokens?: number; audio_tokens?: number };
  output_tokens_details?: { text_tokens?: number; audio_tokens?: number };
}
