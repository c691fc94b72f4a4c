import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { type Database, getDb } from "@/lib/database";
import { invites, memberships, type Role, users, workspaces } from "@/db/schema";
import { AppError, conflict, forbidden, notFound } from "@/lib/errors";
import { env } from "@/lib/config/env";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Invite tokens are 32 base64url characters; anything far from that shape is garbage. */
export const INVITE_TOKEN = /^[A-Za-z0-9_-]{10,200}$/;

const stillOpen = () => and(isNull(invites.acceptedAt), isNull(invites.revokedAt));

/** Inviting an email that already has an open invite replaces it: one row, a new link, the old link dead. */
export async function createInvite(input: { workspaceId: string; email: string; role: Role; invitedBy: string; actorRole: Role }) {
  if (input.role === "owner" && input.actorRole !== "owner") throw forbidden("Only an owner can invite an owner.");
  const db = await getDb();
  const member = await db
    .select({ userId: users.id })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(users.email, input.email), eq(memberships.workspaceId, input.workspaceId)));
  if (member.length > 0) throw conflict("That person is already a member of this workspace.", "already_member");
  const token = randomBytes(24).toString("base64url");
  const fresh = {
    role: input.role,
    tokenHash: hashToken(token),
    invitedBy: input.invitedBy,
    expiresAt: new Date(Date.now() + env().INVITE_TTL_HOURS * 3600_000),
    createdAt: new Date(),
  };
  const [invite] = await db
    .insert(invites)
    .values({ workspaceId: input.workspaceId, email: input.email, ...fresh })
    .onConflictDoUpdate({
      target: [invites.workspaceId, invites.email],
      targetWhere: sql`${invites.acceptedAt} is null and ${invites.revokedAt} is null`,
      set: fresh,
    })
    .returning({ id: invites.id, email: invites.email, role: invites.role, expiresAt: invites.expiresAt });
  if (!invite) throw new Error("invite upsert returned nothing");
  return { invite, token };
}

export async function listPendingInvites({ workspaceId }: { workspaceId: string }) {
  const db = await getDb();
  return db
    .select({ id: invites.id, email: invites.email, role: invites.role, expiresAt: invites.expiresAt })
    .from(invites)
    .where(and(eq(invites.workspaceId, workspaceId), stillOpen(), gt(invites.expiresAt, new Date())))
    .orderBy(desc(invites.createdAt));
}

/** The row stays, marked revoked, so that its link can say what happened. */
export async function revokeInvite({ workspaceId, inviteId }: { workspaceId: string; inviteId: string }) {
  const db = await getDb();
  const rows = await db
    .update(invites)
    .set({ revokedAt: new Date() })
    .where(and(eq(invites.id, inviteId), eq(invites.workspaceId, workspaceId), stillOpen()))
    .returning({ id: invites.id });
  if (rows.length === 0) throw notFound("Invite not found, or already used or revoked.");
}

/** Whether someone invited this email to any workspace (an invite lets its addressee create an account). */
export async function hasOpenInvite(db: Database, { email }: { email: string }) {
  const rows = await db
    .select({ id: invites.id })
    .from(invites)
    .where(and(eq(invites.email, email.toLowerCase()), stillOpen(), gt(invites.expiresAt, new Date())))
    .limit(1);
  return rows.length > 0;
}

export type InviteState = "pending" | "accepted" | "revoked" | "expired";

export async function findInvite({ token }: { token: string }) {
  if (!INVITE_TOKEN.test(token)) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      id: invites.id,
      email: invites.email,
      role: invites.role,
      expiresAt: invites.expiresAt,
      acceptedAt: invites.acceptedAt,
      revokedAt: invites.revokedAt,
      workspaceId: invites.workspaceId,
      workspaceName: workspaces.name,
    })
    .from(invites)
    .innerJoin(workspaces, eq(workspaces.id, invites.workspaceId))
    .where(eq(invites.tokenHash, hashToken(token)));
  if (!row) return null;
  const state: InviteState = row.acceptedAt
    ? "accepted"
    : row.revokedAt
      ? "revoked"
      : row.expiresAt.getTime() <= Date.now()
        ? "expired"
        : "pending";
  return { ...row, state };
}

export type FoundInvite = NonNullable<Awaited<ReturnType<typeof findInvite>>>;

/** Why an invite link cannot be used, in words for its reader; null when it can. */
export function inviteProblem(invite: FoundInvite | null): AppError | null {
  if (!invite) return notFound("This invite link is not valid. Check that you copied all of it, or ask for a new one.");
  switch (invite.state) {
    case "accepted":
      return new AppError("invite_used", "This invite has already been used.");
    case "revoked":
      return new AppError("invite_revoked", `This invite was revoked. Ask an admin of ${invite.workspaceName} for a new one.`);
    case "expired":
      return new AppError("invite_expired", `This invite has expired. Ask an admin of ${invite.workspaceName} for a new one.`);
    default:
      return null;
  }
}

/** The invite's email must be the signed-in user's; accepting makes the workspace current. */
export async function acceptInvite({ token, userId, userEmail }: { token: string; userId: string; userEmail: string }) {
  const invite = await findInvite({ token });
  const problem = inviteProblem(invite);
  if (problem || !invite) throw problem;
  if (invite.email !== userEmail.toLowerCase())
    throw forbidden(`This invite is for ${invite.email}. Sign in with that email to accept it.`);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const claimed = await tx
      .update(invites)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invites.id, invite.id), stillOpen()))
      .returning({ id: invites.id });
    if (claimed.length === 0) throw new AppError("invite_used", "This invite has already been used or was revoked.");
    await tx.insert(memberships).values({ workspaceId: invite.workspaceId, userId, role: invite.role }).onConflictDoNothing();
    await tx.update(users).set({ currentWorkspaceId: invite.workspaceId }).where(eq(users.id, userId));
  });
  return { workspaceId: invite.workspaceId, workspaceName: invite.workspaceName, role: invite.role };
}
