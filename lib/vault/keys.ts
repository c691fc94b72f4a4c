import "server-only";
import type { KeyScope, LlmProvider, Role } from "@/db/schema";
import { listAuditEvents, recordAuditEvent } from "@/lib/audit/events";
import { AppError, badRequest, forbidden, notFound } from "@/lib/errors";
import { checkOpenAIKey } from "@/lib/openai/key-check";
import { hasRole } from "@/lib/workspaces/roles";
import { keyShapeProblem } from "@/lib/openai/key-format";
import { envelopeVersion } from "./cipher";
import { serverFallbackConfigured } from "./resolve";
import { keyReadability } from "./readability";
import {
  findKeyRow,
  findWorkspaceKeyRows,
  type KeySlot,
  listVisibleKeys,
  openKeyRow,
  removeKey,
  removeKeyRowsIfUnchanged,
  storeKey,
} from "./store";

// What routes call: who may touch which slot, upstream verification, and the audit trail.

interface Actor {
  workspaceId: string;
  userId: string;
  role: Role;
}

function slotFor({ actor, provider, scope, write }: { actor: Actor; provider: LlmProvider; scope: KeyScope; write: boolean }): KeySlot {
  if (write && scope === "workspace" && !hasRole(actor.role, "admin"))
    throw forbidden("Only admins and owners can change the workspace's keys. You can save a personal key instead.");
  return { workspaceId: actor.workspaceId, provider, scope, userId: actor.userId };
}

/** The keys a member sees, each marked whether this server can decrypt it; never the key or its ciphertext. */
export async function listKeys({ actor }: { actor: Actor }) {
  const rows = await listVisibleKeys({ workspaceId: actor.workspaceId, userId: actor.userId });
  const keys = rows.map((row) => {
    const { id, workspaceId, ownerUserId, ciphertext, ...shown } = row;
    return { ...shown, ...keyReadability(row) };
  });
  return {
    workspaceId: actor.workspaceId,
    keys,
    serverFallback: { openai: serverFallbackConfigured("openai"), "openai-admin": serverFallbackConfigured("openai-admin") },
  };
}

export async function saveKey({
  actor,
  provider,
  scope,
  apiKey,
  verify,
}: {
  actor: Actor;
  provider: LlmProvider;
  scope: KeyScope;
  apiKey: string;
  verify: boolean;
}) {
  const slot = slotFor({ actor, provider, scope, write: true });
  const problem = keyShapeProblem(provider, apiKey);
  if (problem) throw badRequest(problem, [{ path: "apiKey", message: problem }]);
  if (verify) {
    const check = await checkOpenAIKey({ provider, apiKey });
    if (check.status !== "valid")
      throw new AppError(check.status === "revoked" ? "key_rejected" : "key_wrong_kind", `${check.message} Nothing was saved.`);
  }
  const { row, replaced } = await storeKey({ slot, apiKey });
  await recordAuditEvent({
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    action: replaced ? "key.replaced" : "key.saved",
    provider,
    scope,
    keyHint: row.keyHint,
    detail: verify ? "verified with OpenAI" : "saved without verification",
  });
  return { saved: true, provider, workspaceId: actor.workspaceId, keyHint: row.keyHint, updatedAt: row.updatedAt, scope, replaced };
}

export async function deleteKey({ actor, provider, scope }: { actor: Actor; provider: LlmProvider; scope: KeyScope }) {
  const row = await removeKey({ slot: slotFor({ actor, provider, scope, write: true }) });
  if (row)
    await recordAuditEvent({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "key.deleted",
      provider,
      scope,
      keyHint: row.keyHint,
    });
  return { deleted: Boolean(row), provider, workspaceId: actor.workspaceId, scope };
}

/**
 * Deletes every key of the workspace this server cannot decrypt, every member's personal keys
 * included (they are unusable here and would shadow the workspace key), each audited as
 * `key.deleted` "undecryptable". How a preview seeded from production's data is re-keyed.
 */
export async function removeUndecryptableKeys({ actor }: { actor: Actor }) {
  if (!hasRole(actor.role, "admin")) throw forbidden("Only admins and owners can remove the workspace's undecryptable keys.");
  const rows = await findWorkspaceKeyRows({ workspaceId: actor.workspaceId });
  const removed = await removeKeyRowsIfUnchanged({ rows: rows.filter((row) => !keyReadability(row).decryptable) });
  for (const row of removed)
    await recordAuditEvent({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "key.deleted",
      provider: row.provider,
      scope: row.scope,
      keyHint: row.keyHint,
      detail: "undecryptable",
    });
  return {
    workspaceId: actor.workspaceId,
    removed: removed.map((row) => ({ provider: row.provider, scope: row.scope, keyHint: row.keyHint, keyVersion: envelopeVersion(row.ciphertext) })),
  };
}

/** Calls OpenAI with the stored key; any member may test a key they can see. */
export async function testKey({ actor, provider, scope }: { actor: Actor; provider: LlmProvider; scope: KeyScope }) {
  const row = await findKeyRow({ slot: slotFor({ actor, provider, scope, write: false }) });
  if (!row) throw notFound(`There is no ${scope} key for ${provider} to test.`);
  const apiKey = await openKeyRow({ row, actorUserId: actor.userId });
  const check = await checkOpenAIKey({ provider, apiKey });
  await recordAuditEvent({
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    action: "key.tested",
    provider,
    scope,
    keyHint: row.keyHint,
    detail: check.status,
  });
  return {
    provider,
    scope,
    workspaceId: actor.workspaceId,
    keyHint: row.keyHint,
    result: check.status,
    ok: check.status === "valid",
    message: check.status === "valid" ? "OpenAI accepted the key." : check.message,
  };
}

export const listKeyAudit = ({ actor }: { actor: Actor }) => listAuditEvents({ workspaceId: actor.workspaceId, limit: 50 });
