import "server-only";
import { AUDIT_ACTIONS, type KeyScope, type LlmProvider, type Role } from "@/db/schema";
import { countAuditEvents, listAuditEvents, recordAuditEvent } from "@/lib/audit/events";
import { AppError, badRequest, forbidden, notFound } from "@/lib/errors";
import type { OpenAICredential } from "@/lib/openai/client";
import { checkOpenAIKey } from "@/lib/openai/key-check";
import { admitAttempt, recordFailure } from "@/lib/limits/throttle";
import { hasRole } from "@/lib/workspaces/roles";
import { keyShapeProblem } from "@/lib/openai/key-format";
import { envelopeVersion } from "./cipher";
import { keyReadability } from "./readability";
import { type KeyInUse, keyInUse } from "./resolve";
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

/** Per provider, which key the actor's calls use (personal, workspace, instance or none) and whether the instance's would serve. */
export async function keysInUse({ actor }: { actor: Pick<Actor, "workspaceId" | "userId"> }) {
  const of = (provider: LlmProvider) => keyInUse({ workspaceId: actor.workspaceId, userId: actor.userId, provider });
  const [openai, admin] = await Promise.all([of("openai"), of("openai-admin")]);
  return { openai, "openai-admin": admin };
}

/** The keys a member sees, each marked whether this server can decrypt it; never the key or its ciphertext. */
export async function listKeys({ actor }: { actor: Actor }) {
  const [rows, inUse] = await Promise.all([
    listVisibleKeys({ workspaceId: actor.workspaceId, userId: actor.userId }),
    keysInUse({ actor }),
  ]);
  const keys = rows.map((row) => {
    const { id, workspaceId, ownerUserId, ciphertext, ...shown } = row;
    return { ...shown, ...keyReadability(row) };
  });
  return {
    workspaceId: actor.workspaceId,
    keys,
    keyInUse: { openai: inUse.openai.key, "openai-admin": inUse["openai-admin"].key } satisfies Record<LlmProvider, KeyInUse>,
    /** Whether the instance's key serves this workspace when it has no key of its own. */
    serverFallback: { openai: inUse.openai.instanceKeyAvailable, "openai-admin": inUse["openai-admin"].instanceKeyAvailable },
  };
}

export async function saveKey({
  actor,
  provider,
  scope,
  apiKey,
  project = null,
  organization = null,
  verify,
  clientAddress = "local",
}: {
  actor: Actor;
  provider: LlmProvider;
  scope: KeyScope;
  apiKey: string;
  /** The OpenAI project and organisation the key belongs to: sent with every call made with it. */
  project?: string | null;
  organization?: string | null;
  verify: boolean;
  /** Who asked, for the key-check throttle; scripts on the server itself are "local". */
  clientAddress?: string;
}) {
  const slot = slotFor({ actor, provider, scope, write: true });
  const problem = keyShapeProblem(provider, apiKey);
  if (problem) throw badRequest(problem, [{ path: "apiKey", message: problem }]);
  if (verify) {
    const check = await throttledKeyCheck({ actor, clientAddress, provider, apiKey, project, organization });
    if (check.status !== "valid")
      throw new AppError(check.status === "revoked" ? "key_rejected" : "key_wrong_kind", `${check.message} Nothing was saved.`);
  }
  const { row, replaced } = await storeKey({ slot, apiKey, project, organization });
  await recordAuditEvent({
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    action: replaced ? "key.replaced" : "key.saved",
    provider,
    scope,
    keyHint: row.keyHint,
    detail: verify ? "verified with OpenAI" : "saved without verification",
  });
  return {
    saved: true,
    provider,
    workspaceId: actor.workspaceId,
    keyHint: row.keyHint,
    openaiProject: row.openaiProject,
    openaiOrganization: row.openaiOrganization,
    updatedAt: row.updatedAt,
    scope,
    replaced,
  };
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
 * Every upstream key check (test, save-with-verify) is throttled per workspace and client address,
 * so the server cannot be used to try out keys at scale; a rejected key counts toward a lockout.
 */
async function throttledKeyCheck({
  actor,
  clientAddress,
  provider,
  ...credential
}: OpenAICredential & {
  actor: Actor;
  clientAddress: string;
  provider: LlmProvider;
}) {
  const target = { workspace: actor.workspaceId, address: clientAddress };
  await admitAttempt({ action: "key_check", target });
  const check = await checkOpenAIKey({ provider, ...credential });
  if (check.status !== "valid") await recordFailure({ action: "key_check", target });
  return check;
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
    removed: removed.map((row) => ({
      provider: row.provider,
      scope: row.scope,
      keyHint: row.keyHint,
      keyVersion: envelopeVersion(row.ciphertext),
    })),
  };
}

/** Calls OpenAI with the stored key; any member may test a key they can see. */
export async function testKey({
  actor,
  provider,
  scope,
  clientAddress,
}: {
  actor: Actor;
  provider: LlmProvider;
  scope: KeyScope;
  clientAddress: string;
}) {
  const row = await findKeyRow({ slot: slotFor({ actor, provider, scope, write: false }) });
  if (!row) throw notFound(`There is no ${scope} key for ${provider} to test.`);
  const apiKey = await openKeyRow({ row, actorUserId: actor.userId });
  const check = await throttledKeyCheck({
    actor,
    clientAddress,
    provider,
    apiKey,
    project: row.openaiProject,
    organization: row.openaiOrganization,
  });
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

const KEY_ACTIONS = AUDIT_ACTIONS.filter((a) => a.startsWith("key.") || a.startsWith("fallback."));

/** One page of the workspace's key activity, newest first, and how many such events there are in all. */
export async function listKeyAudit({ actor, limit = 50, offset = 0 }: { actor: Actor; limit?: number; offset?: number }) {
  const [events, total] = await Promise.all([
    listAuditEvents({ workspaceId: actor.workspaceId, limit, offset, actions: KEY_ACTIONS }),
    countAuditEvents({ workspaceId: actor.workspaceId, actions: KEY_ACTIONS }),
  ]);
  return { events, total };
}
