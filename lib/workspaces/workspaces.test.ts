import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { freshDataDir } from "@/test-support/embedded-db";

freshDataDir();
// These tests make many unrelated accounts; the sign-up policy has its own tests.
process.env.SIGNUP_MODE = "open";
const { getDb } = await import("@/lib/database");
const { invites, users } = await import("@/db/schema");
const { createPasswordUser } = await import("@/lib/auth/credentials");
const { resolveWorkspaceAccess, createWorkspace, switchWorkspace } = await import("./workspaces");
const { changeMemberRole, removeMember, listMembers } = await import("./members");
const { createInvite, acceptInvite } = await import("./invites");

let seq = 0;
const makeUser = (label: string) =>
  createPasswordUser({ name: label, email: `${label.toLowerCase()}-${++seq}@example.com`, password: "long enough pw" });

describe("workspaces", () => {
  let owner: Awaited<ReturnType<typeof makeUser>>;
  beforeAll(async () => {
    owner = await makeUser("Owner");
  });

  it("gives a new user a personal workspace they own, as their current one", async () => {
    const access = await resolveWorkspaceAccess({ userId: owner.id });
    expect(access).toMatchObject({ role: "owner", workspaceName: "Owner's workspace" });
  });

  it("refuses a workspace the user does not belong to, and an unknown one, alike", async () => {
    const other = await makeUser("Other");
    const theirs = await resolveWorkspaceAccess({ userId: other.id });
    await expect(resolveWorkspaceAccess({ userId: owner.id, workspaceId: theirs.workspaceId })).rejects.toMatchObject({
      status: 404,
    });
    await expect(resolveWorkspaceAccess({ userId: owner.id, workspaceId: "nope" })).rejects.toMatchObject({ status: 404 });
  });

  it("falls back to another membership when the current workspace was left", async () => {
    const user = await makeUser("Mover");
    const team = await createWorkspace({ userId: owner.id, name: "Team" });
    const { token } = await createInvite({
      workspaceId: team.id,
      email: user.email!,
      role: "member",
      invitedBy: owner.id,
      actorRole: "owner",
    });
    await acceptInvite({ token, userId: user.id, userEmail: user.email! });
    expect((await resolveWorkspaceAccess({ userId: user.id })).workspaceId).toBe(team.id);
    await removeMember({ workspaceId: team.id, actorRole: "member", actorUserId: user.id, targetUserId: user.id });
    expect((await resolveWorkspaceAccess({ userId: user.id })).workspaceName).toBe("Mover's workspace");
    await switchWorkspace({ userId: owner.id, workspaceId: team.id });
  });
});

describe("members and roles", () => {
  it("keeps at least one owner, and only owners touch ownership", async () => {
    const owner = await makeUser("Solo");
    const admin = await makeUser("Admin");
    const ws = await createWorkspace({ userId: owner.id, name: "Roles" });
    const { token } = await createInvite({
      workspaceId: ws.id,
      email: admin.email!,
      role: "admin",
      invitedBy: owner.id,
      actorRole: "owner",
    });
    await acceptInvite({ token, userId: admin.id, userEmail: admin.email! });

    await expect(changeMemberRole({ workspaceId: ws.id, actorRole: "owner", targetUserId: owner.id, role: "admin" })).rejects.toMatchObject(
      { status: 409, code: "last_owner" },
    );
    await expect(
      removeMember({ workspaceId: ws.id, actorRole: "owner", actorUserId: owner.id, targetUserId: owner.id }),
    ).rejects.toMatchObject({ code: "last_owner" });
    await expect(changeMemberRole({ workspaceId: ws.id, actorRole: "admin", targetUserId: admin.id, role: "owner" })).rejects.toMatchObject(
      { status: 403 },
    );
    await expect(
      removeMember({ workspaceId: ws.id, actorRole: "admin", actorUserId: admin.id, targetUserId: owner.id }),
    ).rejects.toMatchObject({ status: 403 });

    await changeMemberRole({ workspaceId: ws.id, actorRole: "owner", targetUserId: admin.id, role: "owner" });
    await removeMember({ workspaceId: ws.id, actorRole: "owner", actorUserId: owner.id, targetUserId: owner.id });
    expect((await listMembers({ workspaceId: ws.id })).map((m) => [m.email, m.role])).toEqual([[admin.email, "owner"]]);
  });
});

describe("invites", () => {
  it("stores only a hash of the token, and refuses expired, reused and misaddressed invites", async () => {
    const owner = await makeUser("Inviter");
    const guest = await makeUser("Guest");
    const ws = await createWorkspace({ userId: owner.id, name: "Invites" });
    const { token, invite } = await createInvite({
      workspaceId: ws.id,
      email: guest.email!,
      role: "member",
      invitedBy: owner.id,
      actorRole: "owner",
    });
    const db = await getDb();
    const [row] = await db.select().from(invites).where(eq(invites.id, invite.id));
    expect(row!.tokenHash).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token);

    await expect(acceptInvite({ token, userId: owner.id, userEmail: owner.email! })).rejects.toMatchObject({ status: 403 });
    await db
      .update(invites)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invites.id, invite.id));
    await expect(acceptInvite({ token, userId: guest.id, userEmail: guest.email! })).rejects.toMatchObject({
      status: 410,
      code: "invite_expired",
    });
    await db
      .update(invites)
      .set({ expiresAt: new Date(Date.now() + 60_000) })
      .where(eq(invites.id, invite.id));
    await acceptInvite({ token, userId: guest.id, userEmail: guest.email! });
    await expect(acceptInvite({ token, userId: guest.id, userEmail: guest.email! })).rejects.toMatchObject({
      code: "invite_used",
    });
    await expect(
      createInvite({ workspaceId: ws.id, email: guest.email!, role: "owner", invitedBy: guest.id, actorRole: "admin" }),
    ).rejects.toMatchObject({ status: 403 });
  });
});

describe("passwords", () => {
  it("stores an argon2id hash, never the password", async () => {
    const user = await makeUser("Hash");
    const db = await getDb();
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row!.passwordHash).not.toContain("long enough pw");
  });
});
