import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { memberships, type Role, users } from "@/db/schema";
import { AppError, forbidden, notFound } from "@/lib/errors";

/** A workspace's members, oldest first; one page of them when `limit` is given. */
export async function listMembers({ workspaceId, limit, offset = 0 }: { workspaceId: string; limit?: number; offset?: number }) {
  const db = await getDb();
  const query = db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    // The user id breaks ties, so that pages neither repeat nor skip anyone.
    .orderBy(asc(memberships.createdAt), asc(memberships.userId));
  return limit === undefined ? query : query.limit(limit).offset(offset);
}

export async function countMembers({ workspaceId }: { workspaceId: string }): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(memberships).where(eq(memberships.workspaceId, workspaceId));
  return row?.n ?? 0;
}

const lastOwner = () => new AppError("last_owner", "A workspace needs at least one owner: make someone else owner first.");

interface MemberChange {
  workspaceId: string;
  actorRole: Role;
  targetUserId: string;
}

async function targetRole(tx: Pick<Awaited<ReturnType<typeof getDb>>, "select">, change: MemberChange) {
  const [row] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, change.workspaceId), eq(memberships.userId, change.targetUserId)))
    .for("update");
  if (!row) throw notFound("That person is not a member of this workspace.");
  return row.role;
}

async function ownerCount(tx: Pick<Awaited<ReturnType<typeof getDb>>, "select">, workspaceId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner")));
  return row?.n ?? 0;
}

/** Only owners grant or take away ownership; admins manage members and admins. */
export async function changeMemberRole(change: MemberChange & { role: Role }) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const current = await targetRole(tx, change);
    if ((current === "owner" || change.role === "owner") && change.actorRole !== "owner")
      throw forbidden("Only an owner can grant or remove the owner role.");
    if (current === "owner" && change.role !== "owner" && (await ownerCount(tx, change.workspaceId)) <= 1) throw lastOwner();
    await tx
      .update(memberships)
      .set({ role: change.role })
      .where(and(eq(memberships.workspaceId, change.workspaceId), eq(memberships.userId, change.targetUserId)));
    return { userId: change.targetUserId, role: change.role };
  });
}

export async function removeMember(change: MemberChange & { actorUserId: string }) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const current = await targetRole(tx, change);
    const leaving = change.actorUserId === change.targetUserId;
    if (!leaving && change.actorRole === "member") throw forbidden("Only admins can remove members.");
    if (!leaving && current === "owner" && change.actorRole !== "owner") throw forbidden("Only an owner can remove an owner.");
    if (current === "owner" && (await ownerCount(tx, change.workspaceId)) <= 1) throw lastOwner();
    await tx.delete(memberships).where(and(eq(memberships.workspaceId, change.workspaceId), eq(memberships.userId, change.targetUserId)));
  });
}
