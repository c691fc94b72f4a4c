import { asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { llmKeys, memberships, users, workspaces } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/events";
import { conflict, notFound } from "@/lib/errors";
import { forgetUsableRows } from "@/lib/vault/cache";
import { fallbackAllowed, fallbackSetByEnvironment, serverFallbackConfigured } from "@/lib/vault/fallback";

// The instance owner's view of every workspace: who may spend the server's fallback keys.

const MAX_LISTED = 1000;
const hasWorkspaceKey = (provider: "openai" | "openai-admin") =>
  sql<boolean>`exists (select 1 from ${llmKeys} where ${llmKeys.workspaceId} = ${workspaces.id} and ${llmKeys.scope} = 'workspace' and ${llmKeys.provider} = ${provider})`;

export async function listInstanceWorkspaces() {
  const db = await getDb();
  const rows = await db
    .select({
      id: workspaces.id,
      name: workspaces.name,
      createdAt: workspaces.createdAt,
      createdBy: users.email,
      fallbackKeysAllowed: workspaces.fallbackKeysAllowed,
      members: sql<number>`(select count(*) from ${memberships} where ${memberships.workspaceId} = ${workspaces.id})`.mapWith(Number),
      ownApiKey: hasWorkspaceKey("openai"),
      ownAdminKey: hasWorkspaceKey("openai-admin"),
    })
    .from(workspaces)
    .leftJoin(users, eq(users.id, workspaces.createdBy))
    .orderBy(asc(workspaces.createdAt), asc(workspaces.id))
    .limit(MAX_LISTED);
  return {
    setBy: fallbackSetByEnvironment() ? ("environment" as const) : ("owner" as const),
    serverKeys: { openai: serverFallbackConfigured("openai"), "openai-admin": serverFallbackConfigured("openai-admin") },
    workspaces: rows.map(({ fallbackKeysAllowed, ownApiKey, ownAdminKey, ...w }) => ({
      ...w,
      ownKeys: { openai: Boolean(ownApiKey), "openai-admin": Boolean(ownAdminKey) },
      fallbackKeysAllowed: fallbackAllowed({ workspaceId: w.id, allowedInDatabase: fallbackKeysAllowed }),
    })),
  };
}

/** Allows or withdraws a workspace's use of the server's keys; recorded in that workspace's key activity. */
export async function setFallbackAllowance({
  actorUserId,
  workspaceId,
  allowed,
}: {
  actorUserId: string;
  workspaceId: string;
  allowed: boolean;
}) {
  if (fallbackSetByEnvironment())
    throw conflict(
      "OPENAI_FALLBACK_WORKSPACES is set, so the environment decides which workspaces may use the server's keys. Change it there.",
    );
  const db = await getDb();
  const [row] = await db
    .update(workspaces)
    .set({ fallbackKeysAllowed: allowed })
    .where(eq(workspaces.id, workspaceId))
    .returning({ id: workspaces.id, name: workspaces.name, fallbackKeysAllowed: workspaces.fallbackKeysAllowed });
  if (!row) throw notFound("No such workspace.");
  forgetUsableRows();
  await recordAuditEvent({
    workspaceId,
    actorUserId,
    action: allowed ? "fallback.allowed" : "fallback.revoked",
    detail: "by the instance owner (OPENAI_API_KEY / OPENAI_ADMIN_KEY)",
  });
  return row;
}
