import type { LlmProvider } from "@/db/schema";
import { env } from "@/lib/config/env";

// The server's fallback keys (OPENAI_API_KEY / OPENAI_ADMIN_KEY) are the instance owner's money:
// they serve only the workspaces the owner allowed, or those OPENAI_FALLBACK_WORKSPACES names.

const ENV_FALLBACK: Record<LlmProvider, "OPENAI_API_KEY" | "OPENAI_ADMIN_KEY"> = {
  openai: "OPENAI_API_KEY",
  "openai-admin": "OPENAI_ADMIN_KEY",
};

export const serverFallbackKey = (provider: LlmProvider): string | undefined => env()[ENV_FALLBACK[provider]];

export const serverFallbackConfigured = (provider: LlmProvider) => Boolean(serverFallbackKey(provider));

/** True when OPENAI_FALLBACK_WORKSPACES decides, so the per-workspace setting is not used. */
export const fallbackSetByEnvironment = () => env().OPENAI_FALLBACK_WORKSPACES !== undefined;

/** Whether a workspace may spend the fallback keys: the environment's list when set, else its own setting. */
export function fallbackAllowed({ workspaceId, allowedInDatabase }: { workspaceId: string; allowedInDatabase: boolean }): boolean {
  const listed = env().OPENAI_FALLBACK_WORKSPACES;
  return listed ? listed.includes(workspaceId) : allowedInDatabase;
}
