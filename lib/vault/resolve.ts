import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { type LlmProvider, llmKeys } from "@/db/schema";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { keyHint } from "@/lib/openai/key-format";
import { findUsableKeyRows, openKeyRow } from "./store";

export interface ResolvedKey {
  apiKey: string;
  source: "personal" | "workspace" | "env";
  keyHint: string;
}

const ENV_FALLBACK: Record<LlmProvider, "OPENAI_API_KEY" | "OPENAI_ADMIN_KEY"> = { openai: "OPENAI_API_KEY", "openai-admin": "OPENAI_ADMIN_KEY" };
const PROVIDER_LABEL: Record<LlmProvider, string> = { openai: "OpenAI API key", "openai-admin": "OpenAI Admin key" };

export const serverFallbackConfigured = (provider: LlmProvider) => Boolean(env()[ENV_FALLBACK[provider]]);

export const noKeyConfigured = (provider: LlmProvider) =>
  new AppError("no_key_configured",
    `No ${PROVIDER_LABEL[provider]} is configured for this workspace. An admin can add one in Settings → API keys.`,
    { provider },
  );

/** The key a member's call to OpenAI uses: their personal key, then the workspace's, then the server's. */
export async function resolveOpenAIKey({
  workspaceId,
  userId,
  provider,
}: {
  workspaceId: string;
  userId: string;
  provider: LlmProvider;
}): Promise<ResolvedKey> {
  const rows = await findUsableKeyRows({ workspaceId, userId, provider });
  const row = rows.find((r) => r.scope === "personal") ?? rows.find((r) => r.scope === "workspace");
  if (row) {
    const apiKey = await openKeyRow({ row, actorUserId: userId });
    await touchLastUsed(row.id);
    return { apiKey, source: row.scope, keyHint: row.keyHint };
  }
  const fromEnv = env()[ENV_FALLBACK[provider]];
  if (fromEnv) return { apiKey: fromEnv, source: "env", keyHint: keyHint(fromEnv) };
  throw noKeyConfigured(provider);
}

// lastUsedAt is a hint, not a log: at most one write per key and minute, and the conditional
// UPDATE keeps other processes from rewriting it within the minute too.
const TOUCH_EVERY_MS = 60_000;
const lastTouched = new Map<string, number>();

async function touchLastUsed(rowId: string): Promise<void> {
  const now = Date.now();
  if (now - (lastTouched.get(rowId) ?? 0) < TOUCH_EVERY_MS) return;
  if (lastTouched.size > 5_000) lastTouched.clear();
  lastTouched.set(rowId, now);
  try {
    const db = await getDb();
    await db
      .update(llmKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(
        and(eq(llmKeys.id, rowId), or(isNull(llmKeys.lastUsedAt), lt(llmKeys.lastUsedAt, sql`now() - interval '1 minute'`))),
      );
  } catch (error) {
    log("warn", "vault_touch_failed", { keyId: rowId, cause: String(error) });
  }
}
