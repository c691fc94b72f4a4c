import "server-only";
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { type Database, getDb } from "@/lib/database";
import { memberships, type Role, routeMetrics, users, workspaces } from "@/db/schema";
import { badRequest, notFound } from "@/lib/errors";

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

export interface WorkspaceDeletion {
  deleted: { id: string; name: string; members: number };
  /** The deleting user's workspace now: the one they had open if it was another, else their oldest remaining, else a fresh personal one. */
  next: { id: string; name: string; created: boolean };
  /** Former members (the deleting user included) who had no other workspace and got a fresh personal one. */
  personalWorkspacesCreated: number;
}

/**
 * Deletes a workspace and everything of it (keys, calls, invites, settings, budgets, spend, audit:
 * the schema cascades from workspaces.id), once `confirmName` is exactly its name. Every former
 * member whose current workspace it was moves to their oldest remaining one; a former member left
 * with none (the deleting owner too) gets a fresh personal workspace, so nobody lands nowhere.
 * The route decides who may (owners); this checks the typed name under the row's lock.
 */
export async function deleteWorkspace({
  workspaceId,
  userId,
  confirmName,
}: {
  workspaceId: string;
  userId: string;
  confirmName: string;
}): Promise<WorkspaceDeletion> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [workspace] = await tx
      .select({ id: workspaces.id, name: workspaces.name })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId))
      .for("update");
    if (!workspace) throw notFound("Workspace not found.");
    if (confirmName !== workspace.name)
      throw badRequest(`Type the workspace's name, "${workspace.name}", exactly to delete it.`, [
        { path: "confirmName", message: "Does not match the workspace's name." },
      ]);
    const formerMembers = await tx
      .select({ userId: users.id, name: users.name, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.workspaceId, workspaceId));
    await tx.delete(workspaces).where(eq(workspaces.id, workspaceId));
    // Route metrics name the workspace without a foreign key (they are written after the answer, in bulk).
    await tx.delete(routeMetrics).where(eq(routeMetrics.workspaceId, workspaceId));

    const ids = formerMembers.map((m) => m.userId);
    // Those who had it open now have their oldest remaining workspace open, or none yet.
    if (ids.length > 0)
      await tx
        .update(users)
        .set({
          currentWorkspaceId: sql`(select ${memberships.workspaceId} from ${memberships} where ${memberships.userId} = ${users.id} order by ${memberships.createdAt} asc limit 1)`,
        })
        .where(and(inArray(users.id, ids), or(eq(users.currentWorkspaceId, workspaceId), isNull(users.currentWorkspaceId))));
    const stillInOne = new Set(
      ids.length === 0
        ? []
        : (await tx.selectDistinct({ userId: memberships.userId }).from(memberships).where(inArray(memberships.userId, ids))).map(
            (r) => r.userId,
          ),
    );
    let created = 0;
    for (const member of formerMembers) {
      if (stillInOne.has(member.userId)) continue;
      await insertWorkspace(tx, { userId: member.userId, name: personalWorkspaceName(member.name ?? member.email ?? "") });
      created++;
    }
    const [landing] = await tx
      .select({ id: workspaces.id, name: workspaces.name })
      .from(users)
      .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.workspaceId, users.currentWorkspaceId)))
      .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
      .where(eq(users.id, userId));
    if (!landing) throw new Error("the deleting user has no current workspace after the deletion");
    const next = { ...landing, created: !stillInOne.has(userId) };
    return {
      deleted: { id: workspace.id, name: workspace.name, members: formerMembers.length },
      next,
      personalWorkspacesCreated: created,
    };
  });
}
