import "server-only";
import { and, eq, isNull, or, sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { type KeyScope, type LlmKey, type LlmProvider, llmKeys, users, workspaces } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/events";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { cacheKey, cachedKey, forgetKey, type UsableKeys, usableRows } from "./cache";
import { DecryptError, decryptSecret, encryptSecret, envelopeVersion, type SecretBinding } from "./cipher";
import { keyHint } from "@/lib/openai/key-format";
import { getKeyring } from "./keyring";

export interface KeySlot {
  workspaceId: string;
  provider: LlmProvider;
  scope: KeyScope;
  /** The member whose personal key it is; ignored for workspace keys. */
  userId: string;
}

const bindingOfSlot = (slot: KeySlot): SecretBinding => ({
  workspaceId: slot.workspaceId,
  provider: slot.provider,
  scope: slot.scope,
  ownerUserId: slot.scope === "personal" ? slot.userId : null,
});

export const bindingOfRow = (row: Pick<LlmKey, "workspaceId" | "provider" | "scope" | "ownerUserId">): SecretBinding => ({
  workspaceId: row.workspaceId,
  provider: row.provider,
  scope: row.scope,
  ownerUserId: row.ownerUserId,
});

const slotWhere = (slot: KeySlot) =>
  and(
    eq(llmKeys.workspaceId, slot.workspaceId),
    eq(llmKeys.provider, slot.provider),
    slot.scope === "personal"
      ? and(eq(llmKeys.scope, "personal"), eq(llmKeys.ownerUserId, slot.userId))
      : and(eq(llmKeys.scope, "workspace"), isNull(llmKeys.ownerUserId)),
  );

/**
 * Workspace keys and the caller's own personal keys; never anyone else's. The ciphertext comes
 * along only so the caller can tell whether this server can open it; it must not leave lib/vault.
 */
export async function listVisibleKeys({ workspaceId, userId }: { workspaceId: string; userId: string }) {
  const db = await getDb();
  return db
    .select({
      id: llmKeys.id,
      workspaceId: llmKeys.workspaceId,
      ownerUserId: llmKeys.ownerUserId,
      ciphertext: llmKeys.ciphertext,
      provider: llmKeys.provider,
      scope: llmKeys.scope,
      keyHint: llmKeys.keyHint,
      openaiProject: llmKeys.openaiProject,
      openaiOrganization: llmKeys.openaiOrganization,
      createdAt: llmKeys.createdAt,
      updatedAt: llmKeys.updatedAt,
      lastUsedAt: llmKeys.lastUsedAt,
      createdBy: { userId: users.id, name: users.name, email: users.email },
    })
    .from(llmKeys)
    .leftJoin(users, eq(users.id, llmKeys.createdBy))
    .where(
      and(
        eq(llmKeys.workspaceId, workspaceId),
        or(eq(llmKeys.scope, "workspace"), and(eq(llmKeys.scope, "personal"), eq(llmKeys.ownerUserId, userId))),
      ),
    )
    .orderBy(llmKeys.provider, llmKeys.scope);
}

/** Encrypts and upserts the slot's key; `replaced` says whether one was there before. */
export async function storeKey({
  slot,
  apiKey,
  project = null,
  organization = null,
}: {
  slot: KeySlot;
  apiKey: string;
  project?: string | null;
  organization?: string | null;
}) {
  const binding = bindingOfSlot(slot);
  const values = {
    ...binding,
    ciphertext: encryptSecret({ plaintext: apiKey, binding, keyring: getKeyring() }),
    keyHint: keyHint(apiKey),
    openaiProject: project,
    openaiOrganization: organization,
    createdBy: slot.userId,
    updatedAt: sql`now()`,
  };
  const db = await getDb();
  const [row] = await db
    .insert(llmKeys)
    .values(values)
    .onConflictDoUpdate({
      target:
        slot.scope === "personal" ? [llmKeys.workspaceId, llmKeys.provider, llmKeys.ownerUserId] : [llmKeys.workspaceId, llmKeys.provider],
      targetWhere: sql`${llmKeys.scope} = ${slot.scope}`,
      set: {
        ciphertext: values.ciphertext,
        keyHint: values.keyHint,
        openaiProject: project,
        openaiOrganization: organization,
        createdBy: slot.userId,
        updatedAt: sql`now()`,
        lastUsedAt: null,
      },
    })
    .returning();
  if (!row) throw new Error("llm_keys upsert returned nothing");
  forgetKey(row.id);
  // now() is the transaction's start, so only a row created in an earlier transaction differs.
  return { row, replaced: row.createdAt.getTime() !== row.updatedAt.getTime() };
}

export async function removeKey({ slot }: { slot: KeySlot }) {
  const db = await getDb();
  const [row] = await db.delete(llmKeys).where(slotWhere(slot)).returning();
  if (row) forgetKey(row.id);
  return row ?? null;
}

/** Every key row of a workspace, every member's personal keys included. */
export async function findWorkspaceKeyRows({ workspaceId }: { workspaceId: string }) {
  const db = await getDb();
  return db.select().from(llmKeys).where(eq(llmKeys.workspaceId, workspaceId)).orderBy(llmKeys.provider, llmKeys.scope);
}

/** Deletes these rows only if each still holds the ciphertext read: a key saved again meanwhile stays. */
export async function removeKeyRowsIfUnchanged({ rows }: { rows: Pick<LlmKey, "id" | "ciphertext">[] }) {
  if (rows.length === 0) return [];
  const db = await getDb();
  const removed = await db
    .delete(llmKeys)
    .where(or(...rows.map((row) => and(eq(llmKeys.id, row.id), eq(llmKeys.ciphertext, row.ciphertext)))))
    .returning();
  for (const row of removed) forgetKey(row.id);
  return removed;
}

export async function findKeyRow({ slot }: { slot: KeySlot }) {
  const db = await getDb();
  const [row] = await db.select().from(llmKeys).where(slotWhere(slot));
  return row ?? null;
}

/**
 * The rows that could serve a member's call (their personal key and the workspace key) and the
 * workspace's fallback allowance, in one statement: the workspace row left-joined with its keys.
 * `fresh` skips the 5 s cache (pages that show what a write just changed).
 */
export async function findUsableKeyRows({
  workspaceId,
  userId,
  provider,
  fresh = false,
}: {
  workspaceId: string;
  userId: string;
  provider: LlmProvider;
  fresh?: boolean;
}): Promise<UsableKeys> {
  const cacheId = `${workspaceId}|${userId}|${provider}`;
  const hit = fresh ? undefined : usableRows.get(cacheId);
  if (hit) return hit;
  const db = await getDb();
  const joined = await db
    .select({ fallbackAllowed: workspaces.fallbackKeysAllowed, key: llmKeys })
    .from(workspaces)
    .leftJoin(
      llmKeys,
      and(
        eq(llmKeys.workspaceId, workspaces.id),
        eq(llmKeys.provider, provider),
        or(eq(llmKeys.scope, "workspace"), and(eq(llmKeys.scope, "personal"), eq(llmKeys.ownerUserId, userId))),
      ),
    )
    .where(eq(workspaces.id, workspaceId));
  const usable: UsableKeys = {
    rows: joined.flatMap((r) => (r.key ? [r.key] : [])),
    fallbackAllowedInDatabase: joined[0]?.fallbackAllowed ?? false,
  };
  usableRows.set(cacheId, usable);
  return usable;
}

const SLOT_LABEL: Record<LlmProvider, string> = { openai: "OpenAI API key", "openai-admin": "OpenAI Admin key" };

// A 500: the request is fine and retrying will not help; this server's keyring cannot open the row
// (a preview running on production's data, or a key version dropped from ENCRYPTION_KEYS).
export const keyDecryptFailed = (row: Pick<LlmKey, "provider" | "scope" | "keyHint" | "ciphertext">) => {
  const keyVersion = envelopeVersion(row.ciphertext);
  const [whose, remedy] =
    row.scope === "personal"
      ? ["Your personal", "You can save the key again (or remove it) in Settings → API keys."]
      : ["The workspace's", "An admin can save the key again, or remove the undecryptable keys, in Settings → API keys."];
  return new AppError(
    "key_decrypt_failed",
    `${whose} ${SLOT_LABEL[row.provider]} (${row.keyHint}) cannot be decrypted here: it was saved under encryption key version "${keyVersion}" of a keyring this server's ENCRYPTION_KEYS do not hold (for example a preview deploy running on a copy of production's data). ${remedy}`,
    { provider: row.provider, scope: row.scope, keyVersion },
  );
};

/** Decrypts a stored key; a failure is audited and becomes a clear 500 for this call only. */
export async function openKeyRow({ row, actorUserId }: { row: LlmKey; actorUserId: string | null }): Promise<string> {
  const hit = cachedKey(row);
  if (hit) return hit;
  try {
    const apiKey = decryptSecret({ envelope: row.ciphertext, binding: bindingOfRow(row), keyring: getKeyring() });
    cacheKey(row, apiKey);
    return apiKey;
  } catch (error) {
    if (!(error instanceof DecryptError)) throw error;
    log("error", "vault_decrypt_failed", { keyId: row.id, workspaceId: row.workspaceId, provider: row.provider, reason: error.message });
    await recordAuditEvent({
      workspaceId: row.workspaceId,
      actorUserId,
      action: "key.decrypt_failed",
      provider: row.provider,
      scope: row.scope,
      keyHint: row.keyHint,
    }).catch((auditError) => log("error", "audit_write_failed", { cause: String(auditError) }));
    throw keyDecryptFailed(row);
  }
}
