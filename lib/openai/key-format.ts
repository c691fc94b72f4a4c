import "server-only";
import type { LlmProvider } from "@/db/schema";

const ADMIN_PREFIX = "sk-admin-";
const KEY_CHARS = /^[A-Za-z0-9_-]+$/;

/** Why a pasted key cannot be right for the provider, or null when its shape is fine. Never echoes the key. */
export function keyShapeProblem(provider: LlmProvider, apiKey: string): string | null {
  if (/\s/.test(apiKey)) return "The key contains spaces or line breaks; paste it again as one line.";
  if (apiKey.length < 20) return "The key is too short to be an OpenAI key.";
  if (apiKey.length > 512) return "The key is too long to be an OpenAI key (512 characters at most).";
  if (!apiKey.startsWith("sk-")) return 'OpenAI keys start with "sk-".';
  if (!KEY_CHARS.test(apiKey)) return "The key contains characters OpenAI keys never have.";
  if (provider === "openai-admin" && !apiKey.startsWith(ADMIN_PREFIX))
    return 'An OpenAI Admin key starts with "sk-admin-". Create one under Organization settings → Admin keys.';
  if (provider === "openai" && apiKey.startsWith(ADMIN_PREFIX))
    return "This is an Admin key; save it as the OpenAI Admin key. The OpenAI API key must be a project or user key.";
  return null;
}

/** `sk-…abcd` / `sk-admin-…abcd`: enough to recognise a key, too little to use it. */
export function keyHint(apiKey: string): string {
  const prefix = apiKey.startsWith(ADMIN_PREFIX) ? ADMIN_PREFIX : "sk-";
  return `${prefix}…${apiKey.slice(-4)}`;
}
