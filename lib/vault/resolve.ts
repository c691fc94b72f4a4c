import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { type KeyScope, type LlmProvider, llmKeys } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { keyHint } from "@/lib/openai/key-format";
import { fallbackAllowed, serverFallbackConfigured, serverFallbackKey } from "./fallback";
import { findUsableKeyRows, openKeyRow } from "./store";

export interface ResolvedKey {
  apiKey: string;
  /** The OpenAI project and organisation saved with the key (OpenAI-Project / OpenAI-Organization); null: the key's default. */
  project: string | null;
  organization: string | null;
  /** `env`: the server's fallback key (the instance's key). */
  source: "personal" | "workspace" | "env";
  keyHint: string;
}

/** Which key a member's calls use, as the UI names it, without decrypting anything. */
export type KeyInUse = "personal" | "workspace" | "instance" | "none";

const PROVIDER_LABEL: Record<LlmProvider, string> = { openai: "OpenAI API key", "openai-admin": "OpenAI Admin key" };

export const noKeyConfigured = (provider: LlmProvider, serverKey: "absent" | "not_allowed" = "absent") =>
  new AppError(
    "no_key_configured",
    serverKey === "not_allowed"
      ? `No ${PROVIDER_LABEL[provider]} is configured for this workspace, and the server's key is not available to this workspace (the instance owner has not allowed it). An admin can add the workspace's own key in Settings → API keys.`
      : `No ${PROVIDER_LABEL[provider]} is configured for this workspace. An admin can add one in Settings → API keys.`,
    { provider, serverKey },
  );

interface KeyQuery {
  workspaceId: string;
  /** Null for calls nobody signed in placed (phone calls): only the workspace's key or the instance's serve. */
  userId: string | null;
  provider: LlmProvider;
}

/** The key a member's call to OpenAI uses: their personal key, the workspace's, then the server's if the workspace may. */
export async function resolveOpenAIKey({ workspaceId, userId, provider }: KeyQuery): Promise<ResolvedKey> {
  const { rows, fallbackAllowedInDatabase } = await findUsableKeyRows({ workspaceId, userId: userId ?? "", provider });
  const row = rows.find((r) => r.scope === "personal") ?? rows.find((r) => r.scope === "workspace");
  if (row) {
    const apiKey = await openKeyRow({ row, actorUserId: userId });
    await touchLastUsed(row.id);
    return { apiKey, project: row.openaiProject, organization: row.openaiOrganization, source: row.scope, keyHint: row.keyHint };
  }
  const fromEnv = serverFallbackKey(provider);
  if (!fromEnv) throw noKeyConfigured(provider);
  if (!fallbackAllowed({ workspaceId, allowedInDatabase: fallbackAllowedInDatabase })) throw noKeyConfigured(provider, "not_allowed");
  return { apiKey: fromEnv, project: null, organization: null, source: "env", keyHint: keyHint(fromEnv) };
}

/** What resolveOpenAIKey would pick, from fresh rows (for pages), and whether the instance's key would serve. */
export async function keyInUse({ workspaceId, userId, provider }: KeyQuery): Promise<{ key: KeyInUse; instanceKeyAvailable: boolean }> {
  const { rows, fallbackAllowedInDatabase } = await findUsableKeyRows({ workspaceId, userId: userId ?? "", provider, fresh: true });
  const instanceKeyAvailable = instanceKeyServes({ workspaceId, provider, allowedInDatabase: fallbackAllowedInDatabase });
  return { key: pickKeyInUse({ scopes: rows.map((r) => r.scope), instanceKeyAvailable }), instanceKeyAvailable };
}

/** The order resolveOpenAIKey follows: the member's personal key, the workspace's, then the instance's. */
export const pickKeyInUse = ({ scopes, instanceKeyAvailable }: { scopes: KeyScope[]; instanceKeyAvailable: boolean }): KeyInUse =>
  scopes.includes("personal") ? "personal" : scopes.includes("workspace") ? "workspace" : instanceKeyAvailable ? "instance" : "none";

/** Whether the instance's key would serve a workspace whose own setting is `allowedInDatabase`. */
export const instanceKeyServes = ({
  workspaceId,
  provider,
  allowedInDatabase,
}: {
  workspaceId: string;
  provider: LlmProvider;
  allowedInDatabase: boolean;
}) => serverFallbackConfigured(provider) && fallbackAllowed({ workspaceId, allowedInDatabase });

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
      .where(and(eq(llmKeys.id, rowId), or(isNull(llmKeys.lastUsedAt), lt(llmKeys.lastUsedAt, sql`now() - interval '1 minute'`))));
  } catch (error) {
    log("warn", "vault_touch_failed", { keyId: rowId, cause: String(error) });
  }
}
