import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { type Database, getDb } from "@/lib/database";
import { memberships, type Role, users, workspaces } from "@/db/schema";
import { notFound } from "@/lib/errors";

export interface WorkspaceAccess {
  workspaceId: string;
  workspaceName: string;
  role: Role;
}

/** Inserts a workspace owned by the user and makes it their current one; `db` may be a transaction. */
export async function insertWorkspace(
  db: Database,
  { userId, name, fallbackKeysAllowed = false }: { userId: string; name: string; fallbackKeysAllowed?: boolean },
) {
  const [workspace] = await db.insert(workspaces).values({ name, createdBy: userId, fallbackKeysAllowed }).returning();
  if (!workspace) throw new Error("workspace insert returned nothing");
  await db.insert(memberships).values({ workspaceId: workspace.id, userId, role: "owner" });
  await db.update(users).set({ currentWorkspaceId: workspace.id }).where(eq(users.id, userId));
  return workspace;
}

export async function createWorkspace({ userId, name }: { userId: string; name: string }) {
  const db = await getDb();
  return db.transaction((tx) => insertWorkspace(tx, { userId, name }));
}

export const personalWorkspaceName = (userName: string) => `${userName.split(/[\s@]/)[0] || "My"}'s workspace`;

export const createPersonalWorkspace = ({ userId, userName }: { userId: string; userName: string }) =>
  createWorkspace({ userId, name: personalWorkspaceName(userName) });

/** First sign-in through OAuth/OIDC: give the user a workspace unless they already belong to one. */
export async function ensurePersonalWorkspace({ userId, userName }: { userId: string; userName: string }) {
  const db = await getDb();
  const existing = await db
    .select({ workspaceId: memberships.workspaceId })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .limit(1);
  if (existing.length === 0) await createPersonalWorkspace({ userId, userName });
}

export async function listUserWorkspaces({ userId }: { userId: string }) {
  const db = await getDb();
  return db
    .select({ id: workspaces.id, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(workspaces.name));
}

/**
 * The caller's role in the workspace they asked for, or in their current one.
 * No membership means no access: unknown and foreign workspaces look the same (404).
 */
export async function resolveWorkspaceAccess({ userId, workspaceId }: { userId: string; workspaceId?: string }): Promise<WorkspaceAccess> {
  const db = await getDb();
  const select = {
    workspaceId: memberships.workspaceId,
    workspaceName: workspaces.name,
    role: memberships.role,
  };
  if (workspaceId) {
    const [row] = await db
      .select(select)
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    if (!row) throw notFound("Workspace not found, or you are not a member of it.");
    return row;
  }
  const [current] = await db
    .select(select)
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.workspaceId, users.currentWorkspaceId)))
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(users.id, userId));
  if (current) return current;
  const [first] = await db
    .select(select)
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  if (!first) throw notFound("You do not belong to any workspace yet. Create one to continue.");
  return first;
}

export async function switchWorkspace({ userId, workspaceId }: { userId: string; workspaceId: string }) {
  const db = await getDb();
  await db.update(users).set({ currentWorkspaceId: workspaceId }).where(eq(users.id, userId));
}

export async function renameWorkspace({ workspaceId, name }: { workspaceId: string; name: string }) {
  const db = await getDb();
  const [row] = await db.update(workspaces).set({ name }).where(eq(workspaces.id, workspaceId)).returning();
  if (!row) throw notFound("Workspace not found.");
  return row;
}
