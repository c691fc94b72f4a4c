import OpenAI from "openai";

/** The upstream base URL: OpenAI, or the offline fake in tests and demo mode. */
export const openaiBaseURL = () => process.env.OPENAI_BASE_URL || "https://api.openai.com/v1";

/** No SDK retries: our callers answer a person waiting on a button, and map failures themselves. */
export function openaiClient(apiKey: string): OpenAI {
  return new OpenAI({ apiKey, baseURL: openaiBaseURL(), timeout: 15_000, maxRetries: 0 });
}
