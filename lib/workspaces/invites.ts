import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { invites, memberships, type Role, users, workspaces } from "@/db/schema";
import { AppError, conflict, forbidden, notFound } from "@/lib/errors";

import { env } from "@/lib/config/env";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createInvite(input: {
  workspaceId: string;
  email: string;
  role: Role;
  invitedBy: string;
  actorRole: Role;
}) {
  if (input.role === "owner" && input.actorRole !== "owner") throw forbidden("Only an owner can invite an owner.");
  const db = await getDb();
  const member = await db
    .select({ userId: users.id })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(users.email, input.email), eq(memberships.workspaceId, input.workspaceId)));
  if (member.length > 0) throw conflict("That person is already a member of this workspace.", "already_member");
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + env().INVITE_TTL_HOURS * 3600_000);
  const [invite] = await db
    .insert(invites)
    .values({
      workspaceId: input.workspaceId,
      email: input.email,
      role: input.role,
      tokenHash: hashToken(token),
      invitedBy: input.invitedBy,
      expiresAt,
    })
    .returning({ id: invites.id, email: invites.email, role: invites.role, expiresAt: invites.expiresAt });
  if (!invite) throw new Error("invite insert returned nothing");
  return { invite, token };
}

export async function listPendingInvites({ workspaceId }: { workspaceId: string }) {
  const db = await getDb();
  return db
    .select({ id: invites.id, email: invites.email, role: invites.role, expiresAt: invites.expiresAt })
    .from(invites)
    .where(and(eq(invites.workspaceId, workspaceId), isNull(invites.acceptedAt), gt(invites.expiresAt, new Date())))
    .orderBy(desc(invites.createdAt));
}

export async function revokeInvite({ workspaceId, inviteId }: { workspaceId: string; inviteId: string }) {
  const db = await getDb();
  const rows = await db
    .delete(invites)
    .where(and(eq(invites.id, inviteId), eq(invites.workspaceId, workspaceId)))
    .returning({ id: invites.id });
  if (rows.length === 0) throw notFound("Invite not found.");
}

export async function findInvite({ token }: { token: string }) {
  const db = await getDb();
  const [row] = await db
    .select({
      id: invites.id,
      email: invites.email,
      role: invites.role,
      expiresAt: invites.expiresAt,
      acceptedAt: invites.acceptedAt,
      workspaceId: invites.workspaceId,
      workspaceName: workspaces.name,
    })
    .from(invites)
    .innerJoin(workspaces, eq(workspaces.id, invites.workspaceId))
    .where(eq(invites.tokenHash, hashToken(token)));
  return row ?? null;
}

/** The invite's email must be the signed-in user's; accepting makes the workspace current. */
export async function acceptInvite({ token, userId, userEmail }: { token: string; userId: string; userEmail: string }) {
  const invite = await findInvite({ token });
  if (!invite) throw notFound("This invite link is not valid.");
  if (invite.acceptedAt) throw new AppError("invite_used", "This invite has already been used.");
  if (invite.expiresAt.getTime() <= Date.now())
    throw new AppError("invite_expired", "This invite has expired. Ask an admin for a new one.");
  if (invite.email !== userEmail.toLowerCase())
    throw forbidden(`This invite is for ${invite.email}. Sign in with that email to accept it.`);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const claimed = await tx
      .update(invites)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invites.id, invite.id), isNull(invites.acceptedAt)))
      .returning({ id: invites.id });
    if (claimed.length === 0) throw new AppError("invite_used", "This invite has already been used.");
    await tx
      .insert(memberships)
      .values({ workspaceId: invite.workspaceId, userId, role: invite.role })
      .onConflictDoNothing();
    await tx.update(users).set({ currentWorkspaceId: invite.workspaceId }).where(eq(users.id, userId));
  });
  return { workspaceId: invite.workspaceId, workspaceName: invite.workspaceName, role: invite.role };
}
