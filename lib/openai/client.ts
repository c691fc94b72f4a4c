import "server-only";
import OpenAI from "openai";
import { env } from "@/lib/config/env";

export const openaiBaseURL = (): string => env().OPENAI_BASE_URL;

// Clients are cheap but not free; reuse one per key for a short while. Keys never leave memory.
const clients = new Map<string, { client: OpenAI; expires: number }>();
const CLIENT_TTL_MS = 5 * 60_000;

/** The one way this app builds an OpenAI client: our base URL, timeout, and no hidden retries. */
export function openaiClient(apiKey: string): OpenAI {
  const now = Date.now();
  const cached = clients.get(apiKey);
  if (cached && cached.expires > now) return cached.client;
  if (clients.size > 200) clients.clear();
  const client = new OpenAI({ apiKey, baseURL: openaiBaseURL(), timeout: env().OPENAI_TIMEOUT_MS, maxRetries: 0 });
  clients.set(apiKey, { client, expires: now + CLIENT_TTL_MS });
  return client;
}
