import { eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { memberships, type Role, users } from "@/db/schema";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { log } from "@/lib/log";
import { mailConfigured, sendPasswordResetEmail } from "@/lib/mail";
import { hasRole } from "@/lib/workspaces/roles";
import { resetPasswordUrl } from "./links";
import { RESET_MINUTES } from "./password-reset";
import { issueUserToken } from "./user-tokens";

// A reset link is the power to become that person, everywhere they are a member. So an admin may make
// one only for someone whose every shared workspace the admin also runs (an owner's only by an owner);
// workspaces where the person is alone are theirs. The instance owner's is never made for them.

interface MembershipView {
  workspaceId: string;
  targetRole: Role;
  actorRole: Role | null;
  members: number;
}

/** Why the actor may not reset this person's password, or null when they may. */
export function resetLinkRefusal({
  workspaceId,
  memberships: theirs,
  targetIsInstanceOwner,
  self,
}: {
  workspaceId: string;
  memberships: MembershipView[];
  targetIsInstanceOwner: boolean;
  self: boolean;
}): AppError | null {
  const here = theirs.find((m) => m.workspaceId === workspaceId);
  if (!here) return notFound("That person is not a member of this workspace.");
  if (self) return null;
  if (targetIsInstanceOwner) return forbidden("The instance owner's password cannot be reset by a workspace admin.");
  const outranked = (m: MembershipView) => !m.actorRole || !hasRole(m.actorRole, m.targetRole === "owner" ? "owner" : "admin");
  if (outranked(here)) return forbidden("Only an owner can make a reset link for an owner.");
  if (theirs.some((m) => m.members > 1 && outranked(m)))
    return forbidden(
      "This person also belongs to workspaces you do not run, so only they can reset their password (by email), or an admin of all of them.",
    );
  return null;
}

/**
 * A password-reset link for a member, made by an admin of the workspace: mailed to them when SMTP is
 * set (the admin never sees it), else returned for the admin to hand over, as invite links are.
 */
export async function createMemberResetLink({
  workspaceId,
  actorUserId,
  targetUserId,
  origin,
}: {
  workspaceId: string;
  actorUserId: string;
  targetUserId: string;
  origin: string;
}) {
  const db = await getDb();
  const actor = sql`(select a.role from memberships a where a.workspace_id = ${memberships.workspaceId} and a.user_id = ${actorUserId})`;
  const others = sql`(select count(*) from memberships o where o.workspace_id = ${memberships.workspaceId})`;
  const rows = await db
    .select({
      workspaceId: memberships.workspaceId,
      targetRole: memberships.role,
      actorRole: sql<Role | null>`${actor}`,
      members: sql<number>`${others}::int`,
      email: users.email,
      isInstanceOwner: users.isInstanceOwner,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.userId, targetUserId));
  const refusal = resetLinkRefusal({
    workspaceId,
    memberships: rows.map((r) => ({ ...r, members: Number(r.members) })),
    targetIsInstanceOwner: rows[0]?.isInstanceOwner ?? false,
    self: actorUserId === targetUserId,
  });
  if (refusal) throw refusal;
  const email = rows[0]?.email;
  if (!email) throw notFound("That person has no email address to reset a password for.");
  const { token, expiresAt } = await issueUserToken({ userId: targetUserId, email, purpose: "password_reset" });
  const resetUrl = resetPasswordUrl(origin, token);
  log("info", "reset_link_created", { workspaceId, actorUserId, targetUserId, mailed: mailConfigured() });
  if (!mailConfigured()) return { emailed: false, resetUrl, expiresAt, email };
  if (!(await sendPasswordResetEmail({ to: email, resetUrl, minutes: RESET_MINUTES })))
    throw new AppError("mail_failed", "The reset mail could not be sent. Check the server's SMTP settings, then try again.");
  return { emailed: true, expiresAt, email };
}
