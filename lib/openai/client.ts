import "server-only";
import OpenAI from "openai";
import { env } from "@/lib/config/env";

export const openaiBaseURL = (): string => env().OPENAI_BASE_URL;

/** A key and the OpenAI project and organisation it was saved for (null: the key's default). */
export interface OpenAICredential {
  apiKey: string;
  project?: string | null;
  organization?: string | null;
}

// Clients are cheap but not free; reuse one per key and scope for a short while. Keys never leave memory.
const clients = new Map<string, { client: OpenAI; expires: number }>();
const CLIENT_TTL_MS = 5 * 60_000;

/**
 * The one way this app builds an OpenAI client: our base URL, timeout, no hidden retries, and the
 * key's project and organisation on every request (OpenAI-Project / OpenAI-Organization).
 */
export function openaiClient({ apiKey, project = null, organization = null }: OpenAICredential): OpenAI {
  const now = Date.now();
  const cacheKey = `${apiKey}|${project ?? ""}|${organization ?? ""}`;
  const cached = clients.get(cacheKey);
  if (cached && cached.expires > now) return cached.client;
  if (clients.size > 200) clients.clear();
  const client = new OpenAI({
    apiKey,
    project,
    organization,
    baseURL: openaiBaseURL(),
    timeout: env().OPENAI_TIMEOUT_MS,
    maxRetries: 0,
  });
  clients.set(cacheKey, { client, expires: now + CLIENT_TTL_MS });
  return client;
}

/** The same headers for connections the SDK does not make (the sideband's WebSocket). */
export function credentialHeaders({ apiKey, project, organization }: OpenAICredential): Record<string, string> {
  return {
    Authorization: `Bearer ${apiKey}`,
    ...(project ? { "OpenAI-Project": project } : {}),
    ...(organization ? { "OpenAI-Organization": organization } : {}),
  };
}
