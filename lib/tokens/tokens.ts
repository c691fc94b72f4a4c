import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { apiTokens, type Role, type TokenScope, users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/events";
import { hasRole } from "@/lib/workspaces/roles";
import { notFound } from "@/lib/errors";
import { mintToken, tokenHint } from "./credential";

const DAY_MS = 86_400_000;

/** Who asks: admins see and revoke every token of the workspace, members only their own. */
interface Viewer {
  userId: string;
  role: Role;
}

/** A new token for the member in this workspace; the returned `token` is the only time its secret exists outside the caller. */
export async function createToken({
  workspaceId,
  userId,
  name,
  scopes,
  expiresInDays,
}: {
  workspaceId: string;
  userId: string;
  name: string;
  scopes: TokenScope[];
  expiresInDays: number | null;
}) {
  const { token, id, secretHash } = mintToken();
  const expiresAt = expiresInDays === null ? null : new Date(Date.now() + expiresInDays * DAY_MS);
  const db = await getDb();
  const [row] = await db.insert(apiTokens).values({ id, workspaceId, userId, name, secretHash, scopes, expiresAt }).returning({
    id: apiTokens.id,
    name: apiTokens.name,
    scopes: apiTokens.scopes,
    expiresAt: apiTokens.expiresAt,
    createdAt: apiTokens.createdAt,
  });
  await recordAuditEvent({
    workspaceId,
    actorUserId: userId,
    action: "token.created",
    keyHint: tokenHint(id),
    detail: `${name} (${scopes.join(", ")})`,
  });
  return { token, ...row!, hint: tokenHint(id) };
}

/** The workspace's tokens the viewer may see, newest first, with their state; never a secret or its hash. */
export async function listTokens({ workspaceId, viewer }: { workspaceId: string; viewer: Viewer }) {
  const db = await getDb();
  const rows = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scopes: apiTokens.scopes,
      userId: apiTokens.userId,
      ownerEmail: users.email,
      ownerName: users.name,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.workspaceId, workspaceId), hasRole(viewer.role, "admin") ? undefined : eq(apiTokens.userId, viewer.userId)))
    .orderBy(desc(apiTokens.createdAt))
    .limit(500);
  const now = Date.now();
  return rows.map((row) => ({
    ...row,
    hint: tokenHint(row.id),
    status: row.revokedAt
      ? ("revoked" as const)
      : row.expiresAt && row.expiresAt.getTime() <= now
        ? ("expired" as const)
        : ("active" as const),
  }));
}

/** Revokes a token at once (the next request with it is refused); 404 for one the viewer may not see. */
export async function revokeToken({ workspaceId, tokenId, viewer }: { workspaceId: string; tokenId: string; viewer: Viewer }) {
  const db = await getDb();
  const mine = hasRole(viewer.role, "admin") ? undefined : eq(apiTokens.userId, viewer.userId);
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date(), revokedBy: viewer.userId })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.workspaceId, workspaceId), isNull(apiTokens.revokedAt), mine))
    .returning({ id: apiTokens.id, name: apiTokens.name, revokedAt: apiTokens.revokedAt });
  if (!row) {
    const [existing] = await db
      .select({ revokedAt: apiTokens.revokedAt })
      .from(apiTokens)
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.workspaceId, workspaceId), mine));
    if (existing?.revokedAt) return { id: tokenId, revokedAt: existing.revokedAt, alreadyRevoked: true };
    throw notFound("No such token in this workspace.");
  }
  await recordAuditEvent({
    workspaceId,
    actorUserId: viewer.userId,
    action: "token.revoked",
    keyHint: tokenHint(row.id),
    detail: row.name,
  });
  return { id: row.id, revokedAt: row.revokedAt, alreadyRevoked: false };
}
